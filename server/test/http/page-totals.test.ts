import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../harness.ts';
import { countStatements } from '../../src/platform/db/index.ts';

/**
 * The to-do and ticket lists keep their total between requests (platform/db/page-totals.ts): a warm
 * full page sends only its rows' statement, and a change made in this process shows in the next
 * page's total at once — through the application (a ticket filed) or behind its back (raw SQL).
 */
let t: TestApp;
let apiKey: string;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ CACHE_RECHECK_SECONDS: 60 });
  for (const user of ['rx.operator', 'window.clerk', 'it.admin', 'admin']) cookies[user] = await t.login(user);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/hotline/api-keys',
    headers: { cookie: cookies['it.admin']! },
    payload: { name: '合计测试' },
  });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json().key;
});
afterAll(() => t.close());

async function read(user: string | null, url: string) {
  const headers = user ? { cookie: cookies[user]! } : {};
  const { value, sql: sent } = await countStatements(t.database, () => t.app.inject({ method: 'GET', url, headers }), { keep: true });
  expect(value.statusCode, value.body).toBe(200);
  const body = value.json() as { items: unknown[]; total: number; totalCapped: boolean };
  return { ...body, counted: sent.some((s) => /count\(\*\)/i.test(s)), statements: sent.length };
}

describe('list totals kept between requests', () => {
  const tickets = '/api/workbench/hotline/tickets?page=1&pageSize=2';

  it('tickets: a warm full page sends one statement; a filed ticket shows in the next total', async () => {
    const first = await read('rx.operator', tickets);
    expect(first.items).toHaveLength(2);
    expect(first.total).toBeGreaterThan(2);
    const warm = await read('rx.operator', tickets);
    expect(warm).toMatchObject({ total: first.total, counted: false, statements: 1 });

    const filed = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: apiKey, service_code: 'cg.ljcl', address_string: '示范市明湖区湖滨街道 1 号', description: '垃圾未清运' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const after = await read('rx.operator', tickets);
    expect(after).toMatchObject({ total: first.total + 1, counted: true });
    // The last page, not full, is exact without counting.
    const lastPage = Math.ceil(after.total / 2);
    const last = await read('rx.operator', `/api/workbench/hotline/tickets?page=${lastPage}&pageSize=2`);
    expect(last.items.length).toBe(after.total - (lastPage - 1) * 2);
    expect(last).toMatchObject({ total: after.total, counted: after.total % 2 === 0 });
  });

  it('to-do: a warm full page sends one statement; a case taken off the list behind the application shows at once', async () => {
    const todo = '/api/workbench/todo?page=1&pageSize=1';
    const first = await read('window.clerk', todo);
    expect(first.total).toBeGreaterThan(1);
    const warm = await read('window.clerk', todo);
    expect(warm).toMatchObject({ total: first.total, counted: false, statements: 1 });
    const caseNo = (first.items[0] as { caseNo: string }).caseNo;
    await t.database.db.execute(sql`update cases set step_role = 'nobody' where case_no = ${caseNo}`);
    const after = await read('window.clerk', todo);
    expect(after).toMatchObject({ total: first.total - 1, counted: after.total > 1 });
    expect((after.items[0] as { caseNo: string } | undefined)?.caseNo).not.toBe(caseNo);
  });

  it('the staff case list and 办件公示 (no sign-in) keep theirs too: a warm full page sends one statement, a change shows at once', async () => {
    for (const [user, url] of [
      ['admin', '/api/cases?page=1&pageSize=1'],
      [null, '/api/public/cases?page=1&pageSize=1'],
    ] as const) {
      const first = await read(user, url);
      expect(first.total, url).toBeGreaterThan(1);
      const warm = await read(user, url);
      expect(warm, url).toMatchObject({ total: first.total, counted: false, statements: 1 });
      const caseNo = (first.items[0] as { caseNo: string }).caseNo;
      // Off either list: the staff list is every case (admin), so one is deleted; 办件公示 shows concluded ones only.
      if (user) await t.database.db.execute(sql`delete from case_actions where case_id = (select id from cases where case_no = ${caseNo})`);
      await t.database.db.execute(
        user ? sql`delete from cases where case_no = ${caseNo}` : sql`update cases set status = 'accepted' where case_no = ${caseNo}`,
      );
      const after = await read(user, url);
      expect(after.total, url).toBe(first.total - 1);
    }
  });
});
