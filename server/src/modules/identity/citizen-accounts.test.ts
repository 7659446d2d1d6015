/**
 * Citizens' own accounts (docs/identity.md): SMS codes (hashed, 5 minutes, limited tries and
 * sends), online registration and sign-in by password or by SMS code. The clock is injected
 * (ctx.now) for expiry and send windows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, cookieOf, type TestApp } from '../../../test/harness.ts';
import type { Ctx } from '../../platform/context.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { accounts, smsCodes } from './tables.ts';
import { consumeSmsCode, phoneIndexOf, sendSmsCode } from './sms-codes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PASSWORD = 'Harbour-lantern-47-Quill';
let seq = 0;
/** A fresh mobile number and client address per test: the send limits count per number and address. */
function fresh() {
  seq += 1;
  return { mobile: `1390000${String(1000 + seq).slice(-4)}`, ip: `10.9.0.${seq}` };
}
const at = (ctx: Ctx, iso: string, ip = '10.8.0.1'): Ctx => ({ ...ctx, ip, now: () => new Date(iso) });

async function smsCode(mobile: string, purpose: string, ip: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile, purpose }, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { expiresInSeconds: number; demoCode?: string };
}

async function register(over: Record<string, unknown> = {}) {
  const { mobile, ip } = fresh();
  const { demoCode } = await smsCode(mobile, 'register', ip);
  const body = {
    name: '钱多多',
    idNumber: completeIdNumber(`99010219850115${String(100 + seq).slice(-3)}`),
    mobile,
    smsCode: demoCode,
    password: PASSWORD,
    ...over,
  };
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body, remoteAddress: ip });
  return { res, body, ip };
}

