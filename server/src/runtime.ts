import { randomBytes } from 'node:crypto';
import { writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config/index.ts';
import { migrateAll, openPglite, openPostgres, type Database } from './platform/db/index.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { WorkingCalendar } from './platform/calendar/service.ts';
import { systemActor } from './platform/auth/actor.ts';
import type { Ctx } from './platform/context.ts';
import { JobRunner } from './platform/jobs/index.ts';
import { sealAudit } from './platform/audit/index.ts';
import { systemMeta } from './platform/meta/tables.ts';
import type { YiwangModule } from './platform/module.ts';
import { buildApp } from './app.ts';
import { migrationSources, modules as allModules } from './modules/index.ts';
import { seedAdminOnly } from './modules/identity/index.ts';
import { ensurePlatformDepartment } from './modules/org/index.ts';

/** `lockHeld`: the caller already holds the PGlite data-directory lock (released on close). */
export async function openStorage(config: Config, lockHeld?: () => void): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL, config.DB_POOL_SIZE) : openPglite({ dataDir: config.dataDir, lockHeld });
}

export function systemCtx(config: Config, database: Database, log: Logger, calendar = new WorkingCalendar(database)): Ctx {
  return { config, database, calendar, log, actor: systemActor, requestId: null, ip: null, locale: 'zh-CN' };
}

export type SeedMode = 'auto' | 'demo' | 'none';

/** `seed --demo` on a database that holds a city's own installation. */
export class SeedRefusedError extends Error {}

export interface PrepareResult {
  migrations: string[];
  seeded: 'demo' | 'admin-only' | 'already' | 'none';
  /** What the database holds now: the demo city, or a city's own data (first seeded admin-only). */
  content?: 'demo' | 'admin-only';
  generatedPassword?: string;
}

/**
 * Production means no demo data, whatever the storage: a production first start creates only the
 * platform department and `admin`. (Before, PGlite with NODE_ENV=production loaded the demo city.)
 */
export function isProduction(config: Config): boolean {
  return config.NODE_ENV === 'production';
}

/**
 * Migrates, then seeds an empty database, both under a cluster-wide lock so that processes
 * started together do each exactly once between them.
 */
export async function prepareDatabase(ctx: Ctx, opts: { seed: SeedMode; modules?: YiwangModule[] }): Promise<PrepareResult> {
  const list = opts.modules ?? allModules;
  const migrations = await migrateAll(ctx.database, migrationSources(list));
  if (opts.seed === 'none') return { migrations, seeded: 'none' };
  const result = await ctx.database.withExclusiveLock('yiwang.seed', async (db): Promise<PrepareResult> => {
    const [seededRow] = await db.select().from(systemMeta).where(eq(systemMeta.key, 'seeded'));
    const seededKind = (seededRow?.value as { kind?: 'demo' | 'admin-only' } | undefined)?.kind;
    for (const m of list) if (m.seedBase) await m.seedBase(ctx);
    // An install first started before the platform department existed gets it now (its admin
    // could not sign in without it).
    if (seededKind === 'admin-only') await ensurePlatformDepartment(ctx);
    if (seededRow && opts.seed !== 'demo') return { migrations, seeded: 'already' as const, content: seededKind };
    if (seededRow && opts.seed === 'demo' && seededKind === 'demo') return { migrations, seeded: 'already' as const, content: seededKind };
    // The demo city brings its own `admin` and would collide with (or sit beside) a city's own data.
    if (seededRow && opts.seed === 'demo')
      throw new SeedRefusedError(
        'this database already holds an installation of its own (first started without demo data); load the demo city into an empty database',
      );
    const wantDemo = opts.seed === 'demo' || ctx.config.SEED_DEMO === 'always' || (ctx.config.SEED_DEMO === 'auto' && !isProduction(ctx.config));
    if (!wantDemo) {
      const password = ctx.config.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
      await seedAdminOnly(ctx, password);
      await db
        .insert(systemMeta)
        .values({ key: 'seeded', value: { kind: 'admin-only', at: new Date().toISOString() } })
        .onConflictDoNothing();
      return { migrations, seeded: 'admin-only' as const, content: 'admin-only' as const, generatedPassword: ctx.config.ADMIN_PASSWORD ? undefined : password };
    }
    let generatedPassword: string | undefined;
    if (!ctx.config.DEMO_PASSWORD) {
      generatedPassword = `Demo-${randomBytes(6).toString('base64url')}1`;
      ctx.config.DEMO_PASSWORD = generatedPassword;
    }
    for (const m of list) {
      if (m.seedDemo) {
        const started = Date.now();
        await m.seedDemo(ctx);
        ctx.log.debug({ module: m.name, ms: Date.now() - started }, 'demo data seeded');
      }
    }
    await db
      .insert(systemMeta)
      .values({ key: 'seeded', value: { kind: 'demo', at: new Date().toISOString() } })
      .onConflictDoUpdate({ target: systemMeta.key, set: { value: { kind: 'demo', at: new Date().toISOString() } } });
    return { migrations, seeded: 'demo' as const, content: 'demo' as const, generatedPassword };
  });
  // What seeding audited starts sealed (decision 0006), before anyone can reach the database.
  await sealAudit(ctx);
  return result;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, opts: { log?: Logger; lockHeld?: () => void } = {}): Promise<RunningServer> {
  const started = Date.now();
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const database = await openStorage(config, opts.lockHeld);
  const calendar = new WorkingCalendar(database);
  const ctx = systemCtx(config, database, log, calendar);
  let prepared: PrepareResult;
  try {
    prepared = await prepareDatabase(ctx, { seed: 'auto' });
  } catch (err) {
    await database.close();
    throw err;
  }
  await calendar.reload();
  const app = await buildApp({ config, database, calendar, log, modules: allModules });
  const runner = new JobRunner(
    ctx,
    Object.assign({}, ...allModules.map((m) => m.jobs ?? {})),
    allModules.flatMap((m) => m.schedules ?? []),
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  if (config.JOBS === 'on') runner.start();
  const url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  log.info({ url, storage: database.kind, migrations: prepared.migrations.length, seeded: prepared.seeded, ms: Date.now() - started }, 'yiwang ready');
  announce(config, prepared, url, database);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await runner.stop();
      await app.close(); // finishes in-flight requests
      // Seals what those requests audited, so a stopped installation leaves no unsealed events.
      await sealAudit(ctx).catch((err: unknown) => log.warn({ err }, 'sealing the audit chain at shutdown failed'));
      await database.close();
    })());
  return { app, database, url, stop };
}

