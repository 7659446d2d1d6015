import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/auth/session', () => {
  it('answers an anonymous visitor 200 { signedIn: false } (no 401 in the console of every public page)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signedIn: false, me: null });
    // A stale or forged cookie is the same answer.
    const stale = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: 'yiwang_session=nope' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json().signedIn).toBe(false);
  });

  it('answers a signed-in person with who they are, as /api/auth/me does; after logout, not signed in', async () => {
    const cookie = await t.login('citizen1');
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json();
    expect(res.json()).toEqual({ signedIn: true, me });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json()).toEqual({ signedIn: false, me: null });
  });
});
