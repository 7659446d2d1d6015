/**
 * The account page's API (docs/identity.md): sessions and "sign out everywhere", change of mobile
 * number with codes to both numbers, 数据使用记录 and closing the account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, cookieOf, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { accounts } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie }, remoteAddress: '10.5.0.1' });

async function signIn(username: string, userAgent: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  expect(res.statusCode, res.body).toBe(200);
  return cookieOf(res);
}
const code = async (mobile: string, purpose: string, cookie?: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sms-code',
    payload: { mobile, purpose },
    headers: cookie ? { cookie } : {},
    remoteAddress: '10.5.0.2',
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().demoCode as string;
};

describe('sessions', () => {
  it('lists my sessions on other devices and signs out everywhere else; the other devices are signed out at once', async () => {
    const phone = await signIn('citizen2', 'Phone');
    const laptop = await signIn('citizen2', 'Laptop');
    const here = await signIn('citizen2', 'Tablet');
    const list = await call(here, 'GET', '/api/account/sessions');
    expect(list.statusCode).toBe(200);
    const sessions = list.json() as { id: string; userAgent: string; current: boolean }[];
    expect(sessions.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Tablet']);
    expect(sessions.map((s) => s.userAgent)).toEqual(expect.arrayContaining(['Phone', 'Laptop', 'Tablet']));

    // One device signed out by itself; others' sessions are not mine to end.
    const laptopSession = sessions.find((s) => s.userAgent === 'Laptop')!;
    expect((await call(await signIn('citizen1', 'X'), 'DELETE', `/api/account/sessions/${laptopSession.id}`)).statusCode).toBe(404);
    expect((await call(here, 'DELETE', `/api/account/sessions/${laptopSession.id}`)).statusCode).toBe(204);
    expect((await call(laptop, 'GET', '/api/auth/me')).statusCode).toBe(401);

    const out = await call(here, 'POST', '/api/account/sessions/sign-out-everywhere');
    expect(out.statusCode).toBe(200);
    expect(out.json().ended).toBeGreaterThanOrEqual(1);
    expect((await call(phone, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(here, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await call(here, 'GET', '/api/account/sessions')).json()).toHaveLength(1);
  });
});

describe('change of mobile number', () => {
  it('needs a code sent to the current number and one sent to the new number', async () => {
    const cookie = await signIn('citizen3', 'Phone');
    const profile = (await call(cookie, 'GET', '/api/account')).json();
    expect(profile.person.phoneMasked).toBe('137****3333');
    const oldCode = await code('13700003333', 'change_mobile', cookie);
    const newCode = await code('13700009999', 'change_mobile', cookie);
    const wrongOld = await call(cookie, 'POST', '/api/account/mobile', {
      newMobile: '13700009999',
      newCode,
      oldCode: oldCode === '123456' ? '654321' : '123456',
    });
    expect(wrongOld.json()).toMatchObject({ code: 'auth.sms_code_invalid', errors: [{ field: 'oldCode' }] });
    const res = await call(cookie, 'POST', '/api/account/mobile', { newMobile: '13700009999', newCode, oldCode });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phoneMasked: '137****9999' });
    // The new number signs in by SMS code.
    const loginCode = await code('13700009999', 'login');
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { mobile: '13700009999', smsCode: loginCode } });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().me.username).toBe('citizen3');
  });

  it('refuses a number bound to another account', async () => {
    const cookie = await signIn('citizen1', 'Phone');
    const res = await call(cookie, 'POST', '/api/account/mobile', { newMobile: '13900002222', newCode: '123456', oldCode: '123456' });
    expect(res.json().code).toBe('auth.mobile_registered');
  });
});

describe('数据使用记录', () => {
  it('shows who read my full ID number and why', async () => {
    const supervisor = await t.login('supervisor');
    const me = await signIn('citizen1', 'Phone');
    const personId = (await call(me, 'GET', '/api/account')).json().person.id;
    const read = await call(supervisor, 'POST', `/api/admin/persons/${personId}/id-number`, { reason: '核对投诉人身份' });
    expect(read.statusCode, read.body).toBe(200);
    const usage = await call(me, 'GET', '/api/account/data-usage');
    expect(usage.statusCode).toBe(200);
    expect(usage.json().items[0]).toMatchObject({ action: 'person.id_number.read', reason: '核对投诉人身份' });
    expect(usage.json().total).toBeGreaterThanOrEqual(1);
  });
});

describe('closing the account', () => {
  it('with the password: the account is disabled, every session ends, sign-in is refused', async () => {
    const mobile = '13500007777';
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { name: '冯关闭', idNumber: completeIdNumber('99010219800101567'), mobile, smsCode: await code(mobile, 'register'), password: TEST_PASSWORD },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const other = cookieOf(reg);
    const here = await signIn(mobile, 'Phone');
    expect((await call(here, 'POST', '/api/account/close', { password: 'wrong-password' })).json().code).toBe('auth.wrong_password');
    const res = await call(here, 'POST', '/api/account/close', { password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(204);
    expect((await call(other, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await call(here, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: mobile, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(401);
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.username, mobile));
    expect(row).toMatchObject({ active: false });
    expect(row!.closedAt).toBeInstanceOf(Date);
  });
});
