import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Db } from './types.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { checkDataDirFormat, initDataDirInChild, pgliteOptions } from './pglite-data-dir.ts';
import { countingLogger, type StatementCounter } from './statements.ts';
import { LazyPool, lazyTransactions } from './lazy-transaction.ts';
import { namingPoolOptions } from './named-statements.ts';
import { prepareRepeatedStatements } from './pglite-prepared.ts';

// Dates and timestamps come back as strings/Date consistently across drivers.
pg.types.setTypeParser(20, (v) => Number(v)); // int8 → number (counts, sequences)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric → number

export async function openPglite(opts: { dataDir?: string; loadFrom?: Blob | File; lockHeld?: () => void } = {}): Promise<Database> {
  const release = opts.lockHeld ?? (opts.dataDir ? acquireDataDirLock(opts.dataDir) : () => {});
  let client: PGlite;
  try {
    client = opts.dataDir
      ? await openPgliteDataDir(path.join(opts.dataDir, 'pgdata'))
      : await PGlite.create(opts.loadFrom ? { ...pgliteOptions, loadDataDir: opts.loadFrom } : pgliteOptions);
  } catch (err) {
    release();
    throw err;
  }
  prepareRepeatedStatements(client);
  const statements: StatementCounter = { total: 0 };
  const db = drizzlePglite(client, { logger: countingLogger(statements) }) as unknown as Db;
  // One connection: a second transaction would wait on the first anyway, so we queue explicitly
  // to keep the lock held briefly and to make withExclusiveLock trivially correct.
  return {
    kind: 'pglite',
    db,
    statements,
    pglite: client,
    async close() {
      await client.close();
      release();
    },
    async withExclusiveLock(_name, fn) {
      return fn(db);
    },
  } as Database & { pglite: PGlite };
}

/** An old-format directory is refused before PGlite touches it; a new one is made in a child process. */
async function openPgliteDataDir(pgdata: string): Promise<PGlite> {
  checkDataDirFormat(pgdata);
  initDataDirInChild(pgdata);
  return PGlite.create(pgdata, pgliteOptions);
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // Repeated statements are parsed once per connection (named-statements.ts).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'yiwang', ...namingPoolOptions });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it */
  });
  // A client in use whose connection drops between two queries (an administrator's
  // pg_terminate_backend, a failover) emits 'error' with no listener, which would end the process.
  // The request using it fails on its next query instead, and the pool drops the dead client on release.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const statements: StatementCounter = { total: 0 };
  const logger = countingLogger(statements);
  const db = drizzlePg(pool, { logger }) as unknown as Db;
  // transact's transactions: BEGIN at the first write, a lone last statement in autocommit (lazy-transaction.ts).
  lazyTransactions.set(db, drizzlePg(new LazyPool(pool, statements, db) as unknown as pg.Pool, { logger }) as unknown as Db);
  return {
    kind: 'postgres',
    db,
    statements,
    pool,
    async close() {
      await pool.end();
    },
    async withExclusiveLock(name, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await fn(drizzlePg(client, { logger }) as unknown as Db);
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    },
  } as Database & { pool: pg.Pool };
}

export async function ping(database: Database): Promise<boolean> {
  try {
    await database.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
