import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { migrationSources } from '../../modules/index.ts';
import { backupTo, restoreFrom } from './backup.ts';
import { migrateAll, openPglite, rawRows } from './index.ts';
import { sealAuditEvents, verifyAuditChain } from '../audit/index.ts';

/**
 * Every table of the seeded demo database (all modules, generated columns included) survives a
 * backup and a restore into a freshly migrated database. The cross-engine path (PGlite file →
 * PostgreSQL) is exercised by test/ops/backup-restore.test.ts.
 */
describe('backup and restore', () => {
  let env: TestEnv;
  const dir = mkdtempSync(path.join(tmpdir(), 'yiwang-backup-'));
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row of every table, generated columns recomputed', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'demo.jsonl.gz');
    const written = await backupTo(env.database, file);
    expect(written.rows).toBeGreaterThan(1000);

    const target = await openPglite({});
    try {
      await migrateAll(target, migrationSources());
      const restored = await restoreFrom(target, file);
      expect(restored).toEqual(written);
      const generated = await rawRows<{ table_name: string; column_name: string }>(
        target.db,
        sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_generated <> 'NEVER'`,
      );
      for (const { table_name: table, column_name: column } of generated) {
        const count = async (db: typeof target.db) =>
          (await rawRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" IS NOT NULL`)))[0]!.n;
        expect(await count(target.db), `${table}.${column}`).toBe(await count(env.database.db));
      }
      // The audit sequence continues after the restored events (decision 0006), and the chain holds.
      await target.db.execute(
        sql`INSERT INTO audit_events (id, occurred_at, actor_kind, actor_name, action, object_type, object_id, summary) VALUES (gen_random_uuid(), now(), 'system', 'test', 'test.after_restore', 'test', '1', '{}'::jsonb)`,
      );
      expect((await sealAuditEvents(target.db)).sealed).toBe(1);
      expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await target.close();
    }
  });
});
