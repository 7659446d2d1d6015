import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';

/**
 * Staff administration through the HTTP API as an administrator meets it (issue 13): validation,
 * creation and first sign-in, updates with optimistic locking, deactivation, granting and revoking
 * roles within one's scope, password resets, and the scoped, paginated list.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (username: string) => (cookies[username] ??= await t.login(username));
type Method = 'GET' | 'POST' | 'PATCH';
const call = async (username: string, method: Method, url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { cookie: await as(username), ...headers }, ...(payload ? { payload } : {}) });
const signIn = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOfLogin = (res: Awaited<ReturnType<typeof signIn>>) => String(res.headers['set-cookie']).match(/yiwang_session=[^;]+/)![0];

const DL_ZWFW = demoDepartmentId('zwfw', '990103');
const MH_ZWFW = demoDepartmentId('zwfw', '990102');
const INITIAL = 'Harbor-Quill-71-moss';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('creating a staff member', () => {
  it('bad input is a 400 naming each field, in Chinese by default and in English on request', async () => {
    const bad = { username: 'Bad Name', name: '', departmentId: 'not-a-uuid', password: INITIAL, phone: '12345', roles: [{ roleCode: 'window_clerk' }] };
    const zh = await call('dl.admin', 'POST', '/api/admin/staff', bad);
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({ code: 'request.invalid', title: '请求内容不符合要求' });
    const fields = (zh.json().errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['departmentId', 'name', 'phone', 'roles.0.regionCode', 'username']);
    expect(zh.json().errors.find((e: { field: string }) => e.field === 'name').message).toBe('太短或太小');
    expect(zh.json().errors.find((e: { field: string }) => e.field === 'roles.0.regionCode')).toMatchObject({ code: 'required', message: '必填' });
    const en = await call('dl.admin', 'POST', '/api/admin/staff', bad, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json()).toMatchObject({ code: 'request.invalid', title: 'The request is not valid' });
    expect(en.json().errors.find((e: { field: string }) => e.field === 'name').message).toBe('Too short or too small');
    expect(en.json().errors.find((e: { field: string }) => e.field === 'roles.0.regionCode').message).toBe('Required');
  });

  it('refuses a taken username, an unknown department and weak or personal passwords, creating nothing', async () => {
    const body = (over: object) => ({ username: 'dl.newbie', name: '东岭新人', departmentId: DL_ZWFW, password: INITIAL, ...over });
    expect((await call('dl.admin', 'POST', '/api/admin/staff', body({ username: 'dl.scjg.clerk' }))).json()).toMatchObject({
      status: 409,
      errors: [{ field: 'username', code: 'duplicate' }],
    });
    expect((await call('dl.admin', 'POST', '/api/admin/staff', body({ departmentId: '00000000-0000-4000-8000-000000000000' }))).json()).toMatchObject({
      status: 400,
      errors: [{ field: 'departmentId', code: 'not_found' }],
    });
    const weak = await call('dl.admin', 'POST', '/api/admin/staff', body({ password: 'short1' }), { 'accept-language': 'en' });
    expect(weak.json()).toMatchObject({
      status: 400,
      code: 'auth.weak_password',
      errors: [{ field: 'password', code: 'password_too_short', message: 'At least 10 characters' }],
    });
    expect((await call('dl.admin', 'POST', '/api/admin/staff', body({ password: 'dl.newbie-Harbor-71' }))).json()).toMatchObject({
      errors: [{ field: 'password', code: 'password_personal' }],
    });
    // Another district's department is out of the district admin's scope.
    expect((await call('dl.admin', 'POST', '/api/admin/staff', body({ departmentId: MH_ZWFW }))).json()).toMatchObject({
      status: 403,
      code: 'auth.out_of_scope',
    });
    expect((await call('dl.admin', 'GET', '/api/admin/staff?q=dl.newbie')).json().total).toBe(0);
  });

  it('creates the account with its roles, audits it, and the newcomer must change the initial password before working', async () => {
    const res = await call('dl.admin', 'POST', '/api/admin/staff', {
      username: 'dl.newbie',
      name: '东岭新人',
      departmentId: DL_ZWFW,
      password: INITIAL,
      phone: '13600006666',
      roles: [{ roleCode: 'window_clerk', regionCode: '990103' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: 'dl.newbie',
      name: '东岭新人',
      phoneMasked: '136****6666',
      departmentId: DL_ZWFW,
      regionCode: '990103',
      active: true,
      locked: false,
      version: 1,
      roles: [{ roleCode: 'window_clerk', departmentId: null, regionCode: '990103' }],
    });
    expect(res.body).not.toContain('13600006666');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.create'), eq(auditEvents.objectId, created.id)));
    expect(event).toMatchObject({ regionPath: '990000/990100/990103', departmentId: DL_ZWFW });
    expect(JSON.stringify(event!.summary)).not.toContain(INITIAL);

    const login = await signIn('dl.newbie', INITIAL);
    expect(login.statusCode).toBe(200);
    expect(login.json().me).toMatchObject({ kind: 'staff', mustChangePassword: true });
    const cookie = cookieOfLogin(login);
    const register = (regionCode: string, n: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/admin/persons',
        headers: { cookie },
        payload: { username: `dl.citizen${n}`, name: '孙丽', idNumber: completeIdNumber(`99010319880512${n}`), regionCode, password: 'Citizen-Lark-55-pine' },
      });
    expect((await register('990103001', '111')).json()).toMatchObject({ status: 403, code: 'auth.password_change_required' });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: { cookie },
          payload: { currentPassword: INITIAL, newPassword: 'Second-Quill-82-fern' },
        })
      ).statusCode,
    ).toBe(204);
    // The window clerk role works in their district, not in another.
    expect((await register('990103001', '112')).statusCode).toBe(201);
    expect((await register('990102001', '113')).statusCode).toBe(403);
  });
});

const newbie = async () => (await call('dl.admin', 'GET', '/api/admin/staff?q=dl.newbie')).json().items[0] as { id: string; version: number; roles: unknown[] };

describe('updating a staff member', () => {
  it('renames with the current version; a stale version is a 409 and changes nothing', async () => {
    const s = await newbie();
    const ok = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { name: '东岭窗口新人', version: s.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '东岭窗口新人', version: s.version + 1 });
    const stale = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { name: '覆盖', version: s.version });
    expect(stale.json()).toMatchObject({ status: 409, code: 'resource.stale' });
    expect((await call('dl.admin', 'GET', `/api/admin/staff/${s.id}`)).json().name).toBe('东岭窗口新人');
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.update'), eq(auditEvents.objectId, s.id)));
    expect(events.map((e) => e.summary)).toEqual([{ before: { name: '东岭新人' }, after: { name: '东岭窗口新人' } }]);
  });

  it('grants and revokes roles only within the manager’s scope; the change reaches the member’s next request', async () => {
    const s = await newbie();
    const memberCookie = await t.login('dl.newbie', 'Second-Quill-82-fern');
    const myPermissions = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: memberCookie } })).json().permissions as string[];
    expect(await myPermissions()).toContain('identity.person.register');

    const elsewhere = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [{ roleCode: 'window_clerk', regionCode: '990102' }] });
    expect(elsewhere.json()).toMatchObject({ status: 403, code: 'auth.out_of_scope', errors: [{ field: 'roles.0.regionCode', code: 'out_of_scope' }] });
    const everywhere = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [{ roleCode: 'window_clerk', regionCode: '' }] });
    expect(everywhere.statusCode).toBe(403);
    const unknownRole = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [{ roleCode: 'no_such_role', regionCode: '990103' }] });
    expect(unknownRole.json()).toMatchObject({ status: 400, errors: [{ field: 'roles.0.roleCode', code: 'not_found' }] });
    const unknownRegion = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [{ roleCode: 'reviewer', regionCode: '990199' }] });
    expect(unknownRegion.json()).toMatchObject({ status: 400, errors: [{ field: 'roles.0.regionCode', code: 'not_found' }] });
    // None of the refusals changed anything.
    expect((await call('dl.admin', 'GET', `/api/admin/staff/${s.id}`)).json()).toMatchObject({
      version: s.version,
      roles: [{ roleCode: 'window_clerk', regionCode: '990103' }],
    });

    const granted = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, {
      roles: [
        { roleCode: 'window_clerk', regionCode: '990103' },
        { roleCode: 'reviewer', regionCode: '990103001', departmentId: DL_ZWFW },
      ],
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().roles).toHaveLength(2);
    const revoked = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [] });
    expect(revoked.json().roles).toEqual([]);
    expect(await myPermissions()).toEqual([]);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.update'), eq(auditEvents.objectId, s.id)))
      .orderBy(auditEvents.seq)
      .then((rows) => rows.slice(-1));
    expect(event!.summary).toMatchObject({
      before: { roles: expect.arrayContaining([expect.objectContaining({ roleCode: 'reviewer' })]) },
      after: { roles: [] },
    });
    await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { roles: [{ roleCode: 'window_clerk', regionCode: '990103' }] });
  });

  it('a manager of one district cannot read or change staff of another', async () => {
    const id = demoId('staff', 'mh.scjg.clerk');
    expect((await call('dl.admin', 'GET', `/api/admin/staff/${id}`)).statusCode).toBe(403);
    expect((await call('dl.admin', 'PATCH', `/api/admin/staff/${id}`, { name: '改名' })).json()).toMatchObject({ status: 403, code: 'auth.out_of_scope' });
    expect((await call('mh.admin', 'GET', `/api/admin/staff/${id}`)).json().name).toBe('明湖区市场监管窗口');
    expect((await call('dl.admin', 'GET', '/api/admin/staff/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('dl.scjg.clerk', 'GET', '/api/admin/staff')).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
  });
});

describe('deactivation', () => {
  it('ends the member’s running session and refuses sign-in; reactivation lets them back', async () => {
    const s = await newbie();
    const session = await t.login('dl.newbie', 'Second-Quill-82-fern');
    const meStatus = async () => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode;
    expect(await meStatus()).toBe(200);
    const off = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { active: false });
    expect(off.json()).toMatchObject({ active: false });
    expect(await meStatus()).toBe(401);
    const refused = await signIn('dl.newbie', 'Second-Quill-82-fern');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('auth.invalid_credentials');
    const inactive = (await call('dl.admin', 'GET', '/api/admin/staff?active=false&pageSize=100')).json();
    expect(inactive.items.map((i: { username: string }) => i.username)).toEqual(['dl.newbie']);
    expect(
      (await call('dl.admin', 'GET', '/api/admin/staff?active=true&pageSize=100')).json().items.map((i: { username: string }) => i.username),
    ).not.toContain('dl.newbie');

    await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { active: true });
    expect((await signIn('dl.newbie', 'Second-Quill-82-fern')).statusCode).toBe(200);
  });

  // Deactivation deletes the member's sessions (in its transaction): hiding them while the account
  // is inactive would let reactivation revive every session opened before, a stolen one included.
  it('a session running when the member was deactivated stays ended after reactivation', async () => {
    const s = await newbie();
    const session = await t.login('dl.newbie', 'Second-Quill-82-fern');
    const meStatus = async () => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } })).statusCode;
    if ((await meStatus()) !== 200) throw new Error('setup: session not working');
    await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { active: false });
    if ((await meStatus()) !== 401) throw new Error('setup: deactivation did not stop the session');
    await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { active: true });
    expect(await meStatus()).toBe(401);
  });
});

describe('password reset by a manager', () => {
  it('refuses a weak password; a good one replaces the old, must be changed, and stops the running session from working', async () => {
    const s = await newbie();
    const running = await t.login('dl.newbie', 'Second-Quill-82-fern');
    const weak = await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { resetPassword: 'password123' });
    expect(weak.json()).toMatchObject({ status: 400, code: 'auth.weak_password', errors: [{ field: 'resetPassword' }] });
    expect((await signIn('dl.newbie', 'Second-Quill-82-fern')).statusCode).toBe(200);

    expect((await call('dl.admin', 'PATCH', `/api/admin/staff/${s.id}`, { resetPassword: 'Reset-Willow-64-dune' })).statusCode).toBe(200);
    expect((await signIn('dl.newbie', 'Second-Quill-82-fern')).statusCode).toBe(401);
    const fresh = await signIn('dl.newbie', 'Reset-Willow-64-dune');
    expect(fresh.json().me.mustChangePassword).toBe(true);
    // The session opened before the reset can do no work until the new password is changed.
    const work = await t.app.inject({
      method: 'POST',
      url: '/api/admin/persons',
      headers: { cookie: running },
      payload: {
        username: 'dl.citizen9',
        name: '孙丽',
        idNumber: completeIdNumber('99010319880512119'),
        regionCode: '990103001',
        password: 'Citizen-Lark-55-pine',
      },
    });
    expect(work.json()).toMatchObject({ status: 403, code: 'auth.password_change_required' });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.update'), eq(auditEvents.objectId, s.id)))
      .orderBy(auditEvents.seq)
      .then((rows) => rows.slice(-1));
    expect(event!.summary).toMatchObject({ after: { passwordReset: true } });
    expect(JSON.stringify(event!.summary)).not.toContain('Reset-Willow');
  });
});

describe('the staff list', () => {
  it('pages through the manager’s scope with a consistent total; a district admin sees only their district', async () => {
    type Item = { id: string; username: string; regionCode: string };
    const all: Item[] = [];
    const first = (await call('dl.admin', 'GET', '/api/admin/staff?page=1&pageSize=2')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 2 });
    expect(first.total).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= Math.ceil(first.total / 2); page++) {
      const p = (await call('dl.admin', 'GET', `/api/admin/staff?page=${page}&pageSize=2`)).json();
      expect(p.total).toBe(first.total);
      all.push(...p.items);
    }
    expect(new Set(all.map((i) => i.id)).size).toBe(first.total);
    expect(all.every((i) => i.regionCode.startsWith('990103'))).toBe(true);
    expect(all.map((i) => i.username)).toEqual(expect.arrayContaining(['dl.admin', 'dl.scjg.clerk', 'dl.newbie']));
    const past = (await call('dl.admin', 'GET', `/api/admin/staff?page=${first.total + 1}&pageSize=2`)).json();
    expect(past).toMatchObject({ items: [], total: first.total });

    const mh = (await call('mh.admin', 'GET', '/api/admin/staff?pageSize=100')).json().items as Item[];
    expect(mh.map((i) => i.username)).not.toContain('dl.newbie');
    expect(mh.every((i) => i.regionCode.startsWith('990102'))).toBe(true);
    // The city administrator sees both districts.
    const city = (await call('it.admin', 'GET', '/api/admin/staff?pageSize=100')).json().items as Item[];
    expect(city.map((i) => i.username)).toEqual(expect.arrayContaining(['dl.newbie', 'mh.scjg.clerk', 'window.clerk']));
  });

  it('searches by name or username and filters by department', async () => {
    expect(
      (await call('it.admin', 'GET', '/api/admin/staff?q=' + encodeURIComponent('赵审查'))).json().items.map((i: { username: string }) => i.username),
    ).toEqual(['scjg.reviewer']);
    expect(
      (await call('it.admin', 'GET', '/api/admin/staff?q=inspector&pageSize=100'))
        .json()
        .items.map((i: { username: string }) => i.username)
        .sort(),
    ).toEqual(['scjg.inspector1', 'scjg.inspector2', 'wjw.inspector']);
    const scjg = demoDepartmentId('scjg', '990100');
    const inDept = (await call('it.admin', 'GET', `/api/admin/staff?departmentId=${scjg}&pageSize=100`)).json().items as {
      departmentId: string;
      departmentName: string;
    }[];
    expect(inDept.length).toBeGreaterThan(3);
    expect(new Set(inDept.map((i) => i.departmentId))).toEqual(new Set([scjg]));
    expect(inDept[0]!.departmentName).toBeTruthy();
    // A district admin searching for someone outside their district finds nobody.
    expect((await call('dl.admin', 'GET', '/api/admin/staff?q=scjg.reviewer')).json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('a district with many departments', () => {
  let gyClerk = '';
  it('a staff member of a street department is in the district administrator’s list', async () => {
    const street = await call('dl.admin', 'POST', '/api/admin/departments', {
      name: '桂园街道办事处',
      shortName: '桂园街道',
      uscc: completeUscc('11990103MB8000999'),
      regionCode: '990103002',
      kind: 'street',
    });
    expect(street.statusCode, street.body).toBe(201);
    const created = await call('dl.admin', 'POST', '/api/admin/staff', {
      username: 'gy.clerk',
      name: '桂园窗口',
      departmentId: street.json().id,
      password: INITIAL,
      roles: [{ roleCode: 'window_clerk', regionCode: '990103002' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    gyClerk = created.json().id;
    expect((await call('dl.admin', 'GET', '/api/admin/staff?q=gy.clerk')).json()).toMatchObject({ total: 1, items: [{ username: 'gy.clerk' }] });
  });

  // A region-wide staff-manage grant covers every department of the region, however many: the list
  // once took only the first page (100) of them, and staff of the others vanished from it.
  it('…and stays there once the district has more than a hundred departments', async () => {
    for (let i = 0; i < 100; i++) {
      const res = await call('dl.admin', 'POST', '/api/admin/departments', {
        name: `东岭区测试部门${String(i).padStart(3, '0')}`,
        shortName: `测试${i}`,
        uscc: completeUscc(`11990103MB${String(8_000_000 + i).padStart(7, '0')}`),
        regionCode: '990103',
        kind: 'test',
      });
      if (res.statusCode !== 201) throw new Error(`setup: ${res.body}`);
    }
    if ((await call('dl.admin', 'GET', `/api/admin/staff/${gyClerk}`)).statusCode !== 200) throw new Error('setup: gy.clerk not readable by id');
    expect((await call('dl.admin', 'GET', '/api/admin/staff?q=gy.clerk')).json()).toMatchObject({ total: 1, items: [{ username: 'gy.clerk' }] });
  });
});
