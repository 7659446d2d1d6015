import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { rawRows } from './db/types.ts';
import { transact } from './context.ts';

let env: TestEnv;
const count = async () => (await rawRows<{ n: number }>(env.database.db, sql`SELECT count(*)::int AS n FROM audit_probe`))[0]!.n;

beforeAll(async () => {
  env = await createTestEnv();
  await env.database.db.execute(sql`CREATE TABLE audit_probe (x int)`);
});
afterAll(() => env.close());

describe('transact under test: every state change is audited', () => {
  it('fails a transaction that wrote rows without an audit event, and writes nothing', async () => {
    const before = await count();
    await expect(transact(env.ctx, async (t) => t.tx.execute(sql`INSERT INTO audit_probe VALUES (1)`))).rejects.toThrow(/audit_probe without an audit event/);
    expect(await count()).toBe(before);
  });

  it('commits the same write with its audit event', async () => {
    const before = await count();
    await transact(env.ctx, async (t) => {
      await t.tx.execute(sql`INSERT INTO audit_probe VALUES (2)`);
      t.audit({ action: 'probe.write', objectType: 'probe', objectId: '2' });
    });
    expect(await count()).toBe(before + 1);
  });

  it('counts an event recorded by a nested transaction for the outer one', async () => {
    const before = await count();
    await transact(env.ctx, async (t) => {
      await t.tx.execute(sql`INSERT INTO audit_probe VALUES (3)`);
      await transact(t, async (inner) => inner.audit({ action: 'probe.write', objectType: 'probe', objectId: '3' }));
    });
    expect(await count()).toBe(before + 1);
  });

  it('lets bookkeeping through when the transaction says why', async () => {
    const before = await count();
    await transact(env.ctx, async (t) => t.tx.execute(sql`INSERT INTO audit_probe VALUES (4)`), { unaudited: 'test bookkeeping' });
    expect(await count()).toBe(before + 1);
  });

  it('does not count writes of an earlier transaction on the same connection', async () => {
    await transact(env.ctx, async (t) => {
      await t.tx.execute(sql`INSERT INTO audit_probe VALUES (5)`);
      t.audit({ action: 'probe.write', objectType: 'probe', objectId: '5' });
    });
    // A read-only transaction right after: nothing of its own to audit.
    await expect(transact(env.ctx, async (t) => rawRows(t.tx, sql`SELECT 1`))).resolves.toBeDefined();
  });
});