/**
 * The start-up banner. Demo accounts and the demo password are shown only for a database that holds
 * the demo city and only outside production; a production start never prints them (at most a
 * warning that the database holds demo data).
 */
export function bannerLines(config: Config, prepared: PrepareResult, url: string, storage: Database['kind']): string[] {
  const lines = [`\n  yiwang 一网 is running at ${url}  (storage: ${storage === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`];
  lines.push(`  API docs: ${url}/api/docs`);
  if (prepared.content === 'demo' && isProduction(config)) {
    lines.push('  WARNING: this database holds the demo city and its demo accounts; do not put it in front of the public.');
  } else if (prepared.content === 'demo') {
    const password = prepared.generatedPassword ?? config.DEMO_PASSWORD;
    lines.push(
      '  Demo accounts (see README for all): admin, it.admin, window.clerk, scjg.clerk, scjg.reviewer, scjg.approver, rx.operator, citizen1, enterprise1',
    );
    if (prepared.generatedPassword && storage === 'pglite') {
      lines.push(`  Demo password (all demo accounts): ${password}   (also saved in ${path.join(config.dataDir, 'demo-password.txt')})`);
    } else if (password) lines.push(`  Demo password (all demo accounts): ${password}`);
    else lines.push(`  Demo password: as printed at first start (or in ${path.join(config.dataDir, 'demo-password.txt')}); set DEMO_PASSWORD to choose it.`);
  }
  if (prepared.seeded === 'admin-only') {
    lines.push(
      prepared.generatedPassword
        ? `  First start: the only account is admin, password ${prepared.generatedPassword} (shown once; change it at first sign-in).`
        : '  First start: the only account is admin, with the password from ADMIN_PASSWORD (change it at first sign-in).',
    );
  }
  return lines;
}

function announce(config: Config, prepared: PrepareResult, url: string, database: Database) {
  if (prepared.content === 'demo' && prepared.generatedPassword && database.kind === 'pglite') {
    const file = path.join(config.dataDir, 'demo-password.txt');
    writeFileSync(file, `${prepared.generatedPassword}\n`);
    chmodSync(file, 0o600);
  }
  process.stdout.write(`${bannerLines(config, prepared, url, database.kind).join('\n')}\n\n`);
}
