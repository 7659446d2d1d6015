import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { modules } from '../../src/modules/index.ts';
import { demoIdNumber } from '../../src/modules/identity/index.ts';
import { createTestEnv, type TestEnv } from '../harness.ts';
import type { FastifyInstance } from 'fastify';

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
});
