import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const lookup = (payload: Record<string, unknown>, ip = '198.51.100.7') =>
  t.app.inject({ method: 'POST', url: '/api/public/hotline/lookup', payload, remoteAddress: ip });

describe('POST /api/public/hotline/lookup (an anonymous caller follows a request)', () => {
  it('finds a request by its number and the phone left with it; any other pair is the same 404', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      payload: { callerPhone: '13600000042', kind: 'help', text: '路灯坏了三天', address: '示范市明湖区湖滨路 12 号' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { number } = created.json() as { number: string };
    const found = await lookup({ number: number.toLowerCase(), phone: '13600000042' });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ number, kind: 'help', answer: null });
    expect(found.json().status).toBeTruthy();
    // Nothing personal and no follow-up token in the answer.
    expect(found.body).not.toMatch(/13600000042|token|湖滨路/);
    const wrongPhone = await lookup({ number, phone: '13600000043' });
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongPhone.json().code).toBe('hotline.lookup_not_found');
    const unknown = await lookup({ number: 'RX20990101000001', phone: '13600000042' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('hotline.lookup_not_found');
    expect((await lookup({ number, phone: 'abc' })).statusCode).toBe(400);
  });

  it('a landline is found however its hyphen was typed', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      payload: { callerPhone: '0571-88886666', kind: 'suggestion', text: '建议增设公交站', address: '示范市明湖区湖滨路' },
      remoteAddress: '198.51.100.8',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await lookup({ number: created.json().number, phone: '057188886666' }, '198.51.100.8')).statusCode).toBe(200);
  });

  it('is rate-limited per address (phone numbers cannot be walked through)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await lookup({ number: 'RX20990101000001', phone: `1360000${String(i).padStart(4, '0')}` }, '198.51.100.99')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});
