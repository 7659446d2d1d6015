import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, cookieOf, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { modules } from '../index.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { assertStrongPassword } from './passwords.ts';
import { AppError } from '../../platform/errors.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3, LOGIN_ADDRESS_MAX_FAILURES: 6 });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('signs a citizen in and shows only the masked ID number', async () => {
    const cookie = await t.login('citizen1');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().person.idNumberMasked).toMatch(/^9901\*{10}\d{3}[\dX]$/);
    expect(me.body).not.toMatch(/99010219850615123/);
    expect(me.headers['cache-control'] ?? '').not.toContain('public');
  });

  it('answers a wrong password with a localized problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'citizen2', password: 'nope' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'auth.invalid_credentials', title: 'Wrong username or password', status: 401 });
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen3', password: `wrong${i}` } });
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen3', password: 'demo-Passw0rd!' } });
    expect(res.statusCode).toBe(423);
    expect(res.json().code).toBe('auth.locked');
    expect(res.json().retryAfterSeconds).toBeGreaterThan(0);
    expect(res.json().title).toContain('锁定');
  });

  it('ends the session at logout', async () => {
    const cookie = await t.login('enterprise1');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().entity.uscc).toHaveLength(18);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'scjg.clerk', password: 'demo-Passw0rd!' } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it('changes a password: weak ones refused, other sessions ended', async () => {
    const first = await t.login('scjg.editor');
    const second = await t.login('scjg.editor');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: 'demo-Passw0rd!', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('auth.weak_password');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: 'demo-Passw0rd!', newPassword: 'a-much-better-pass1' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    await expect(t.login('scjg.editor', 'a-much-better-pass1')).resolves.toContain('yiwang_session');
  });
});

/** One sign-in attempt from a given client address, with the cookies a browser would send. */
const attempt = (username: string, password: string, remoteAddress: string, cookie?: string, app = t.app) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password },
    headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
  });
/** The known-client mark a browser keeps after a good sign-in (sent back only to /api/auth). */
const knownMark = (res: Awaited<ReturnType<typeof attempt>>) =>
  cookieOf(res)
    .split('; ')
    .find((c) => c.startsWith('yiwang_known='))!;

