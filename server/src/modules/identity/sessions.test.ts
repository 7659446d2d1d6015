import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionsChanged } from '../../platform/auth/actor-cache.ts';
import { and, eq } from 'drizzle-orm';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { hmacSm3 } from '../../platform/crypto/index.ts';
import { demoId } from '../org/index.ts';
import { Me } from './schemas.ts';
import { accounts, sessions } from './tables.ts';

/**
 * Sessions as a user meets them (issue 13): the failure counter and its reset, unlocking by an
 * administrator, logout of one session only, changing one's password, idle and expired sessions,
 * and the shape of GET /api/auth/me. Lockout itself and throttling are in auth.test.ts.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3, SESSION_IDLE_MINUTES: 30 });
});
afterAll(() => t.close());

const signIn = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password }, headers: { 'accept-language': 'en' } });
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const accountOf = async (username: string) => (await t.database.db.select().from(accounts).where(eq(accounts.username, username)))[0]!;
/** The session row behind a cookie (the row holds only the token's digest). */
const sessionIdOf = async (cookie: string) => {
  const token = decodeURIComponent(
    cookie
      .split('; ')
      .find((c) => c.startsWith('yiwang_session='))!
      .slice('yiwang_session='.length),
  );
  const [row] = await t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, hmacSm3(t.config.secrets.sessionSecret, token)));
  return row!.id;
};
const sessionsOf = async (username: string) =>
  t.database.db
    .select()
    .from(sessions)
    .where(eq(sessions.accountId, (await accountOf(username)).id));

describe('the failed sign-in counter', () => {
  it('counts failures per account and starts again after a good sign-in, so scattered typos never lock', async () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) expect((await signIn('zwfw.catalog', `typo-${round}-${i}`)).statusCode).toBe(401);
      expect((await accountOf('zwfw.catalog')).failedLogins).toBe(2);
      expect((await signIn('zwfw.catalog', TEST_PASSWORD)).statusCode).toBe(200);
      expect((await accountOf('zwfw.catalog')).failedLogins).toBe(0);
    }
    expect((await accountOf('zwfw.catalog')).lockedUntil).toBeNull();
  });

  it('answers an unknown username exactly as a wrong password (no account enumeration)', async () => {
    const unknown = await signIn('no.such.user', 'whatever-it-is-1');
    const wrong = await signIn('credit.officer', 'whatever-it-is-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
  });

  it('a locked staff account shows as locked to its manager, who unlocks it; the owner signs in at once', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('scjg.inspector2', `guess-${i}-abc`, '192.0.2.10')).statusCode).toBe(401);
    expect((await signIn('scjg.inspector2', TEST_PASSWORD, '192.0.2.11')).statusCode).toBe(423);
    const admin = await t.login('it.admin');
    const id = demoId('staff', 'scjg.inspector2');
    const before = (await t.app.inject({ method: 'GET', url: `/api/admin/staff/${id}`, headers: { cookie: admin } })).json();
    expect(before.locked).toBe(true);
    const unlocked = await t.app.inject({ method: 'PATCH', url: `/api/admin/staff/${id}`, headers: { cookie: admin }, payload: { unlock: true } });
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await signIn('scjg.inspector2', TEST_PASSWORD, '192.0.2.11')).statusCode).toBe(200);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, id), eq(auditEvents.action, 'staff.update')));
    expect(events.map((e) => e.summary)).toContainEqual(expect.objectContaining({ after: expect.objectContaining({ unlocked: true }) }));
  });
});

describe('logout', () => {
  it('ends only the session it is sent with, and is audited', async () => {
    const phone = await t.login('rx.operator');
    const desk = await t.login('rx.operator');
    expect(await sessionsOf('rx.operator')).toHaveLength(2);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: phone } })).statusCode).toBe(204);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(desk)).statusCode).toBe(200);
    expect(await sessionsOf('rx.operator')).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.logout'), eq(auditEvents.objectId, (await accountOf('rx.operator')).id)));
    expect(events).toHaveLength(1);
  });

  it('without a session is a harmless 204 and clears the cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/yiwang_session=;/);
  });
});

