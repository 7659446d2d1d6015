import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { StatementCounter } from './statements.ts';

/** The Drizzle handle, the same type on PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Statements sent through `db` since the handle opened (platform/db/statements.ts). */
  statements: StatementCounter;
  close(): Promise<void>;
  /** Runs fn while holding a cluster-wide lock (advisory lock on PostgreSQL; one process on PGlite). */
  withExclusiveLock<T>(name: string, fn: (db: Db) => Promise<T>): Promise<T>;
}

/** Rows of a raw SQL query, typed by the caller (both drivers answer with `rows`). */
export async function rawRows<T>(db: Executor, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
