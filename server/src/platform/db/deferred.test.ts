import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like, sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact } from '../context.ts';
import { systemMeta } from '../meta/tables.ts';
import { auditEvents } from '../audit/tables.ts';
import { auditedCount, metaKeys } from './test-rows.ts';
import { countStatements, deferInsert, FastInsert } from './index.ts';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * Inserts left for the transaction's last statement (deferred.ts): written with the audit events in
 * one statement, in the same transaction — nothing of it when the transaction fails.
 */
let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.close());

const row = (key: string) => ({ key, value: { deferred: true } });
const stored = (prefix: string) => metaKeys(t.database, prefix);
const audited = (objectId: string) => auditedCount(t.database, objectId);

describe('deferred inserts', () => {
  it('go out with the audit event, in one statement of the same transaction', async () => {
    const { statements } = await countStatements(t.database, () =>
      transact(t.ctx, async (tx) => {
        expect(deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('deferred.a.1')).getSQL())).toBe(true);
        expect(
          deferInsert(
            tx.tx,
            tx.tx
              .insert(systemMeta)
              .values([row('deferred.a.2'), row('deferred.a.3')])
              .getSQL(),
          ),
        ).toBe(true);
        // Not visible inside the transaction before its last statement: only for rows it does not read back.
        expect(await tx.tx.select().from(systemMeta).where(like(systemMeta.key, 'deferred.a.%'))).toEqual([]);
        tx.audit({ action: 'test.deferred', objectType: 'test', objectId: 'deferred-a' });
      }),
    );
    expect(await stored('deferred.a.')).toEqual(['deferred.a.1', 'deferred.a.2', 'deferred.a.3']);
    expect(await audited('deferred-a')).toBe(1);
    // The read above and the last statement. PostgreSQL: the read outside the transaction and the last statement in
    // autocommit, no BEGIN/COMMIT (lazy-transaction.ts); PGlite: plus the test harness's check of unaudited writes.
    expect(statements).toBe(t.database.kind === 'postgres' ? 2 : 3);
  });

  it('are written even without an audit event (bookkeeping), and not at all when the transaction fails', async () => {
    await transact(t.ctx, async (tx) => void deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('deferred.b.1')).getSQL()), { unaudited: 'test' });
    expect(await stored('deferred.b.')).toEqual(['deferred.b.1']);
    await expect(
      transact(t.ctx, async (tx) => {
        deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('deferred.c.1')).getSQL());
        tx.audit({ action: 'test.deferred', objectType: 'test', objectId: 'deferred-c' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await stored('deferred.c.')).toEqual([]);
    expect(await audited('deferred-c')).toBe(0);
  });

  it('a failing deferred insert (a key already there) fails the transaction and its audit event', async () => {
    await expect(
      transact(t.ctx, async (tx) => {
        deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('deferred.b.1')).getSQL());
        tx.audit({ action: 'test.deferred', objectType: 'test', objectId: 'deferred-d' });
      }),
    ).rejects.toThrow();
    expect(await audited('deferred-d')).toBe(0);
  });

  it('FastInsert writes what the Drizzle insert builder writes (columns, defaults, driver values)', () => {
    const dialect = new PgDialect();
    const rows = [
      {
        id: 'a',
        occurredAt: new Date('2026-12-07T01:02:03Z'),
        actorId: null,
        actorKind: 'system',
        actorName: '系统',
        action: 'x',
        objectType: 't',
        objectId: '1',
        summary: { a: [1, '二'] },
      },
      {
        id: 'b',
        occurredAt: new Date('2026-12-07T01:02:04Z'),
        actorKind: 'person',
        actorName: 'p',
        action: 'y',
        objectType: 't',
        objectId: '2',
        summary: {},
        ip: '127.0.0.1',
      },
    ];
    const start = { value: 0 };
    const fast = new FastInsert(auditEvents, rows).text(start)!;
    const drizzle = dialect.sqlToQuery(t.database.db.insert(auditEvents).values(rows).getSQL());
    expect(fast.sql).toBe(drizzle.sql);
    expect(fast.params).toEqual(drizzle.params);
    expect(start.value).toBe(drizzle.params.length);
  });

  it('outside a transact: refused (the caller sends the insert itself)', async () => {
    expect(deferInsert(t.database.db, sql`select 1`)).toBe(false);
    await t.database.db.transaction(async (tx) => expect(deferInsert(tx, sql`select 1`)).toBe(false));
  });
});