describe('changing one’s password', () => {
  it('needs the right current password, a different new one and a signed-in caller', async () => {
    const cookie = await t.login('rx.dispatcher');
    const change = (payload: object, headers: Record<string, string> = { cookie }) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers, payload });
    const wrong = await change({ currentPassword: 'not-my-password-1', newPassword: 'Orbit-Lantern-93-fig' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'auth.wrong_password', errors: [{ field: 'currentPassword', code: 'wrong_password' }] });
    const same = await change({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({
      code: 'auth.weak_password',
      errors: [{ field: 'newPassword', code: 'same_as_old', message: '新密码不能与当前密码相同' }],
    });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Orbit-Lantern-93-fig' }, {})).statusCode).toBe(401);
    // Nothing changed by the refusals: the old password still signs in.
    expect((await signIn('rx.dispatcher', TEST_PASSWORD)).statusCode).toBe(200);

    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: 'Orbit-Lantern-93-fig' })).statusCode).toBe(204);
    expect((await signIn('rx.dispatcher', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await signIn('rx.dispatcher', 'Orbit-Lantern-93-fig')).statusCode).toBe(200);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.password_change'), eq(auditEvents.objectId, (await accountOf('rx.dispatcher')).id)));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.summary)).not.toContain('Orbit-Lantern');
  });
});

describe('session lifetime', () => {
  it('an idle session ends (and its row is deleted); a used one is kept alive and its idle clock moves', async () => {
    const idle = await t.login('mh.street.handler');
    const active = await t.login('mh.street.handler');
    // Idle limit 30 minutes: one session was last seen 31 minutes ago, the other 29.
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, await sessionIdOf(idle)));
    const activeId = await sessionIdOf(active);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 29 * 60_000) })
      .where(eq(sessions.id, activeId));
    // Changed behind the application's back (raw SQL): it would see it within CACHE_RECHECK_SECONDS; tell it now.
    sessionsChanged();
    expect((await me(idle)).statusCode).toBe(401);
    expect((await me(active)).statusCode).toBe(200);
    const left = await sessionsOf('mh.street.handler');
    expect(left.map((s) => s.id)).toEqual([activeId]);
    expect(Date.now() - left[0]!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('a session past its 12-hour lifetime ends even if used a moment ago', async () => {
    const cookie = await t.login('wjw.inspector');
    expect((await me(cookie)).statusCode).toBe(200);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.accountId, (await accountOf('wjw.inspector')).id));
    sessionsChanged();
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.required');
  });

  it('a forged or unknown cookie is simply anonymous', async () => {
    expect((await me('yiwang_session=not-a-real-token')).statusCode).toBe(401);
  });
});

describe('GET /api/auth/me', () => {
  it('a staff member: department, region and each role with its names and scope, nothing more', async () => {
    const res = await me(await t.login('mh.handler'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Exactly the documented shape: no extra members (no password hash, no counters).
    expect(() => Me.strict().extend({ staff: Me.shape.staff.unwrap().strict() }).parse(body)).not.toThrow();
    expect(body).toMatchObject({
      username: 'mh.handler',
      kind: 'staff',
      displayName: '明湖区工单办理',
      mustChangePassword: false,
      staff: { id: demoId('staff', 'mh.handler'), regionCode: '990102', regionName: '明湖区' },
    });
    expect(body.person).toBeUndefined();
    expect(body.staff.departmentName).toBeTruthy();
    expect(body.staff.roles).toEqual(
      expect.arrayContaining([
        {
          code: 'hotline_handler',
          name: '工单承办人员',
          nameEn: 'Ticket handler',
          departmentId: null,
          departmentName: null,
          regionCode: '990102',
          regionName: '明湖区',
        },
        {
          code: 'hotline_dispatcher',
          name: '12345派单员',
          nameEn: 'Hotline dispatcher',
          departmentId: null,
          departmentName: null,
          regionCode: '990102',
          regionName: '明湖区',
        },
      ]),
    );
    expect(body.staff.roles).toHaveLength(2);
    expect(body.permissions.length).toBeGreaterThan(0);
    expect(body.permissions).not.toContain('identity.staff.manage');
    expect(JSON.stringify(body)).not.toMatch(/argon2|password_hash|passwordHash/);
  });

  it('an administrator’s permissions include what their role gives; a citizen has none and no staff part', async () => {
    const admin = (await me(await t.login('dl.admin'))).json();
    expect(admin.permissions).toEqual(expect.arrayContaining(['identity.staff.manage', 'identity.role.manage', 'identity.person.register']));
    expect(admin.permissions).not.toContain('identity.person.read_sensitive');
    const citizen = (await me(await t.login('citizen3'))).json();
    expect(citizen).toMatchObject({ username: 'citizen3', kind: 'person', displayName: '王建国', permissions: [] });
    expect(citizen.staff).toBeUndefined();
    expect(citizen.person.phoneMasked).toBe('137****3333');
  });

  it('without a session: 401 problem in the caller’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'auth.required', title: 'Please sign in' });
  });
});
