import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact } from '../context.ts';
import { systemMeta } from '../meta/tables.ts';
import { auditedCount, metaKeys } from './test-rows.ts';
import { countStatements, deferInsert } from './index.ts';

/**
 * PostgreSQL transactions of `transact` begin at their first write (lazy-transaction.ts): reads
 * before it go outside the transaction, a lone last statement goes in autocommit. On PGlite every
 * transaction is an ordinary one (same results, BEGIN not counted by its driver).
 */
let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.close());

const pg = () => t.database.kind === 'postgres';
const row = (key: string) => ({ key, value: { lazy: true } });
const keys = (prefix: string) => metaKeys(t.database, prefix);
const audited = (objectId: string) => auditedCount(t.database, objectId);

describe('lazy transactions', () => {
  it('reads alone: no BEGIN, no COMMIT', async () => {
    const { statements, sql } = await countStatements(
      t.database,
      () => transact(t.ctx, async (tx) => tx.tx.select().from(systemMeta).where(eq(systemMeta.key, 'none'))),
      { keep: true },
    );
    expect(sql.filter((s) => s === 'begin' || s === 'commit')).toEqual([]);
    // PGlite: an ordinary transaction, with the test harness's check of unaudited writes before and after.
    expect(statements).toBe(pg() ? 1 : 3);
  });

  it('a write before the last statement opens the transaction: a failure after it leaves nothing', async () => {
    await expect(
      transact(t.ctx, async (tx) => {
        await tx.tx.select().from(systemMeta).where(eq(systemMeta.key, 'none'));
        await tx.tx.insert(systemMeta).values(row('lazy.a.1'));
        // The transaction sees its own write.
        expect(await tx.tx.select().from(systemMeta).where(like(systemMeta.key, 'lazy.a.%'))).toHaveLength(1);
        tx.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-a' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await keys('lazy.a.')).toEqual([]);
    expect(await audited('lazy-a')).toBe(0);
  });

  it('a write and the last statement commit together (BEGIN, write, last, COMMIT on PostgreSQL)', async () => {
    const { sql } = await countStatements(
      t.database,
      () =>
        transact(t.ctx, async (tx) => {
          await tx.tx.insert(systemMeta).values(row('lazy.b.1'));
          deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('lazy.b.2')).getSQL());
          tx.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-b' });
        }),
      { keep: true },
    );
    expect(await keys('lazy.b.')).toEqual(['lazy.b.1', 'lazy.b.2']);
    expect(await audited('lazy-b')).toBe(1);
    if (pg()) {
      expect(sql[0]).toBe('begin');
      expect(sql.at(-1)).toBe('commit');
    }
  });

  it('a lone last statement that fails (a key already there) writes nothing', async () => {
    await expect(
      transact(t.ctx, async (tx) => {
        deferInsert(tx.tx, tx.tx.insert(systemMeta).values(row('lazy.b.1')).getSQL());
        tx.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-c' });
      }),
    ).rejects.toThrow();
    expect(await audited('lazy-c')).toBe(0);
  });

  it('a locking read opens the transaction (FOR UPDATE holds the row until the end)', async () => {
    const { sql } = await countStatements(
      t.database,
      () =>
        transact(t.ctx, async (tx) => {
          await tx.tx.select().from(systemMeta).where(eq(systemMeta.key, 'lazy.b.1')).for('update');
          tx.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-d' });
        }),
      { keep: true },
    );
    if (pg()) expect(sql[0]).toBe('begin');
    expect(await audited('lazy-d')).toBe(1);
  });

  it('a nested transact is a savepoint of the open transaction', async () => {
    await transact(t.ctx, async (outer) => {
      await transact(outer, async (inner) => {
        await inner.tx.insert(systemMeta).values(row('lazy.e.1'));
        inner.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-e' });
      });
      expect(await outer.tx.select().from(systemMeta).where(like(systemMeta.key, 'lazy.e.%'))).toHaveLength(1);
    });
    expect(await keys('lazy.e.')).toEqual(['lazy.e.1']);
    expect(await audited('lazy-e')).toBe(1);
  });
});

describe('statements of one transaction sent at once', () => {
  it('run one after another on its connection, without the driver warning of queries sent while one runs', async () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const found = await transact(t.ctx, async (tx) => {
        await tx.tx.insert(systemMeta).values(row('lazy-together'));
        tx.audit({ action: 'test.lazy', objectType: 'test', objectId: 'lazy-together' });
        return Promise.all([1, 2, 3, 4].map(() => tx.tx.select().from(systemMeta).where(like(systemMeta.key, 'lazy-together%'))));
      });
      expect(found.map((rows) => rows.length)).toEqual([1, 1, 1, 1]);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
    } finally {
      process.off('warning', listen);
    }
  });
});
