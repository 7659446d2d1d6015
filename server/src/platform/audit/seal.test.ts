import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact } from '../context.ts';
import { rawRows } from '../db/index.ts';
import { GENESIS_HASH, chainHash } from './chain.ts';
import { sealAudit } from './seal.ts';
import { verifyAuditChain } from './verify.ts';
import { auditEvents } from './tables.ts';
import { auditVerifyCommand } from './cli.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.close());

const db = () => t.database.db;
const writeEvent = (objectId: string) =>
  transact(t.ctx, async (tx) => {
    tx.audit({ action: 'test.write', objectType: 'test', objectId, summary: { objectId } });
  });
const seqOf = async (objectId: string) => (await rawRows<{ seq: number }>(db(), sql`select seq from audit_events where object_id = ${objectId}`))[0]!.seq;
const asDba = async (fn: () => Promise<unknown>) => {
  await db().execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
  try {
    await fn();
  } finally {
    await db().execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
  }
};

describe('audit chain sealed after commit (decision 0006)', () => {
  it('starts sealed after seeding; new events wait unsealed until sealAudit chains them in seq order', async () => {
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 0 });
    await writeEvent('s1');
    await writeEvent('s2');
    const pending = await rawRows<{ hash: string | null }>(db(), sql`select hash from audit_events where object_id in ('s1', 's2')`);
    expect(pending.map((r) => r.hash)).toEqual([null, null]);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 2 });
    expect(await sealAudit(t.ctx)).toEqual({ sealed: 2, unsealed: 0 });
    const [a, b] = await rawRows<{ seq: number; prev_seq: number }>(
      db(),
      sql`select seq, prev_seq from audit_events where object_id in ('s1', 's2') order by seq`,
    );
    expect(b!.prev_seq).toBe(a!.seq);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('skips the seqs of rolled-back transactions', async () => {
    // The audit row is inserted at the end of transact: a nested one takes its seq, the outer one rolls back.
    await expect(
      transact(t.ctx, async (outer) => {
        await transact(outer, async (inner) => inner.audit({ action: 'test.write', objectType: 'test', objectId: 'gap' }));
        throw new Error('outer fails after the inner audit insert took a seq');
      }),
    ).rejects.toThrow('outer fails');
    await writeEvent('after-gap');
    await sealAudit(t.ctx);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('16 transactions in parallel are all sealed, in seq order, and verify', async () => {
    await Promise.all(Array.from({ length: 16 }, (_, i) => writeEvent(`p${i}`)));
    expect((await sealAudit(t.ctx)).unsealed).toBe(0);
    const rows = await rawRows<{ seq: number; prev_seq: number }>(
      db(),
      sql`select seq, prev_seq from audit_events where object_id like 'p%' and object_type = 'test' order by seq`,
    );
    expect(rows).toHaveLength(16);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_seq).toBe(rows[i - 1]!.seq);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 0 });
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')('never seals past a transaction that holds an earlier seq and has not ended', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let tookSeq!: () => void;
    const seqTaken = new Promise<void>((r) => (tookSeq = r));
    const slow = transact(t.ctx, async (outer) => {
      await transact(outer, async (inner) => inner.audit({ action: 'test.write', objectType: 'test', objectId: 'slow' }));
      tookSeq();
      await gate;
    });
    await seqTaken;
    await writeEvent('fast'); // commits first, with the later seq
    expect(await sealAudit(t.ctx, { maxWaitMs: 100 })).toEqual({ sealed: 0, unsealed: 1 });
    release();
    await slow;
    expect(await sealAudit(t.ctx)).toEqual({ sealed: 2, unsealed: 0 });
    const [slowSeq, fastSeq] = [await seqOf('slow'), await seqOf('fast')];
    expect(slowSeq).toBeLessThan(fastSeq);
    const [fast] = await rawRows<{ prev_seq: number }>(db(), sql`select prev_seq from audit_events where seq = ${fastSeq}`);
    expect(fast!.prev_seq).toBe(slowSeq);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('the application may seal an event, never edit or delete one (sealed or not)', async () => {
    await writeEvent('guarded');
    const seq = await seqOf('guarded');
    const refused = (e: Error & { cause?: Error }) => /append-only/.test(`${e.message} ${e.cause?.message}`);
    await expect(db().execute(sql`UPDATE audit_events SET summary = '{}'::jsonb WHERE seq = ${seq}`)).rejects.toSatisfy(refused);
    await expect(db().execute(sql`UPDATE audit_events SET summary = '{}'::jsonb, hash = 'x', prev_hash = 'y' WHERE seq = ${seq}`)).rejects.toSatisfy(refused);
    await expect(db().execute(sql`DELETE FROM audit_events WHERE seq = ${seq}`)).rejects.toSatisfy(refused);
    await sealAudit(t.ctx);
    await expect(db().execute(sql`UPDATE audit_events SET hash = NULL WHERE seq = ${seq}`)).rejects.toSatisfy(refused);
  });

  it('names an edited sealed event, and a deleted one', async () => {
    for (const id of ['e1', 'e2', 'e3', 'e4']) await writeEvent(id);
    await sealAudit(t.ctx);
    const [e2, e3] = [await seqOf('e2'), await seqOf('e3')];
    await asDba(() => db().execute(sql`UPDATE audit_events SET summary = '{"forged":true}'::jsonb WHERE seq = ${e2}`));
    expect(await verifyAuditChain(db())).toMatchObject({ ok: false, brokenAt: { seq: e2, reason: expect.stringMatching(/edited/) } });
    await asDba(() => db().execute(sql`UPDATE audit_events SET summary = '{"objectId":"e2"}'::jsonb WHERE seq = ${e2}`));
    expect((await verifyAuditChain(db())).ok).toBe(true);
    await asDba(() => db().execute(sql`DELETE FROM audit_events WHERE seq = ${e3}`));
    const r = await verifyAuditChain(db());
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: e3, id: null, reason: expect.stringMatching(/missing/) } });
    const out: string[] = [];
    expect(await auditVerifyCommand(db(), [], (s) => out.push(s))).toBe(1);
    expect(out.join('')).toContain(`AUDIT CHAIN BROKEN at event seq ${e3}`);
  });
});