describe('sign-in throttling: cannot lock out the city, cannot be got round', () => {
  it('a busy shared address (NAT) of honest users is not throttled by good sign-ins', async () => {
    for (const username of ['citizen1', 'citizen2', 'scjg.clerk', 'enterprise1', 'scjg.clerk', 'citizen1', 'citizen2', 'enterprise2']) {
      expect((await attempt(username, TEST_PASSWORD, '198.51.100.10')).statusCode).toBe(200);
    }
  });

  it("an address spraying passwords is refused before any password is checked, even a right one; the owner's known browser still signs in", async () => {
    const nat = '198.51.100.20';
    // The owner signed in from this browser yesterday: it keeps the known-client mark.
    const ownerBrowser = knownMark(await attempt('enterprise2', TEST_PASSWORD, nat));
    expect(ownerBrowser).toMatch(/^yiwang_known=/);
    // Six failed guesses over several accounts (one guess each: no account lock is reached).
    for (const username of ['citizen1', 'citizen2', 'enterprise1', 'scjg.clerk', 'scjg.editor', 'nobody.here']) {
      expect((await attempt(username, 'Spring2026!', nat)).statusCode).toBe(401);
    }
    // Now the address waits: the right password does not get through, so a guess cannot be confirmed.
    const refused = await attempt('citizen1', TEST_PASSWORD, nat);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'auth.too_many_attempts', retryAfterSeconds: expect.any(Number) });
    expect(refused.json().title).toContain('network address');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(cookieOf(refused)).not.toContain('yiwang_session');
    // In Chinese too.
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nat, payload: { username: 'citizen2', password: TEST_PASSWORD } });
    expect(zh.json().title).toContain('登录失败次数过多');
    // The owner's browser behind the same address signs in with the right password.
    expect((await attempt('enterprise2', TEST_PASSWORD, nat, ownerBrowser)).statusCode).toBe(200);
    // A mark of another account does not open this one.
    expect((await attempt('citizen1', TEST_PASSWORD, nat, ownerBrowser)).statusCode).toBe(429);
    // A forged mark does not either.
    const forged = ownerBrowser.replace(/[0-9a-f]{32}$/, '0'.repeat(32));
    expect((await attempt('enterprise2', TEST_PASSWORD, nat, forged)).statusCode).toBe(429);
    // Other addresses are not affected.
    expect((await attempt('citizen1', TEST_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
  });

  it('locking an account does not lock its owner out of a browser they signed in with; the known browser has its own failure limit', async () => {
    const owner = knownMark(await attempt('citizen2', TEST_PASSWORD, '192.0.2.50'));
    for (let i = 0; i < 3; i++) expect((await attempt('citizen2', `guess-${i}-x`, '192.0.2.66')).statusCode).toBe(401);
    const locked = await attempt('citizen2', TEST_PASSWORD, '192.0.2.67');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('auth.locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The owner, at home in the browser that signed in before:
    const signedIn = await attempt('citizen2', TEST_PASSWORD, '192.0.2.50', owner);
    expect(signedIn.statusCode).toBe(200);
    // …and the lock against unknown clients stays.
    expect((await attempt('citizen2', TEST_PASSWORD, '192.0.2.68')).statusCode).toBe(423);
    // Guessing with a known browser is limited too (3 failures), without touching other browsers.
    for (let i = 0; i < 3; i++) expect((await attempt('citizen2', `known-guess-${i}`, '192.0.2.50', owner)).statusCode).toBe(401);
    const stopped = await attempt('citizen2', TEST_PASSWORD, '192.0.2.50', owner);
    expect(stopped.statusCode).toBe(423);
    expect(stopped.json().code).toBe('auth.locked');
    // Every failure and the lock are in the audit trail.
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, 'account'), eq(auditEvents.action, 'account.login_failed')));
    expect(events.length).toBeGreaterThanOrEqual(6);
  });

  it("counts an address's failures across server processes (in the database)", async () => {
    const other = await buildApp({ config: t.config, database: t.database, calendar: t.calendar, log: t.log, modules });
    try {
      const addr = '203.0.113.99';
      for (let i = 0; i < 3; i++) expect((await attempt(`phantom${i}`, `p1-guess-${i}`, addr)).statusCode).toBe(401);
      for (let i = 0; i < 3; i++) expect((await attempt(`ghost${i}`, `p2-guess-${i}`, addr, undefined, other)).statusCode).toBe(401);
      expect((await attempt('citizen3', 'whatever-guess', addr, undefined, other)).statusCode).toBe(429);
      expect((await attempt('citizen3', 'whatever-guess', addr)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});

describe('password strength (zxcvbn-ts)', () => {
  const reason = (password: string, inputs: string[] = []) => {
    try {
      assertStrongPassword(password, 'newPassword', inputs);
      return 'ok';
    } catch (e) {
      return e instanceof AppError ? e.fields.map((f) => f.code).join(',') : String(e);
    }
  };

  it('refuses short, common, patterned and personal passwords, and takes good ones', () => {
    expect(reason('Abc12345')).toBe('password_too_short');
    expect(reason('Password123!')).toBe('password_common');
    expect(reason('1234567890a')).toBe('password_common');
    expect(reason('qwertyuiop12')).not.toBe('ok');
    expect(reason('aaaaaaaaaaaa1')).not.toBe('ok');
    expect(reason('zhangming2026!', ['zhang.ming', '张明'])).toBe('password_personal');
    expect(reason('Citizen1-2026', ['citizen1'])).toBe('password_personal');
    expect(reason('yiwang2026!!')).not.toBe('ok');
    // Passes: the passwords the demo, the tests and the browser journeys use.
    for (const good of [
      TEST_PASSWORD,
      'a-much-better-pass1',
      'initial-pass-123',
      'changed-pass-456',
      'Init-Passw0rd-e2e',
      'Changed-Passw0rd-e2e2',
      'correct horse battery staple',
    ]) {
      expect([good, reason(good, ['e2e.clerk.x1', '测试窗口x1', 'new.clerk'])]).toEqual([good, 'ok']);
    }
  });

  it('answers a weak new password with a field error that says why, in zh and en', async () => {
    const cookie = await t.login('enterprise2');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'accept-language': 'en' },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Enterprise2!2026' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toMatchObject({
      code: 'auth.weak_password',
      errors: [{ field: 'newPassword', code: 'password_personal', message: expect.stringContaining('username') }],
    });
    expect(en.json().title).toContain('common password');
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Password123!' },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toMatchObject({
      code: 'auth.weak_password',
      errors: [{ field: 'newPassword', code: 'password_common', message: expect.stringContaining('常见密码') }],
    });
  });
});
