import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { countStatements } from '../../platform/db/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { getStaff, listStaff, updateStaff } from './staff-service.ts';

/**
 * A staff member's "who am I" is kept per account for one auth and one org generation
 * (identity/me-cache.ts): one statement warm, and a change of grants or of a department's name
 * shows on the next request.
 */
let t: TestApp;
let cookie: string;
const me = async () => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();

beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('rsj.clerk');
});
afterAll(() => t.close());

describe('who am I, cached for staff', () => {
  it('costs no statement when warm (the session row and the generations are trusted for CACHE_RECHECK_SECONDS)', async () => {
    await me();
    const { statements } = await countStatements(t.database, () => me());
    expect(statements).toBe(0);
  });

  it('shows a new grant and a renamed department on the next request', async () => {
    const admin = await t.as('admin');
    const before = await me();
    const clerk = (await listStaff(admin, { page: 1, pageSize: 5, q: 'rsj.clerk' })).items[0]!;
    const current = await getStaff(admin, clerk.id);
    await updateStaff(admin, clerk.id, {
      roles: [...current.roles, { roleCode: 'window_clerk', departmentId: demoDepartmentId('rsj', '990100'), regionCode: '990100' }],
      version: current.version,
    });
    const granted = await me();
    expect(granted.staff.roles.length).toBe(before.staff.roles.length + 1);

    const adminCookie = await t.login('admin');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/departments/${granted.staff.departmentId}`,
      headers: { cookie: adminCookie },
      payload: { name: '改名后的人社局' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await me()).staff.departmentName).toBe('改名后的人社局');
    expect((await me()).mustChangePassword).toBe(false);
  });
});
