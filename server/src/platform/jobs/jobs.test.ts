import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { JobRunner, enqueueJob, jobs } from './index.ts';
import { deliverOutbox, enqueueNotification, outboxMessages, listMessages } from '../outbox/index.ts';
import { transact } from '../context.ts';

let t: TestEnv;
beforeAll(async () => {
  t = await createTestEnv();
});
afterAll(() => t.close());

describe('jobs', () => {
  it('two runners never run the same job twice', async () => {
    const ran: string[] = [];
    const handler = async (_ctx: unknown, payload: Record<string, unknown>) => {
      ran.push(String(payload.n));
    };
    for (let i = 0; i < 20; i++) await enqueueJob(t.database.db, 'test.count', { n: i });
    const a = new JobRunner(t.ctx, { 'test.count': handler }, []);
    const b = new JobRunner(t.ctx, { 'test.count': handler }, []);
    await Promise.all([a.runOnce(7), b.runOnce(7), a.runOnce(7), b.runOnce(7)]);
    expect(ran.sort((x, y) => Number(x) - Number(y))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it('retries a failing job with backoff and marks it failed after its attempts', async () => {
    let calls = 0;
    await enqueueJob(t.database.db, 'test.flaky', {}, { maxAttempts: 2 });
    const failing = new JobRunner(
      t.ctx,
      {
        'test.flaky': async () => {
          calls++;
          throw new Error('service down');
        },
      },
      [],
    );
    await failing.runOnce();
    let [row] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'service down' });
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
    await t.database.db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.kind, 'test.flaky'));
    await failing.runOnce();
    [row] = await t.database.db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('keeps running its periodic tasks (the audit sealer) while a long job runs', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started = false;
    await enqueueJob(t.database.db, 'test.long', {});
    let seals = 0;
    const runner = new JobRunner(
      t.ctx,
      {
        'test.long': async () => {
          started = true;
          await released;
        },
      },
      [],
      50,
      [{ name: 'test.seal', everySeconds: 0.1, run: async () => void seals++ }],
    );
    runner.start();
    try {
      await expect.poll(() => started, { timeout: 10_000 }).toBe(true);
      const before = seals;
      // The job is still running: the task goes on on its own timer.
      await expect.poll(() => seals, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 3);
    } finally {
      release();
      await runner.stop();
    }
  });

  it('takes over a job whose process died (lease expired)', async () => {
    await enqueueJob(t.database.db, 'test.orphan', {});
    await t.database.db.execute(
      sql`UPDATE jobs SET status = 'running', locked_by = 'dead:1', locked_until = now() - interval '1 second' WHERE kind = 'test.orphan'`,
    );
    let ran = 0;
    await new JobRunner(t.ctx, { 'test.orphan': async () => void ran++ }, []).runOnce();
    expect(ran).toBe(1);
  });
});

describe('outbox', () => {
  it('a message committed with its change is delivered after a crash before sending', async () => {
    await transact(t.ctx, async (tx) => {
      await enqueueNotification(tx.tx, {
        channel: 'sms',
        recipientKind: 'phone',
        recipientId: 'p1',
        address: '13800001111',
        template: 'case.accepted',
        params: { caseNo: 'X1' },
      });
      tx.audit({ action: 'test.notify', objectType: 'test', objectId: 'p1' });
    });
    // "Crash": the sending process dies after leasing the message, before marking it sent.
    const sent: string[] = [];
    const crashing = {
      send: async () => {
        throw new Error('process killed');
      },
    };
    await deliverOutbox(t.ctx, crashing);
    await t.database.db
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(outboxMessages.recipientId, 'p1'));
    await deliverOutbox(t.ctx, { send: async (m) => void sent.push(m.template) });
    expect(sent).toEqual(['case.accepted']);
    const [row] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, 'p1'));
    expect(row).toMatchObject({ status: 'sent', address: null });
  });

  it('a rolled-back change sends nothing', async () => {
    await expect(
      transact(t.ctx, async (tx) => {
        await enqueueNotification(tx.tx, { channel: 'sms', recipientKind: 'phone', recipientId: 'p2', address: '13800002222', template: 'x', params: {} });
        throw new Error('validation failed');
      }),
    ).rejects.toThrow();
    expect(await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipientId, 'p2'))).toHaveLength(0);
  });

  it('in-site messages appear in the recipient inbox', async () => {
    await enqueueNotification(t.database.db, {
      channel: 'site',
      recipientKind: 'person',
      recipientId: 'person-1',
      template: 'case.accepted',
      params: { caseNo: 'X2' },
    });
    const inbox = await listMessages(t.database.db, { kind: 'person', id: 'person-1' }, { page: 1, pageSize: 10 });
    expect(inbox).toMatchObject({ total: 1, unread: 1, items: [{ template: 'case.accepted', params: { caseNo: 'X2' } }] });
  });
});