describe('events chained before decision 0006', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('still verify, and new events continue their chain', async () => {
    const d = env.database.db;
    // Rewrite the trail as the old writer left it: seq 1… without gaps, no prev_seq.
    const rows = await d.select().from(auditEvents).orderBy(auditEvents.seq).limit(5);
    await d.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await d.execute(sql`DELETE FROM audit_events`);
    let prevHash = GENESIS_HASH;
    for (const [i, row] of rows.entries()) {
      const legacy = { ...row, seq: i + 1, prevSeq: null };
      const hash = chainHash(prevHash, legacy);
      await d.insert(auditEvents).values({ ...legacy, prevHash, hash });
      prevHash = hash;
    }
    await d.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    await d.execute(sql`SELECT setval('audit_events_seq', 6, false)`); // what migration 0006 does
    expect(await verifyAuditChain(d)).toMatchObject({ ok: true, events: 5, unsealed: 0, headHash: prevHash });

    await transact(env.ctx, async (tx) => tx.audit({ action: 'test.write', objectType: 'test', objectId: 'new' }));
    await sealAudit(env.ctx);
    const [next] = await rawRows<{ seq: number; prev_seq: number; prev_hash: string }>(
      d,
      sql`select seq, prev_seq, prev_hash from audit_events where object_id = 'new'`,
    );
    expect(next).toEqual({ seq: 6, prev_seq: 5, prev_hash: prevHash });
    expect(await verifyAuditChain(d)).toMatchObject({ ok: true, events: 6 });

    await d.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await d.execute(sql`DELETE FROM audit_events WHERE seq = 3`);
    await d.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    expect(await verifyAuditChain(d)).toMatchObject({ ok: false, events: 2, brokenAt: { seq: 3 } });
  });
});
