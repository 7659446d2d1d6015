/**
 * The baselines, in a process of their own: a bare Fastify route, and a bare single-row query
 * through the same driver the server uses (PGlite: its own in-memory instance while the server
 * holds the data directory, or DATA_DIR once it has stopped; PostgreSQL: a pool on the same
 * database). With FLOORS_FILE it also serves the statement floors (floors.ts). Prints its port
 * when ready.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { FloorStatement } from './floors.ts';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rawRows } from '../server/src/platform/db/index.ts';

const url = process.env.DATABASE_URL;
const dataDir = process.env.DATA_DIR;
const database = url ? await openPostgres(url, Number(process.env.DB_POOL_SIZE ?? 10)) : await openPglite(dataDir ? { dataDir } : {});
await database.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_baseline (id int PRIMARY KEY, name text NOT NULL)`);
await database.db.execute(sql`INSERT INTO bench_baseline VALUES (1, 'baseline') ON CONFLICT DO NOTHING`);

const app = Fastify({ logger: false });
app.get('/route', async () => ({ status: 'ok' }));
app.get('/query', async () => {
  const rows = await rawRows<{ id: number; name: string }>(database.db, sql`SELECT id, name FROM bench_baseline WHERE id = ${1}`);
  return rows[0];
});
// The statement floors (floors.ts): each read's own statements through the bare driver — named
// statements on the pg pool; on PGlite its query(), which openPglite makes prepare a repeated text
// (platform/db/pglite-prepared.ts), as the server's statements are.
if (process.env.FLOORS_FILE) {
  const floors = JSON.parse(readFileSync(process.env.FLOORS_FILE, 'utf8')) as FloorStatement[][];
  const send: (name: string, s: FloorStatement) => Promise<unknown[]> = url
    ? async (name, s) => (await (database as unknown as { pool: pg.Pool }).pool.query({ name, text: s.text, values: s.params, rowMode: 'array' })).rows
    : async (_name, s) => (await (database as unknown as { pglite: PGlite }).pglite.query(s.text, s.params, { rowMode: 'array' })).rows;
  floors.forEach((statements, i) => {
    app.get(`/floor/${i}`, async () => {
      const answers = [];
      for (const [j, s] of statements.entries()) answers.push(await send(`floor_${i}_${j}`, s));
      return answers;
    });
  });
}
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address() as { port: number };
process.stdout.write(`READY ${address.port}\n`);
const stop = async () => {
  await app.close();
  if (url || dataDir) await database.db.execute(sql`DROP TABLE IF EXISTS bench_baseline`).catch(() => {});
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
