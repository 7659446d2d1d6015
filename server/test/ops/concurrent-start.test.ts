/**
 * Two processes started at the same moment on one empty PostgreSQL database both come up, and
 * between them migrate and seed exactly once.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationSources } from '../../src/modules/index.ts';
import { demoCity } from '../../src/modules/org/seed.ts';
import { adminQuery, createStorage, killAll, onPostgres, runCli, startServer } from './procs.ts';

afterAll(killAll);

function journalEntries(folder: string): number {
  const file = path.join(folder, 'meta', '_journal.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] }).entries.length;
  return readdirSync(folder).filter((f) => f.endsWith('.sql')).length;
}

describe.runIf(onPostgres)('two processes starting together on an empty PostgreSQL database', () => {
  it('both come up; migrations applied once, demo data seeded once', { timeout: 900_000 }, async () => {
    const storage = await createStorage('postgres');
    try {
      const [a, b] = await Promise.all([startServer(storage.env), startServer(storage.env)]);
      await Promise.all([a.waitReady(), b.waitReady()]);
      const url = storage.databaseUrl!;

      for (const source of migrationSources()) {
        const table = `__migrations_${source.name.replace(/[^a-z0-9_]/gi, '_')}`;
        const rows = await adminQuery<{ n: number; distinct_hashes: number }>(
          url,
          `SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct_hashes FROM drizzle."${table}"`,
        );
        expect(rows[0]!.n, `drizzle.${table}`).toBe(journalEntries(source.folder));
        expect(rows[0]!.distinct_hashes, `drizzle.${table}`).toBe(rows[0]!.n);
      }
      const meta = await adminQuery<{ key: string }>(url, `SELECT key FROM system_meta WHERE key = 'seeded'`);
      expect(meta).toHaveLength(1);
      // The demo city: province, city, districts, their streets, 2 communities per street.
      const streets = demoCity.districts.reduce((n, d) => n + d.streets.length, 0);
      const regions = await adminQuery<{ n: number }>(url, `SELECT count(*)::int AS n FROM regions`);
      expect(regions[0]!.n).toBe(2 + demoCity.districts.length + streets * 3);
      // Seeding twice would double the seeding audit trail: every audited object was created once.
      const dupes = await adminQuery<{ n: number }>(
        url,
        `SELECT count(*)::int AS n FROM (SELECT action, object_id FROM audit_events WHERE action LIKE '%.create' GROUP BY 1, 2 HAVING count(*) > 1) d`,
      );
      expect(dupes[0]!.n).toBe(0);
      const admins = await adminQuery<{ n: number }>(url, `SELECT count(*)::int AS n FROM accounts WHERE username = 'admin'`);
      expect(admins[0]!.n).toBe(1);

      // Both serve the same data.
      for (const s of [a, b]) expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
      const audit = await runCli(['audit', 'verify'], storage.env);
      expect(audit.stdout).toMatch(/audit chain intact/);
    } finally {
      killAll();
      await storage.dispose();
    }
  });
});
