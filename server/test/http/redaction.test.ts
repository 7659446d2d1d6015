import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { modules } from '../../src/modules/index.ts';
import { demoIdNumber } from '../../src/modules/identity/index.ts';
import { createTestEnv, type TestEnv } from '../harness.ts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';

let env: TestEnv;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger('trace', sink);
  app = await buildApp({ config: { ...env.config, NODE_ENV: 'development' }, database: env.database, calendar: env.calendar, log, modules });
  // A query that fails with personal data among its parameters, as a NUL byte once made the 12345 intake fail.
  app.get('/test/failing-query', async () => {
    await env.database.db.execute(sql`SELECT ${demoIdNumber(1)}::uuid AS a, ${'13912345678'} AS b, ${'欧阳明月'} AS c, ${'明湖区湖滨路 88 号'} AS d`);
    return {};
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('logs hold no personal data or secrets', () => {
  it('redacts ID numbers, phone numbers, passwords and cookies wherever they appear', async () => {
    const idNumber = demoIdNumber(0);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen1', password: 'demo-Passw0rd!' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: idNumber, password: 'secret-password-1' } });
    await app.inject({ method: 'GET', url: `/api/public/regions?q=${idNumber}&phone=13800001111`, headers: { cookie } });
    await app.inject({ method: 'GET', url: `/api/nope/${idNumber}`, headers: { cookie, authorization: 'Bearer topsecret' } });
    env.log.info({ idNumber, phone: '13800001111' }, `looked up ${idNumber}`);
    app.log.info({ person: { idNumber, phone: '13800001111', note: `call 13800001111 about ${idNumber}` } }, `person ${idNumber}`);
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).not.toContain(idNumber);
    expect(all).not.toContain('13800001111');
    expect(all).not.toContain('secret-password-1');
    expect(all).not.toContain('topsecret');
    expect(all).not.toContain(cookie.split('=')[1]!);
  });

  it('a failing query logs its SQL, never its parameters or the values the database quotes', async () => {
    const before = lines.length;
    const res = await app.inject({ method: 'GET', url: '/test/failing-query?q=欧阳明月&page=2' });
    expect(res.statusCode).toBe(500);
    const logged = lines.slice(before).join('');
    expect(logged).toContain('request failed');
    expect(logged).toContain('SELECT'); // the SQL stays, for whoever reads the log
    expect(logged).toContain('values withheld');
    for (const secret of [demoIdNumber(1), demoIdNumber(1).slice(0, 14), '13912345678', '欧阳明月', '湖滨路', encodeURIComponent('欧阳明月')])
      expect(logged).not.toContain(secret);
    expect(logged).toContain('page=2');
  });
});
