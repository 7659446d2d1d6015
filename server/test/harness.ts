import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testConfig, type Config } from '../src/platform/config/index.ts';
import { openPglite, openPostgres, type Database } from '../src/platform/db/index.ts';
import { createLogger, type Logger } from '../src/platform/logger.ts';
import { WorkingCalendar } from '../src/platform/calendar/service.ts';
import { systemActor, type Actor } from '../src/platform/auth/actor.ts';
import type { Ctx } from '../src/platform/context.ts';
import { JobRunner, drainJobs } from '../src/platform/jobs/index.ts';
import { buildApp } from '../src/app.ts';
import { modules } from '../src/modules/index.ts';
import { actorFor } from '../src/modules/identity/index.ts';
import { accounts } from '../src/modules/identity/tables.ts';
import { eq } from 'drizzle-orm';

export const TEST_PASSWORD = 'demo-Passw0rd!';

/** A fresh copy of the migrated, demo-seeded template database for this test file. */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const { base, templateName } = inject('pgTemplate');
    const name = `yiwang_t_${templateName.split('_').at(-1)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    // A test database is thrown away: its commits need not wait for the disk (the operations tests,
    // which check durability, start their own servers on their own databases).
    u.searchParams.set('options', '-c synchronous_commit=off');
    return openPostgres(u.toString(), 4);
  }
  const file = inject('pgliteTemplate');
  return openPglite({ loadFrom: new Blob([readFileSync(file)]) });
}

export interface TestEnv {
  config: Config;
  database: Database;
  calendar: WorkingCalendar;
  log: Logger;
  ctx: Ctx;
  /** A context acting as the demo account `username`. */
  as(username: string): Promise<Ctx>;
  runJobs(): Promise<void>;
  close(): Promise<void>;
}

export async function createTestEnv(overrides: Partial<Config> = {}): Promise<TestEnv> {
  const config = { ...testConfig({ DEMO_PASSWORD: TEST_PASSWORD }), ...overrides };
  const database = await openTestDatabase();
  const calendar = new WorkingCalendar(database);
  await calendar.reload();
  const log = createLogger('silent');
  const ctx: Ctx = { config, database, calendar, log, actor: systemActor, requestId: null, ip: '127.0.0.1', locale: 'zh-CN' };
  const runner = new JobRunner(ctx, Object.assign({}, ...modules.map((m) => m.jobs ?? {})), []);
  return {
    config,
    database,
    calendar,
    log,
    ctx,
    async as(username: string) {
      const [account] = await database.db.select().from(accounts).where(eq(accounts.username, username));
      if (!account) throw new Error(`no demo account ${username}`);
      const actor: Actor = await actorFor(ctx, account);
      return { ...ctx, actor };
    },
    runJobs: () => drainJobs(runner),
    close: () => database.close(),
  };
}

export interface TestApp extends TestEnv {
  app: FastifyInstance;
  /** Signs in and returns the cookie header to send. */
  login(username: string, password?: string): Promise<string>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const env = await createTestEnv(overrides);
  const app = await buildApp({ config: env.config, database: env.database, calendar: env.calendar, log: env.log, modules });
  await app.ready();
  return {
    ...env,
    app,
    async login(username: string, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return cookieOf(res);
    },
    async close() {
      await app.close();
      await env.close();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((c) => c.split(';')[0]).join('; ');
}
