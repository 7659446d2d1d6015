import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { FixedWindowLimiter } from '../../platform/http/rate-limit.ts';
import { hotlineTickets as tickets } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const request = (i: number, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/public/hotline/tickets', headers: { 'accept-language': 'en', ...headers }, payload: { callerPhone: `136000${String(i).padStart(5, '0')}`, kind: 'help', text: `路灯坏了，第 ${i} 盏`, address: '示范市明湖区湖滨路' } });

describe('the anonymous 12345 portal form is rate limited per client address', () => {
  it('takes 20 requests in ten minutes, then answers 429 rate.limited with Retry-After and writes nothing; signed-in callers are not counted', async () => {
    for (let i = 0; i < 20; i++) expect((await request(i)).statusCode).toBe(201);
    const refused = await request(20);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'rate.limited', retryAfterSeconds: expect.any(Number) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(500);
    const written = await t.database.db.select({ text: tickets.text }).from(tickets).where(like(tickets.text, '路灯坏了，第 %'));
    expect(written).toHaveLength(20);

    const citizen = await t.login('citizen1');
    expect((await request(21, { cookie: citizen })).statusCode).toBe(201);
  });

  it('opens a new window when the old one has passed', () => {
    const limiter = new FixedWindowLimiter();
    const limit = { max: 2, windowSeconds: 60 };
    expect([limiter.hit('a', limit, 0).ok, limiter.hit('a', limit, 1).ok, limiter.hit('a', limit, 2)]).toEqual([true, true, { ok: false, retryAfterSeconds: 60 }]);
    expect(limiter.hit('b', limit, 3).ok).toBe(true);
    expect(limiter.hit('a', limit, 60_000).ok).toBe(true);
  });
});
