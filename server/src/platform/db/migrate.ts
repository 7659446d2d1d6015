import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import { rawRows, type Database, type Db } from './types.ts';

export interface MigrationSource {
  /** Module name; its applied migrations are kept in drizzle.__migrations_<name>. */
  name: string;
  folder: string;
}

/**
 * Each module has its own migrations folder and its own journal table, so modules evolve their
 * tables independently. Applied in the order given (platform first), under one cluster-wide lock,
 * so two processes started at once migrate exactly once between them.
 */
export async function migrateAll(database: Database, sources: MigrationSource[]): Promise<string[]> {
  return database.withExclusiveLock('yiwang.migrate', async (db) => {
    const applied: string[] = [];
    await db.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
    for (const source of sources) {
      const table = `__migrations_${source.name.replace(/[^a-z0-9_]/gi, '_')}`;
      await db.execute(sql.raw(`CREATE TABLE IF NOT EXISTS drizzle."${table}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`));
      const last = await rawRows<{ created_at: number | string }>(db, sql.raw(`SELECT created_at FROM drizzle."${table}" ORDER BY created_at DESC LIMIT 1`));
      const lastMillis = Number(last[0]?.created_at ?? 0);
      const pending = readMigrationFiles({ migrationsFolder: source.folder }).filter((m) => m.folderMillis > lastMillis);
      for (const migration of pending) {
        await applyOne(db, table, migration);
        applied.push(`${source.name}@${migration.folderMillis}`);
      }
    }
    return applied;
  });
}

async function applyOne(db: Db, table: string, migration: { sql: string[]; hash: string; folderMillis: number }) {
  await db.transaction(async (tx) => {
    for (const statement of migration.sql) {
      if (statement.trim()) await tx.execute(sql.raw(statement));
    }
    await tx.execute(sql`INSERT INTO ${sql.raw(`drizzle."${table}"`)} (hash, created_at) VALUES (${migration.hash}, ${migration.folderMillis})`);
  });
}