describe('SMS codes', () => {
  it('are stored hashed, sent through the outbox SMS channel and shown to testers without a gateway', async () => {
    const { mobile, ip } = fresh();
    const sent = await smsCode(mobile, 'register', ip);
    expect(sent.expiresInSeconds).toBe(300);
    expect(sent.demoCode).toMatch(/^\d{6}$/);
    const rows = await t.database.db
      .select()
      .from(smsCodes)
      .where(eq(smsCodes.phoneIndex, phoneIndexOf(t, mobile)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.codeHash).not.toContain(sent.demoCode);
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipientId, phoneIndexOf(t, mobile)));
    expect(message).toMatchObject({ channel: 'sms', address: mobile, template: 'identity.sms_code', status: 'pending' });
  });

  it('a wrong code is refused and counted; after the limit of wrong tries even the right code is refused', async () => {
    const { mobile, ip } = fresh();
    const ctx = at(t.ctx, '2026-05-06T02:00:00Z', ip);
    const { demoCode } = await sendSmsCode(ctx, { mobile, purpose: 'register' });
    const wrong = demoCode === '000000' ? '000001' : '000000';
    await expect(consumeSmsCode(ctx, { mobile, purpose: 'register', code: wrong })).rejects.toMatchObject({ code: 'auth.sms_code_invalid' });
    for (let i = 2; i < t.config.SMS_CODE_MAX_ATTEMPTS; i++)
      await expect(consumeSmsCode(ctx, { mobile, purpose: 'register', code: wrong })).rejects.toMatchObject({ code: 'auth.sms_code_invalid' });
    await expect(consumeSmsCode(ctx, { mobile, purpose: 'register', code: wrong })).rejects.toMatchObject({ code: 'auth.sms_code_exhausted' });
    await expect(consumeSmsCode(ctx, { mobile, purpose: 'register', code: demoCode! })).rejects.toMatchObject({ code: 'auth.sms_code_exhausted' });
  });

  it('a code is good for 5 minutes, once, and only for its purpose', async () => {
    const { mobile, ip } = fresh();
    const first = await sendSmsCode(at(t.ctx, '2026-05-06T03:00:00Z', ip), { mobile, purpose: 'register' });
    await expect(consumeSmsCode(at(t.ctx, '2026-05-06T03:05:01Z', ip), { mobile, purpose: 'register', code: first.demoCode! })).rejects.toMatchObject({
      code: 'auth.sms_code_expired',
    });
    const second = await sendSmsCode(at(t.ctx, '2026-05-06T03:10:00Z', ip), { mobile, purpose: 'register' });
    await expect(consumeSmsCode(at(t.ctx, '2026-05-06T03:14:00Z', ip), { mobile, purpose: 'change_mobile', code: second.demoCode! })).rejects.toMatchObject({
      code: 'auth.sms_code_expired',
    });
    await consumeSmsCode(at(t.ctx, '2026-05-06T03:14:59Z', ip), { mobile, purpose: 'register', code: second.demoCode! });
    await expect(consumeSmsCode(at(t.ctx, '2026-05-06T03:14:59Z', ip), { mobile, purpose: 'register', code: second.demoCode! })).rejects.toMatchObject({
      code: 'auth.sms_code_expired',
    });
  });

  it('sends are limited per number per hour and per address per hour (429 with Retry-After), and the window ends', async () => {
    const { mobile, ip } = fresh();
    const c = t.config;
    for (let i = 0; i < c.SMS_SENDS_PER_PHONE_HOUR; i++) await sendSmsCode(at(t.ctx, '2026-05-07T01:00:00Z', ip), { mobile, purpose: 'register' });
    await expect(sendSmsCode(at(t.ctx, '2026-05-07T01:30:00Z', ip), { mobile, purpose: 'register' })).rejects.toMatchObject({
      code: 'auth.sms_too_many',
      extra: { retryAfterSeconds: 1800 },
    });
    await sendSmsCode(at(t.ctx, '2026-05-07T02:00:01Z', ip), { mobile, purpose: 'register' });

    const address = '10.7.7.7';
    for (let i = 0; i < c.SMS_SENDS_PER_ADDRESS_HOUR; i++)
      await sendSmsCode(at(t.ctx, '2026-05-07T05:00:00Z', address), { mobile: `1370000${String(1000 + i).slice(-4)}`, purpose: 'register' });
    await expect(sendSmsCode(at(t.ctx, '2026-05-07T05:10:00Z', address), { mobile: '13611113333', purpose: 'register' })).rejects.toMatchObject({
      code: 'auth.sms_too_many',
    });
  });

  it('the route answers 429 with Retry-After past the limit per number', async () => {
    const { mobile, ip } = fresh();
    for (let i = 0; i < t.config.SMS_SENDS_PER_PHONE_HOUR; i++) await smsCode(mobile, 'register', ip);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('auth.sms_too_many');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('a sign-in code goes only to a number with an account, with the same answer', async () => {
    const { mobile, ip } = fresh();
    const sent = await smsCode(mobile, 'login', ip);
    expect(sent).toEqual({ expiresInSeconds: 300 });
    expect(
      await t.database.db
        .select()
        .from(smsCodes)
        .where(eq(smsCodes.phoneIndex, phoneIndexOf(t, mobile))),
    ).toHaveLength(0);
  });

  it('a bad mobile number is a 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile: '12345', purpose: 'register' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('registration and sign-in', () => {
  it('registers a citizen at level "registered", signs them in, and they sign in again by password or SMS code', async () => {
    const { res, body, ip } = await register();
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().me).toMatchObject({ kind: 'person', username: body.mobile, displayName: '钱多多' });
    expect(res.body).not.toContain(body.idNumber as string);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
    expect(me.statusCode).toBe(200);
    const [account] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.username, body.mobile as string));
    expect(account).toMatchObject({ kind: 'person', assuranceLevel: 'registered', mustChangePassword: false });

    const byPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: body.mobile, password: PASSWORD },
      remoteAddress: ip,
    });
    expect(byPassword.statusCode, byPassword.body).toBe(200);
    expect(Object.keys(byPassword.json())).toEqual(['me']);

    const { demoCode } = await smsCode(body.mobile as string, 'login', ip);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { mobile: body.mobile, smsCode: demoCode === '111111' ? '222222' : '111111' },
      remoteAddress: ip,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'auth.sms_code_invalid', errors: [{ field: 'smsCode' }] });
    const bySms = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { mobile: body.mobile, smsCode: demoCode }, remoteAddress: ip });
    expect(bySms.statusCode, bySms.body).toBe(200);
    expect(bySms.json().me).toMatchObject({ kind: 'person', username: body.mobile });
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { mobile: body.mobile, smsCode: demoCode }, remoteAddress: ip });
    expect(again.json().code).toBe('auth.sms_code_expired');
  });

  it('refuses a duplicate ID number with a clear error, and a taken mobile number', async () => {
    const first = await register();
    expect(first.res.statusCode, first.res.body).toBe(201);
    const dup = await register({ idNumber: first.body.idNumber });
    expect(dup.res.statusCode).toBe(409);
    expect(dup.res.json()).toMatchObject({ code: 'auth.id_number_registered', errors: [{ field: 'idNumber', code: 'id_number_registered' }] });
    // The code was not used up by the refusal: the same code serves the corrected request.
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...dup.body, idNumber: completeIdNumber('99010219770101123') },
      remoteAddress: dup.ip,
    });
    expect(retry.statusCode, retry.body).toBe(201);
    const { mobile, ip } = fresh();
    const { demoCode } = await smsCode(mobile, 'register', ip);
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { ...first.body, idNumber: completeIdNumber('99010219770101124'), mobile: first.body.mobile, smsCode: demoCode },
      remoteAddress: ip,
    });
    expect(taken.json().code).toBe('auth.mobile_registered');
  });

  it('refuses a bad ID number, a weak password and a wrong code', async () => {
    expect((await register({ idNumber: '990102198501011230' })).res.statusCode).toBe(400);
    const weak = await register({ password: 'password123' });
    expect(weak.res.json()).toMatchObject({ code: 'auth.weak_password', errors: [{ field: 'password' }] });
    const wrong = await register({ smsCode: '000000' });
    // One in a million: the sent code was 000000.
    if (wrong.res.statusCode !== 201) expect(wrong.res.json().code).toBe('auth.sms_code_invalid');
  });

  it('the password sign-in keeps working for demo accounts with its response shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'window.clerk', password: 'demo-Passw0rd!' } });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(['me']);
    const half = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { mobile: '13900001111' } });
    expect(half.statusCode).toBe(400);
  });
});
