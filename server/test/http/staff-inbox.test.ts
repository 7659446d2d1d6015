import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/db/ids.ts';
import { outboxMessages } from '../../src/platform/outbox/index.ts';
import { demoDepartmentId, demoId } from '../../src/modules/org/index.ts';
import { createTestApp, type TestApp } from '../harness.ts';

/**
 * The staff inbox (GET /api/me/messages for staff): a staff member reads their own messages and
 * those addressed to `unit:<department id>` of the departments they belong to or are assigned to,
 * newest first; each staff member marks a unit message read for themself; another department's
 * staff neither see nor mark them.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const cityScjg = demoDepartmentId('scjg', '990100');
const mhScjg = demoDepartmentId('scjg', '990102');
const ids = { old: newId(), mid: newId(), own: newId(), other: newId() };

async function call(user: string, method: 'GET' | 'POST', url: string) {
  cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, headers: { cookie: cookies[user] } });
}
type Page = {
  items: { id: string; unit: string | null; template: string; params: Record<string, unknown>; createdAt: string; readAt: string | null }[];
  total: number;
  unread: number;
};
async function inbox(user: string, query = '?page=1&pageSize=20'): Promise<Page> {
  const res = await call(user, 'GET', `/api/me/messages${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const site = (id: string, recipientId: string, template: string, params: Record<string, unknown>, at: string) => ({
  id,
  channel: 'site' as const,
  recipientKind: 'staff',
  recipientId,
  template,
  params,
  status: 'sent' as const,
  sentAt: new Date(at),
  createdAt: new Date(at),
});

beforeAll(async () => {
  t = await createTestApp();
  const clerkStaffId = demoId('staff', 'scjg.clerk');
  await t.database.db
    .insert(outboxMessages)
    .values([
      site(
        ids.old,
        `unit:${cityScjg}`,
        'credit.disclosure.due',
        { day: '2026-03-02', count: 2, late: 1, dueSoon: 1, link: '/workbench/credit?tab=board' },
        '2026-03-02T01:00:00Z',
      ),
      site(ids.mid, `unit:${cityScjg}`, 'supervision.urge.issued', { caseNo: 'SP2026000001', dueDate: '2026-03-09' }, '2026-03-03T01:00:00Z'),
      site(ids.own, clerkStaffId, 'hotline.dispatched', { number: 'RX1' }, '2026-03-04T01:00:00Z'),
      site(ids.other, `unit:${mhScjg}`, 'supervision.urge.escalated', { caseNo: 'SP2026000002', unit: '明湖区市场监管局' }, '2026-03-05T01:00:00Z'),
    ]);
});
afterAll(async () => t?.close());

describe('staff inbox', () => {
  it("lists the staff member's unit messages, newest first, paged", async () => {
    const page = await inbox('scjg.clerk');
    const mine = page.items.filter((m) => Object.values(ids).includes(m.id));
    // newest first: my own message, then the unit's two; not the other department's
    expect(mine.map((m) => m.id)).toEqual([ids.own, ids.mid, ids.old]);
    expect(mine.find((m) => m.id === ids.own)).toMatchObject({ unit: null, template: 'hotline.dispatched' });
    expect(mine.find((m) => m.id === ids.mid)).toMatchObject({ unit: cityScjg, template: 'supervision.urge.issued', readAt: null });
    // newest first
    const dates = page.items.map((m) => m.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const first = await inbox('scjg.clerk', '?page=1&pageSize=1');
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(page.total);
    expect(first.unread).toBe(page.unread);
  });

  it("does not show a unit's messages to another department's staff, nor let them mark one read", async () => {
    const other = await inbox('mh.scjg.clerk');
    expect(other.items.map((m) => m.id)).toContain(ids.other);
    expect(other.items.map((m) => m.id)).not.toContain(ids.mid);
    expect(other.items.map((m) => m.id)).not.toContain(ids.old);
    expect((await call('mh.scjg.clerk', 'POST', `/api/me/messages/${ids.mid}/read`)).statusCode).toBe(404);
    expect((await call('scjg.clerk', 'POST', `/api/me/messages/${ids.other}/read`)).statusCode).toBe(404);
    // a citizen never sees staff messages
    expect((await inbox('citizen1')).items.map((m) => m.id)).not.toContain(ids.mid);
  });

  it('marks a unit message read for the reader only, idempotently; read-all marks the rest', async () => {
    const before = await inbox('scjg.clerk');
    expect((await call('scjg.clerk', 'POST', `/api/me/messages/${ids.mid}/read`)).statusCode).toBe(204);
    expect((await call('scjg.clerk', 'POST', `/api/me/messages/${ids.mid}/read`)).statusCode).toBe(204);
    const after = await inbox('scjg.clerk');
    expect(after.unread).toBe(before.unread - 1);
    const readAt = after.items.find((m) => m.id === ids.mid)!.readAt;
    expect(readAt).not.toBeNull();
    // marking again keeps the first time
    await call('scjg.clerk', 'POST', `/api/me/messages/${ids.mid}/read`);
    expect((await inbox('scjg.clerk')).items.find((m) => m.id === ids.mid)!.readAt).toBe(readAt);
    // a colleague of the same department still has it unread
    expect((await inbox('scjg.reviewer')).items.find((m) => m.id === ids.mid)!.readAt).toBeNull();

    const all = await call('scjg.clerk', 'POST', '/api/me/messages/read-all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().updated).toBe(after.unread);
    const done = await inbox('scjg.clerk');
    expect(done.unread).toBe(0);
    expect(done.items.every((m) => m.readAt !== null)).toBe(true);
    expect((await call('scjg.clerk', 'POST', '/api/me/messages/read-all')).json()).toEqual({ updated: 0 });
    expect((await inbox('scjg.reviewer')).unread).toBeGreaterThan(0);
  });
});
