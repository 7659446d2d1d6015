import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { modules } from '../index.ts';
import { hitRateLimit, sweepRateWindows } from '../../platform/http/rate-limit.ts';
import { rateWindows } from '../../platform/http/tables.ts';
import { hotlineTickets as tickets } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const request = (i: number, headers: Record<string, string> = {}, app: FastifyInstance = t.app) =>
  app.inject({
    method: 'POST',
    url: '/api/public/hotline/tickets',
    headers: { 'accept-language': 'en', ...headers },
    payload: { callerPhone: `136000${String(i).padStart(5, '0')}`, kind: 'help', text: `路灯坏了，第 ${i} 盏`, address: '示范市明湖区湖滨路' },
  });

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

  it('opens a new window when the old one has passed, and the sweep job removes ended windows', async () => {
    const db = t.database.db;
    const limit = { max: 2, windowSeconds: 60 };
    // Long before any window the demo seed stages (e.g. a data-exchange window ended 80 minutes
    // before the seed) or other tests open: only this test's windows end by the moments used here.
    const base = Date.UTC(2001, 0, 1);
    const at = (ms: number) => new Date(base + ms);
    const hits = [
      await hitRateLimit(db, 'test', 'a', limit, at(0)),
      await hitRateLimit(db, 'test', 'a', limit, at(1)),
      await hitRateLimit(db, 'test', 'a', limit, at(2)),
    ];
    expect(hits.map((h) => h.ok)).toEqual([true, true, false]);
    expect(hits[2]!.retryAfterSeconds).toBe(60);
    expect((await hitRateLimit(db, 'test', 'b', limit, at(3))).ok).toBe(true);
    expect(await hitRateLimit(db, 'test', 'a', limit, at(60_000))).toEqual({ ok: true, count: 1, retryAfterSeconds: 0 });
    expect(await sweepRateWindows(db, at(60_003))).toBe(1); // 'b' ended; 'a' runs until 120 s
    expect((await db.select().from(rateWindows).where(like(rateWindows.bucket, 'test'))).map((r) => r.key)).toEqual(['a']);
  });

  it('counts concurrent hits exactly (one atomic upsert per hit)', async () => {
    const limit = { max: 5, windowSeconds: 60 };
    const hits = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(t.database.db, 'test-concurrent', 'x', limit)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(hits.filter((h) => h.ok)).toHaveLength(5);
  });
});

describe('the limit is shared by every server process on the database', () => {
  it('a client that used its 20 requests on one process is refused by another', async () => {
    const other = await buildApp({ config: t.config, database: t.database, calendar: t.calendar, log: t.log, modules });
    try {
      // A second client address: the first test used up 127.0.0.1.
      const addr = '203.0.113.7';
      const send = (i: number, app: FastifyInstance) =>
        app.inject({
          method: 'POST',
          url: '/api/public/hotline/tickets',
          remoteAddress: addr,
          headers: { 'accept-language': 'en' },
          payload: { callerPhone: `137000${String(i).padStart(5, '0')}`, kind: 'help', text: `井盖松了，第 ${i} 处`, address: '示范市明湖区湖滨路' },
        });
      for (let i = 0; i < 10; i++) expect((await send(i, t.app)).statusCode).toBe(201);
      for (let i = 10; i < 20; i++) expect((await send(i, other)).statusCode).toBe(201);
      expect((await send(20, other)).statusCode).toBe(429);
      expect((await send(21, t.app)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('RATE_LIMITS=off switches the route limits off', async () => {
    const off = await buildApp({ config: { ...t.config, RATE_LIMITS: 'off' }, database: t.database, calendar: t.calendar, log: t.log, modules });
    try {
      expect((await request(30, {}, off)).statusCode).toBe(201);
    } finally {
      await off.close();
    }
  });
});
