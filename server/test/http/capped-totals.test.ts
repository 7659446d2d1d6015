// The big lists' totals (the workbench's, the staff case list, 办件公示) stop counting past a cap (issue 12; platform/db/paging.ts
// cappedTotal), made observable with a small cap instead of 1,000 rows: the total says the cap and
// totalCapped, the page itself is unchanged, and the pages past the cap are still there.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setPageTotalCapForTests } from '../../src/platform/db/paging.ts';
import { createTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
const cookies = new Map<string, string>();
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => setPageTotalCapForTests());

interface Page {
  items: unknown[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

async function get(user: string, url: string): Promise<Page> {
  if (!cookies.has(user)) cookies.set(user, await t.login(user));
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(user)! } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

describe('capped totals of the workbench lists', () => {
  it.each([
    ['window.clerk', '/api/workbench/todo'],
    ['rx.operator', '/api/workbench/hotline/tickets'],
    ['admin', '/api/cases'],
    ['scjg.clerk', '/api/cases'],
    ['citizen1', '/api/public/cases'],
  ])('%s %s: the cap and totalCapped past it, the exact count up to it; every page still there', async (user, path) => {
    const all = await get(user, `${path}?page=1&pageSize=100`);
    const n = all.total;
    expect(all.totalCapped).toBe(false);
    expect(n).toBeGreaterThanOrEqual(6);
    expect(all.items.length).toBe(Math.min(n, 100));

    setPageTotalCapForTests(n);
    expect(await get(user, `${path}?page=1&pageSize=3`)).toMatchObject({ total: n, totalCapped: false, items: all.items.slice(0, 3) });

    setPageTotalCapForTests(4);
    expect(await get(user, `${path}?page=1&pageSize=3`)).toMatchObject({ total: 4, totalCapped: true, items: all.items.slice(0, 3) });
    // Past the cap the pages go on: the page is read as before, only the count stopped.
    expect(await get(user, `${path}?page=2&pageSize=3`)).toMatchObject({ total: 4, totalCapped: true, items: all.items.slice(3, 6) });
    // A page past the end counts on its own (pageTotal), capped too.
    expect(await get(user, `${path}?page=1000&pageSize=3`)).toMatchObject({ items: [], total: 4, totalCapped: true });
  });

  it('a to-do over two grants (rsj.clerk: window clerk and reviewer) counts the union of their selects', async () => {
    const all = await get('rsj.clerk', '/api/workbench/todo?page=1&pageSize=100');
    expect(all).toMatchObject({ totalCapped: false });
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(0);
    setPageTotalCapForTests(all.total - 1);
    expect(await get('rsj.clerk', '/api/workbench/todo?page=1&pageSize=100')).toMatchObject({ total: all.total - 1, totalCapped: true, items: all.items });
  });

  it("leaves the other lists exact: an applicant's own cases say totalCapped false past the cap, the staff page has no cap", async () => {
    setPageTotalCapForTests(0);
    const mine = await get('citizen1', '/api/cases?mine=1&page=1&pageSize=5');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.totalCapped).toBe(false);
    const staff = await get('admin', '/api/admin/staff?page=1&pageSize=5');
    expect(staff.total).toBeGreaterThan(0);
    expect(staff).not.toHaveProperty('totalCapped');
  });
});
