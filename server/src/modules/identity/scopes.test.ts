import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';
import { demoIdNumber } from './seed.ts';

/**
 * Issue 11 §2, the identity half: a district administrator (mh.admin, IT admin of 明湖区 only)
 * cannot take over the city through roles, staff, the audit trail or personal-data reads.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (username: string) => (cookies[username] ??= await t.login(username));
const call = async (username: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: await as(username) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
const staffId = (username: string) => demoId('staff', username);
const MH_ZWFW = demoDepartmentId('zwfw', '990102');
let newStaffSeq = 0;
/** The 明湖区 supervisor made by admin in 'reading is scoped' (a district-level read_sensitive grant). */
let mhSupervisor = '';
/** A fresh staff member in 明湖区 created by mh.admin, with the given roles. */
async function newMinghuStaff(roles: unknown[] = [], by = 'mh.admin') {
  const username = `mh.new${++newStaffSeq}`;
  const res = await call(by, 'POST', '/api/admin/staff', {
    username,
    name: `新人${newStaffSeq}`,
    departmentId: MH_ZWFW,
    password: 'initial-Pass-9137x',
    roles,
  });
  return { res, username };
}
async function personIdOf(citizen: string) {
  return (await call(citizen, 'GET', '/api/auth/me')).json().person.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('roles are owned by the scope that made them', () => {
  it('mh.admin cannot create a role holding identity.person.read_sensitive, which he lacks', async () => {
    const res = await call('mh.admin', 'POST', '/api/admin/roles', {
      code: 'mh_sensitive',
      name: '查身份证',
      nameEn: 'ID reader',
      permissions: ['identity.person.read_sensitive'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toMatchObject([{ field: 'permissions', code: 'beyond_granter' }]);
    expect((await call('admin', 'GET', '/api/admin/roles')).json().map((r: { code: string }) => r.code)).not.toContain('mh_sensitive');
  });

  it('a role created with permissions the creator holds belongs to the creator’s region', async () => {
    const res = await call('mh.admin', 'POST', '/api/admin/roles', {
      code: 'mh_staff_helper',
      name: '明湖人事助理',
      nameEn: 'Minghu HR helper',
      permissions: ['identity.staff.manage'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'mh_staff_helper', builtIn: false, ownerRegionCode: '990102', ownerDepartmentId: null });
    // nor can he give it to another district or the city as owner
    const elsewhere = await call('mh.admin', 'POST', '/api/admin/roles', {
      code: 'mh_for_dl',
      name: 'x',
      nameEn: 'x',
      permissions: ['identity.staff.manage'],
      ownerRegionCode: '990103',
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().errors).toMatchObject([{ field: 'ownerRegionCode', code: 'out_of_scope' }]);
  });

  it('mh.admin cannot edit a custom role that admin created; the owner scope can', async () => {
    expect(
      (
        await call('admin', 'POST', '/api/admin/roles', {
          code: 'city_auditor',
          name: '审计查阅',
          nameEn: 'Audit reader',
          permissions: ['platform.audit.read'],
        })
      ).statusCode,
    ).toBe(201);
    const res = await call('mh.admin', 'PATCH', '/api/admin/roles/city_auditor', { permissions: ['platform.audit.read', 'identity.staff.manage'] });
    expect(res.statusCode).toBe(403);
    const rename = await call('mh.admin', 'PATCH', '/api/admin/roles/city_auditor', { name: '我的' });
    expect(rename.statusCode).toBe(403);
    expect((await call('admin', 'PATCH', '/api/admin/roles/city_auditor', { name: '审计查阅员' })).json()).toMatchObject({
      name: '审计查阅员',
      permissions: ['platform.audit.read'],
    });
  });

  it('the city admin edits a district role; another district cannot see or edit it', async () => {
    const cityEdit = await call('it.admin', 'PATCH', '/api/admin/roles/mh_staff_helper', { nameEn: 'Minghu HR assistant' });
    expect(cityEdit.statusCode).toBe(200);
    expect((await call('dl.admin', 'PATCH', '/api/admin/roles/mh_staff_helper', { name: '东岭改' })).statusCode).toBe(403);
    const dlRoles = (await call('dl.admin', 'GET', '/api/admin/roles')).json().map((r: { code: string }) => r.code);
    expect(dlRoles).toContain('window_clerk');
    expect(dlRoles).not.toContain('mh_staff_helper');
    expect((await call('it.admin', 'GET', '/api/admin/roles')).json().map((r: { code: string }) => r.code)).toContain('mh_staff_helper');
  });

  it('an edit adds only permissions the editor holds in the owner scope; removing is always allowed', async () => {
    const add = await call('mh.admin', 'PATCH', '/api/admin/roles/mh_staff_helper', {
      permissions: ['identity.staff.manage', 'identity.person.read_sensitive'],
    });
    expect(add.statusCode).toBe(403);
    expect(add.json().errors).toMatchObject([{ field: 'permissions', code: 'beyond_granter' }]);
    const ok = await call('mh.admin', 'PATCH', '/api/admin/roles/mh_staff_helper', { permissions: ['identity.staff.manage', 'platform.audit.read'] });
    expect(ok.json().permissions).toEqual(['identity.staff.manage', 'platform.audit.read']);
  });

  it('a custom role is assigned only inside its owner scope, and only by someone holding its permissions there', async () => {
    // it.admin holds everything in it, but the role belongs to 明湖区: not at city level
    const cityLevel = await call('it.admin', 'PATCH', `/api/admin/staff/${staffId('window.clerk')}`, {
      roles: [
        { roleCode: 'window_clerk', regionCode: '990100' },
        { roleCode: 'mh_staff_helper', regionCode: '990100' },
      ],
    });
    expect(cityLevel.statusCode).toBe(403);
    expect(cityLevel.json().errors).toMatchObject([{ field: 'roles.1.regionCode', code: 'outside_role_owner' }]);
    const { res } = await newMinghuStaff([{ roleCode: 'mh_staff_helper', regionCode: '990102' }]);
    expect(res.statusCode).toBe(201);
    // a root-owned role with a permission mh.admin lacks cannot be handed out by him in his district
    await call('admin', 'POST', '/api/admin/roles', {
      code: 'id_reader',
      name: '身份核验',
      nameEn: 'ID check',
      permissions: ['identity.person.read_sensitive'],
    });
    const beyond = await newMinghuStaff([{ roleCode: 'id_reader', regionCode: '990102' }]);
    expect(beyond.res.statusCode).toBe(403);
    expect(beyond.res.json().errors).toMatchObject([{ field: 'roles.0.roleCode', code: 'beyond_granter' }]);
  });
});

describe('grants', () => {
  it('mh.admin cannot give himself supervisor at 990102 (nor any change of his own roles)', async () => {
    const res = await call('mh.admin', 'PATCH', `/api/admin/staff/${staffId('mh.admin')}`, {
      roles: [
        { roleCode: 'it_admin', regionCode: '990102' },
        { roleCode: 'supervisor', regionCode: '990102' },
      ],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toMatchObject([{ field: 'roles', code: 'own_roles' }]);
    const me = (await call('mh.admin', 'GET', '/api/auth/me')).json();
    expect(me.permissions).not.toContain('identity.person.read_sensitive');
    // nor reset his own password without the current one, unlock, deactivate or move himself
    const reset = await call('mh.admin', 'PATCH', `/api/admin/staff/${staffId('mh.admin')}`, { resetPassword: 'self-Reset-8842z' });
    expect(reset.statusCode).toBe(403);
    expect(reset.json().errors).toMatchObject([{ field: 'resetPassword', code: 'own_account' }]);
    // sending his unchanged roles with another edit is fine
    expect(
      (
        await call('mh.admin', 'PATCH', `/api/admin/staff/${staffId('mh.admin')}`, {
          name: '明湖区信息化管理员',
          roles: [{ roleCode: 'it_admin', regionCode: '990102' }],
        })
      ).statusCode,
    ).toBe(200);
  });

  it('nor can he give supervisor (audit + full ID numbers) to a colleague: he does not hold it', async () => {
    const { res } = await newMinghuStaff([{ roleCode: 'supervisor', regionCode: '990102' }]);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toMatchObject([{ field: 'roles.0.roleCode', code: 'beyond_granter' }]);
  });

  it('operational roles are his to hand out in his district, not beyond it', async () => {
    expect(
      (
        await newMinghuStaff([
          { roleCode: 'window_clerk', regionCode: '990102' },
          { roleCode: 'hotline_handler', regionCode: '990102001' },
        ])
      ).res.statusCode,
    ).toBe(201);
    const out = await newMinghuStaff([{ roleCode: 'window_clerk', regionCode: '990103' }]);
    expect(out.res.statusCode).toBe(403);
    expect(out.res.json().errors).toMatchObject([{ field: 'roles.0.regionCode', code: 'out_of_scope' }]);
  });

  it('a city IT admin cannot take over the platform admin: no password reset for someone holding more', async () => {
    const res = await call('it.admin', 'PATCH', `/api/admin/staff/${staffId('admin')}`, { resetPassword: 'taken-Over-4821x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors).toMatchObject([{ field: 'roles', code: 'holds_more' }]);
    expect((await call('it.admin', 'PATCH', `/api/admin/staff/${staffId('supervisor')}`, { name: '杨监察' })).statusCode).toBe(403);
    expect((await call('mh.admin', 'PATCH', `/api/admin/staff/${staffId('mh.scjg.clerk')}`, { name: '明湖区市场监管窗口' })).statusCode).toBe(200);
    // dept_admin holds only staff management, bound to his department: he may not widen it
    const deptAdmin = await newMinghuStaff([{ roleCode: 'dept_admin', departmentId: MH_ZWFW, regionCode: '990102' }]);
    expect(deptAdmin.res.statusCode).toBe(201);
  });
});

describe('reading is scoped', () => {
  it('GET /api/admin/staff/:id only inside the reader’s staff-management scope', async () => {
    expect((await call('mh.admin', 'GET', `/api/admin/staff/${staffId('admin')}`)).statusCode).toBe(403);
    expect((await call('mh.admin', 'GET', `/api/admin/staff/${staffId('dl.scjg.clerk')}`)).statusCode).toBe(403);
    expect((await call('mh.admin', 'GET', `/api/admin/staff/${staffId('mh.scjg.clerk')}`)).json()).toMatchObject({ username: 'mh.scjg.clerk' });
    expect((await call('it.admin', 'GET', `/api/admin/staff/${staffId('admin')}`)).statusCode).toBe(200);
  });

  it('a full ID number only within the reader’s region: a 明湖区 supervisor cannot read a 东岭区 person', async () => {
    const dlPerson = await personIdOf('citizen2');
    const mhPerson = await personIdOf('citizen1');
    // it.admin (city) can grant supervisor in 明湖区: he holds every permission of it there? No: it_admin lacks read_sensitive.
    expect((await newMinghuStaff([{ roleCode: 'supervisor', regionCode: '990102' }], 'it.admin')).res.statusCode).toBe(403);
    // the platform admin can
    const { res, username } = await newMinghuStaff([{ roleCode: 'supervisor', regionCode: '990102' }], 'admin');
    expect(res.statusCode).toBe(201);
    const cookie = await t.login(username, 'initial-Pass-9137x');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'initial-Pass-9137x', newPassword: 'changed-Pass-5523y' },
    });
    mhSupervisor = cookie;
    const read = (id: string) =>
      t.app.inject({ method: 'POST', url: `/api/admin/persons/${id}/id-number`, headers: { cookie }, payload: { reason: '投诉核查需要' } });
    expect((await read(dlPerson)).statusCode).toBe(403);
    const own = await read(mhPerson);
    expect(own.statusCode).toBe(200);
    expect(own.json().idNumber).toBe(demoIdNumber(0));
    // the city supervisor reads both
    expect((await call('supervisor', 'POST', `/api/admin/persons/${dlPerson}/id-number`, { reason: '投诉核查需要' })).json().idNumber).toBe(demoIdNumber(1));
  });

  it('a person with no recorded region is read only under a city-wide grant', async () => {
    const { ensurePerson } = await import('./people-service.ts');
    const { transact } = await import('../../platform/context.ts');
    const person = await transact(t.ctx, (tx) => ensurePerson(tx, { name: '无籍', idNumber: '11010519491231002X' }));
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/admin/persons/${person.id}/id-number`,
      headers: { cookie: mhSupervisor },
      payload: { reason: '投诉核查需要' },
    });
    expect(read.statusCode).toBe(403);
    expect((await call('supervisor', 'POST', `/api/admin/persons/${person.id}/id-number`, { reason: '投诉核查需要' })).json().idNumber).toBe(
      '11010519491231002X',
    );
  });
});

describe('the audit trail is scoped', () => {
  it('mh.admin sees only events in 明湖区; the city’s events need a city grant', async () => {
    // a city-level change by it.admin, and a 明湖区 change by mh.admin
    await call('it.admin', 'PATCH', `/api/admin/staff/${staffId('window.clerk')}`, { name: '王窗口' });
    await call('mh.admin', 'PATCH', `/api/admin/staff/${staffId('mh.scjg.clerk')}`, { name: '明湖区市场监管窗口' });
    const mh = (await call('mh.admin', 'GET', '/api/admin/audit?pageSize=100')).json().items as { objectId: string; action: string }[];
    expect(mh.length).toBeGreaterThan(0);
    expect(mh.some((e) => e.objectId === staffId('mh.scjg.clerk'))).toBe(true);
    expect(mh.some((e) => e.objectId === staffId('window.clerk'))).toBe(false);
    expect(mh.some((e) => e.action === 'seed.demo' || e.action === 'role.sync_built_in')).toBe(false);
    const city = (await call('it.admin', 'GET', '/api/admin/audit?pageSize=100')).json().items as { objectId: string }[];
    expect(city.some((e) => e.objectId === staffId('window.clerk'))).toBe(true);
    expect(city.some((e) => e.objectId === staffId('mh.scjg.clerk'))).toBe(true);
    const byObject = (await call('mh.admin', 'GET', `/api/admin/audit?objectType=staff&objectId=${staffId('window.clerk')}`)).json();
    expect(byObject.items).toEqual([]);
  });

  it('installation-wide events (seeding, role synchronisation) need a city-wide grant', async () => {
    const city = (await call('it.admin', 'GET', '/api/admin/audit?objectType=module&pageSize=100')).json().items as { action: string }[];
    expect(city.some((e) => e.action === 'seed.demo')).toBe(true);
    expect((await call('mh.admin', 'GET', '/api/admin/audit?objectType=module&pageSize=100')).json().items).toEqual([]);
  });

  it('verifying the whole chain needs a city-wide audit grant', async () => {
    expect((await call('mh.admin', 'POST', '/api/admin/audit/verify')).statusCode).toBe(403);
    expect((await call('it.admin', 'POST', '/api/admin/audit/verify')).json()).toMatchObject({ ok: true });
    expect((await call('admin', 'POST', '/api/admin/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
