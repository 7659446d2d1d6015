import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testConfig } from '../src/platform/config/index.ts';
import { openPglite, openPostgres } from '../src/platform/db/index.ts';
import { createLogger } from '../src/platform/logger.ts';
import { prepareDatabase, systemCtx } from '../src/runtime.ts';
import { installClockFromEnv } from './frozen-clock.ts';

export const TEST_PASSWORD = 'demo-Passw0rd!';

/**
 * Migrates and seeds the demo city once into a template (a PGlite dump file, or a PostgreSQL
 * template database); every test file then starts from its own copy.
 */
export default async function setup(project: TestProject) {
  process.env.NODE_ENV = 'test';
  // The demo seed stages dates relative to today: seed on the same day the tests run.
  installClockFromEnv();
  const config = testConfig({ DEMO_PASSWORD: TEST_PASSWORD });
  const log = createLogger('silent');
  if (process.env.TEST_DATABASE === 'postgres') {
    const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const templateName = `yiwang_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.query(`CREATE DATABASE ${templateName}`);
    const url = withDatabase(base, templateName);
    const database = await openPostgres(url, 2);
    await prepareDatabase(systemCtx({ ...config, DATABASE_URL: url }, database, log), { seed: 'demo' });
    await database.close();
    project.provide('pgTemplate', { base, templateName });
    return async () => {
      const rows = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'yiwang_t_${process.pid}_%' OR datname = '${templateName}'`);
      for (const r of rows.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'yiwang-test-'));
  const database = await openPglite();
  await prepareDatabase(systemCtx(config, database, log), { seed: 'demo' });
  const dump = await (database as unknown as { pglite: { dumpDataDir(c: 'none'): Promise<Blob> } }).pglite.dumpDataDir('none');
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: { base: string; templateName: string };
  }
}
