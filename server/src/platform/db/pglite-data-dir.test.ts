import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirFormatError, PGLITE_PG_MAJOR, checkDataDirFormat } from './pglite-data-dir.ts';
import { openPglite } from './open.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'yiwang-pgdata-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// PGlite's own files: the PostgreSQL run has nothing to check here.
describe.skipIf(process.env.TEST_DATABASE === 'postgres')('PGlite data directory', () => {
  it('a new directory is made with the current major version, fsync on and a 16 MB buffer pool; it opens again', async () => {
    const dataDir = tempDir();
    const first = await openPglite({ dataDir });
    await first.db.execute(sql`CREATE TABLE kept (id int PRIMARY KEY)`);
    await first.db.execute(sql`INSERT INTO kept VALUES (1)`);
    const settings = await first.db.execute(sql`SELECT current_setting('fsync') AS fsync, current_setting('shared_buffers') AS buffers`);
    expect((settings as unknown as { rows: unknown[] }).rows[0]).toEqual({ fsync: 'on', buffers: '16MB' });
    await first.close();
    expect(readFileSync(path.join(dataDir, 'pgdata', 'PG_VERSION'), 'utf8').trim()).toBe(PGLITE_PG_MAJOR);

    const again = await openPglite({ dataDir });
    const rows = await again.db.execute(sql`SELECT id FROM kept`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ id: 1 }]);
    await again.close();
  }, 120_000);

  it('a directory written by PGlite 0.3 (PostgreSQL 17) is refused untouched, naming backup and restore; the lock is released', async () => {
    const dataDir = tempDir();
    const pgdata = path.join(dataDir, 'pgdata');
    mkdirSync(pgdata, { recursive: true });
    writeFileSync(path.join(pgdata, 'PG_VERSION'), '17\n');
    expect(() => checkDataDirFormat(pgdata)).toThrow(DataDirFormatError);
    for (let attempt = 0; attempt < 2; attempt++) {
      const err = await openPglite({ dataDir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataDirFormatError);
      expect((err as Error).message).toMatch(/PostgreSQL 17.*cannot open it/);
      expect((err as Error).message).toContain('yiwang backup');
      expect((err as Error).message).toContain('yiwang restore');
    }
    expect(readdirSync(pgdata)).toEqual(['PG_VERSION']);
    expect(readdirSync(dataDir)).toEqual(['pgdata']); // no lock file left behind
  });

  it('a missing or current directory passes the check', () => {
    expect(() => checkDataDirFormat(path.join(tempDir(), 'none'))).not.toThrow();
  });
});
