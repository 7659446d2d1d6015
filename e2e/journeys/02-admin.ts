import type { Page } from 'playwright-core';
import { assert, DEMO_PASSWORD, pickOption, randomUscc, signIn, type Journey } from '../lib.ts';

const MINGHU = '990102';
const DONGLING = '990103';
const suffix = `${Date.now() % 1_000_000}`;
const DEPT_NAME = `E2E测试局${suffix}`;
const CLERK = { username: `e2e.clerk.${suffix}`, name: `测试窗口${suffix}`, initial: 'Init-Passw0rd-e2e', changed: 'Changed-Passw0rd-e2e2' };

/** Set by the first journey, used by the second. */
let clerkCreated = false;

/** The staff menu (workbench or admin face) in the side bar. */
function staffMenu(page: Page) {
  return page.locator('.staff-sider nav');
}

/** The open create/edit drawer. */
function drawer(page: Page) {
  return page.locator('.form-drawer').first();
}

export const journeys: Journey[] = [
  {
    name: 'it.admin creates a department in 明湖区 and a window clerk in it through the admin forms',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'it.admin', DEMO_PASSWORD, '/admin/departments');
      await page.waitForURL(/\/admin\/departments/);
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });

      // The department form.
      await page.getByRole('button', { name: '新增部门' }).first().click();
      const form = drawer(page);
      await form.getByLabel('部门名称', { exact: true }).fill(DEPT_NAME);
      await form.getByLabel('简称', { exact: true }).fill(`测试${suffix}`);
      const uscc = randomUscc('11990102MB');
      await form.getByLabel('统一社会信用代码', { exact: true }).fill(uscc);
      await pickOption(page, form.getByLabel('所属区划', { exact: true }), '明湖区', `(${MINGHU})`);
      await form.getByLabel('部门类别代码', { exact: true }).fill('e2etest');
      await form.getByText('部门类别代码').first().click(); // closes the code suggestions
      await form.locator('button[type="submit"]').click();
      await page.locator('.form-drawer').waitFor({ state: 'hidden', timeout: 30_000 });

      // The new department is in the list (searched, so paging cannot hide it).
      const search = page.getByPlaceholder('搜索部门名称或简称');
      await search.fill(DEPT_NAME);
      await search.press('Enter');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: DEPT_NAME });
      await row.first().waitFor({ timeout: 30_000 });
      const rowText = (await row.first().innerText()).replace(/\s+/g, ' ');
      assert(
        rowText.includes(uscc) && rowText.includes('明湖区') && rowText.includes('e2etest'),
        `new department row shows USCC, region and kind, got "${rowText}"`,
      );

      // The staff form: a window clerk of the new department, scoped to 明湖区.
      await page.goto(`${baseUrl}/admin/staff`);
      await page.getByRole('button', { name: '新增工作人员' }).first().click();
      const staff = drawer(page);
      await staff.locator('#staff_username').fill(CLERK.username);
      await staff.locator('#staff_name').fill(CLERK.name);
      await pickOption(page, staff.locator('#staff_departmentId'), DEPT_NAME);
      await staff.locator('#staff_password').fill(CLERK.initial);
      await pickOption(page, staff.locator('#staff_roles_0_roleCode'), '窗口受理', '窗口受理人员');
      await pickOption(page, staff.locator('#staff_roles_0_regionCode'), '明湖区', `(${MINGHU})`);
      await staff.locator('button[type="submit"]').click();
      await page.locator('.form-drawer').waitFor({ state: 'hidden', timeout: 30_000 });

      const created = await page.evaluate(async (username) => {
        const res = await fetch(`/api/admin/staff?q=${encodeURIComponent(username)}`);
        const body = (await res.json()) as { items: { username: string; departmentName: string; roles: { roleCode: string; regionCode: string }[] }[] };
        return body.items.find((s) => s.username === username) ?? null;
      }, CLERK.username);
      assert(created, `staff ${CLERK.username} exists after saving the form`);
      assert(created.departmentName === DEPT_NAME, `clerk belongs to ${DEPT_NAME}, got ${created.departmentName}`);
      assert(
        created.roles.length === 1 && created.roles[0]!.roleCode === 'window_clerk' && created.roles[0]!.regionCode === MINGHU,
        `clerk holds window_clerk in ${MINGHU}, got ${JSON.stringify(created.roles)}`,
      );
      clerkCreated = true;
    },
  },
  {
    name: 'the new clerk must change the initial password, then sees 待办事项 but not 管理后台; mh.admin sees 管理后台',
    async run({ baseUrl, newPage }) {
      assert(clerkCreated, 'the clerk was created by the previous journey');
      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, CLERK.username, CLERK.initial, '/workbench');
      await page.waitForURL((u) => u.pathname === '/password', { timeout: 30_000 });
      await page.getByText('首次登录请先修改初始密码。').waitFor();
      await page.locator('#changePassword_currentPassword').fill(CLERK.initial);
      await page.locator('#changePassword_newPassword').fill(CLERK.changed);
      await page.locator('#changePassword_confirm').fill(CLERK.changed);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === '/workbench', { timeout: 30_000 });

      const menu = staffMenu(page);
      await menu.getByRole('link', { name: '待办事项' }).waitFor();
      assert((await menu.getByRole('link', { name: '管理后台' }).count()) === 0, 'a window clerk sees no 管理后台 entry');
      const me = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()) as { mustChangePassword: boolean });
      assert(me.mustChangePassword === false, 'the password change is recorded');

      const admin = await newPage({ width: 1280, height: 900 });
      admin.setDefaultTimeout(30_000);
      await signIn(admin, baseUrl, 'mh.admin', DEMO_PASSWORD, '/workbench');
      await admin.waitForURL((u) => u.pathname === '/workbench');
      await staffMenu(admin).getByRole('link', { name: '管理后台' }).waitFor();
    },
  },
  {
    name: 'mh.admin sees only 明湖区 departments and may not change a 东岭区 one (403 auth.out_of_scope)',
    async run({ baseUrl, newPage }) {
      // A 东岭区 department's id, from the city IT office's list.
      const city = await newPage({ width: 1280, height: 900 });
      city.setDefaultTimeout(30_000);
      await signIn(city, baseUrl, 'it.admin', DEMO_PASSWORD, '/workbench');
      const dongling = await city.evaluate(async (code) => {
        const res = await fetch(`/api/admin/departments?regionCode=${code}`);
        const body = (await res.json()) as { items: { id: string; name: string; regionCode: string; version: number }[] };
        return body.items.find((d) => d.regionCode === code) ?? null;
      }, DONGLING);
      assert(dongling, 'it.admin lists at least one 东岭区 department');

      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'mh.admin', DEMO_PASSWORD, '/admin/departments');
      await page.waitForURL(/\/admin\/departments/);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 30_000 });
      // The region column is the fourth.
      const regions = await rows.evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[3]?.textContent ?? '').trim()));
      assert(regions.length > 0, 'mh.admin sees some departments');
      assert(!regions.some((r) => r.includes('东岭区')), `no 东岭区 row for mh.admin, got ${regions.join(', ')}`);
      assert(
        regions.every((r) => r === '明湖区'),
        `every row is in 明湖区, got ${regions.join(', ')}`,
      );

      const answer = await page.evaluate(async (d) => {
        const res = await fetch(`/api/admin/departments/${d.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `${d.name}（改）`, version: d.version }),
        });
        return { status: res.status, body: await res.text() };
      }, dongling);
      assert(answer.status === 403, `PATCH of a 东岭区 department answers 403, got ${answer.status} ${answer.body}`);
      assert(answer.body.includes('auth.out_of_scope'), `the problem is auth.out_of_scope, got ${answer.body}`);
    },
  },
];
