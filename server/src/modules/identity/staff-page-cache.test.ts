import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { countStatements } from '../../platform/db/index.ts';
import { forgetGenerations } from '../../platform/meta/generations.ts';
import { demoDepartmentId } from '../org/index.ts';

/**
 * The staff administration list is kept per scope and query for one generation of what it shows
 * (identity/staff-page-cache.ts): a warm page costs no statement, and every change the list shows
 * appears on the next request — in this process at once, from another process once the generations
 * are read again.
 */
let t: TestApp;
let admin: string;
let dlAdmin: string;
type StaffPage = { total: number; items: { username: string; name: string; locked: boolean; roles: unknown[]; departmentName: string }[] };
const page = async (cookie: string, query = 'page=1&pageSize=100'): Promise<StaffPage> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/admin/staff?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const row = (p: StaffPage, username: string) => p.items.find((i) => i.username === username);
const DL_ZWFW = demoDepartmentId('zwfw', '990103');

beforeAll(async () => {
  t = await createTestApp({ CACHE_RECHECK_SECONDS: 60 });
  admin = await t.login('admin');
  dlAdmin = await t.login('dl.admin');
});
afterAll(() => t.close());

describe('the staff list, cached', () => {
  it('a page asked again costs no statement and answers the same', async () => {
    const first = await page(admin);
    const { statements, value } = await countStatements(t.database, () => page(admin));
    expect(statements).toBe(0);
    expect(value).toEqual(first);
  });

  it('each scope and query has its own page: a district administrator never gets the city-wide one', async () => {
    const city = await page(admin);
    const district = await page(dlAdmin);
    expect(district.total).toBeLessThan(city.total);
    expect(district.items.every((i) => i.departmentName)).toBe(true);
    expect(row(district, 'mh.admin')).toBeUndefined();
    expect((await page(admin, 'page=1&pageSize=100&q=dl.')).items.every((i) => i.username.includes('dl.') || i.name.includes('dl.'))).toBe(true);
  });

  it('shows a new staff member, a changed grant and a renamed department on the next request', async () => {
    const before = await page(dlAdmin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      headers: { cookie: dlAdmin },
      payload: {
        username: 'dl.cached',
        name: '东岭缓存',
        departmentId: DL_ZWFW,
        password: 'Harbor-Quill-71-moss',
        roles: [{ roleCode: 'window_clerk', departmentId: DL_ZWFW, regionCode: '990103' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await page(dlAdmin);
    expect(after.total).toBe(before.total + 1);
    expect(row(after, 'dl.cached')?.roles).toHaveLength(1);

    const id = created.json().id as string;
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/staff/${id}`,
      headers: { cookie: dlAdmin },
      payload: { name: '东岭改名', version: created.json().version },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(row(await page(dlAdmin), 'dl.cached')?.name).toBe('东岭改名');

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/departments/${DL_ZWFW}`,
      headers: { cookie: admin },
      payload: { name: '东岭政务服务改名' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(row(await page(dlAdmin), 'dl.cached')?.departmentName).toBe('东岭政务服务改名');
  });

  it('shows an account locked by failed sign-ins on the next request', async () => {
    expect(row(await page(admin), 'dl.cached')?.locked).toBe(false);
    for (let i = 0; i < t.config.LOGIN_MAX_FAILURES; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'dl.cached', password: 'wrong-Passw0rd!' } });
    }
    expect(row(await page(admin), 'dl.cached')?.locked).toBe(true);
  });

  it('shows a change made by another process once the generations are read again', async () => {
    await page(admin);
    // Another process renames a staff member and bumps the staff list's generation in its transaction.
    await t.database.db.execute(sql`UPDATE staff SET name = '别处改名' WHERE id = (SELECT staff_id FROM accounts WHERE username = 'dl.cached')`);
    await t.database.db.execute(sql`
      INSERT INTO system_meta (key, value, updated_at) VALUES ('generation.staff', '1'::jsonb, now())
      ON CONFLICT (key) DO UPDATE SET value = to_jsonb((system_meta.value #>> '{}')::bigint + 1)`);
    // Within CACHE_RECHECK_SECONDS this process still trusts the counters it read …
    expect(row(await page(admin), 'dl.cached')?.name).toBe('东岭改名');
    // … and reads them again after it (forgetGenerations stands for the time running out).
    forgetGenerations();
    expect(row(await page(admin), 'dl.cached')?.name).toBe('别处改名');
  });
});
