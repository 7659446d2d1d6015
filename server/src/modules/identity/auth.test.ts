import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3 });
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
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen2', password: 'nope' }, headers: { 'accept-language': 'en' } });
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
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: 'demo-Passw0rd!', newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('auth.weak_password');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: first }, payload: { currentPassword: 'demo-Passw0rd!', newPassword: 'a-much-better-pass1' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    await expect(t.login('scjg.editor', 'a-much-better-pass1')).resolves.toContain('yiwang_session');
  });
});
