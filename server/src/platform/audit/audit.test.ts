import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { verifyAuditChain } from './verify.ts';
import { sealAudit } from './seal.ts';
import { transact } from '../context.ts';
import { rawRows } from '../db/index.ts';

let t: TestEnv;
const countEvents = async () => (await rawRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events`))[0]!.n;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.close());

describe('audit chain', () => {
  it('is intact after seeding and after new events', async () => {
    await transact(t.ctx, async (tx) => {
      tx.audit({ action: 'test.one', objectType: 'test', objectId: '1', summary: { a: 1, nested: { z: 1, b: [1, 'x'] } } });
      tx.audit({ action: 'test.two', objectType: 'test', objectId: '2' });
    });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true, unsealed: 2 });
    await sealAudit(t.ctx);
    const r = await verifyAuditChain(t.database.db);
    expect(r).toMatchObject({ ok: true, unsealed: 0 });
    expect(r.events).toBeGreaterThan(2);
  });

  it('refuses updates and deletes from the application', async () => {
    await expect(t.database.db.execute(sql`UPDATE audit_events SET action = 'x' WHERE seq = 1`)).rejects.toSatisfy((e: Error & { cause?: Error }) =>
      /append-only/.test(`${e.message} ${e.cause?.message}`),
    );
    await expect(t.database.db.execute(sql`DELETE FROM audit_events WHERE seq = 1`)).rejects.toSatisfy((e: Error & { cause?: Error }) =>
      /append-only/.test(`${e.message} ${e.cause?.message}`),
    );
  });

  it('names the first edited event when someone with DBA rights tampers', async () => {
    await t.database.db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await t.database.db.execute(sql`UPDATE audit_events SET summary = '{"forged":true}'::jsonb WHERE seq = 2`);
    const r = await verifyAuditChain(t.database.db);
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 2, reason: expect.stringMatching(/edited/) } });
  });

  it('detects a deleted event', async () => {
    await t.database.db.execute(sql`DELETE FROM audit_events WHERE seq = 1`);
    const r = await verifyAuditChain(t.database.db);
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 1 } });
    await t.database.db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
  });

  it('writes the audit event in the same transaction: a failed change leaves none', async () => {
    const before = await countEvents();
    await expect(
      transact(t.ctx, async (tx) => {
        tx.audit({ action: 'test.fail', objectType: 'test', objectId: '3' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const after = await countEvents();
    expect(after).toBe(before);
  });
});
