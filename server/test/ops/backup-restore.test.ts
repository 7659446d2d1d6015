/**
 * The way an embedded installation moves to PostgreSQL: `backup` a PGlite data directory,
 * `restore` into a fresh PostgreSQL database, same row counts, audit chain intact there.
 * Runs in the PostgreSQL suite (`npm run test:pg`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, rawRows } from '../../src/platform/db/index.ts';
import { adminQuery, createStorage, killAll, login, onPostgres, runCli, startServer, type Storage } from './procs.ts';

afterAll(killAll);

const TABLES = ['regions', 'departments', 'service_centers', 'accounts', 'staff', 'roles', 'role_assignments', 'persons', 'legal_entities', 'audit_events'];

describe.runIf(onPostgres)('backup of PGlite, restore into PostgreSQL', () => {
  let source: Storage;
  let target: Storage;
  beforeAll(async () => {
    source = await createStorage('pglite');
    target = await createStorage('postgres');
  });
  afterAll(async () => {
    await source?.dispose();
    await target?.dispose();
  });

  it('restores the same rows and an intact audit chain', { timeout: 900_000 }, async () => {
    const seeded = await runCli(['seed', '--demo'], source.env);
    expect(seeded.code, seeded.stderr).toBe(0);
    const file = path.join(source.dataDir, 'backup.jsonl.gz');
    const backup = await runCli(['backup', file], source.env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written to .*: \d+ tables, \d+ rows/);

    // Same secrets (DATA_DIR/secrets.json) so encrypted personal data and sessions stay readable.
    const env = { DATA_DIR: source.dataDir, DATABASE_URL: target.databaseUrl! };
    const restore = await runCli(['restore', file], env);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/restored \d+ rows into \d+ tables \(postgres\)/);

    const count = `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`).join(', ')}`;
    const database = await openPglite({ dataDir: source.dataDir });
    const before = (await rawRows<Record<string, number>>(database.db, sql.raw(count)))[0]!;
    await database.close();
    const after = (await adminQuery<Record<string, number>>(target.databaseUrl!, count))[0]!;
    expect(after).toEqual(before);
    expect(before.regions).toBeGreaterThan(0);
    expect(before.audit_events).toBeGreaterThan(0);

    const audit = await runCli(['audit', 'verify'], env);
    expect(audit.stdout).toMatch(/audit chain intact/);
    expect(audit.code).toBe(0);

    // A restore refuses a database that already holds data.
    const again = await runCli(['restore', file], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not empty/);

    // The server runs on the restored database: the demo admin signs in and lists staff.
    const server = await startServer(env);
    await server.waitReady();
    const cookie = await login(server.url);
    const res = await fetch(`${server.url}/api/admin/staff?page=1&pageSize=20`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(before.staff);
    await server.kill('SIGTERM');
  });
});
