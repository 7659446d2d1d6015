/**
 * The baselines, in a process of their own: a bare Fastify route, and a bare single-row query
 * through the same driver the server uses (PGlite: its own in-memory instance, since the server
 * holds the data directory; PostgreSQL: a pool on the same database). Prints its port when ready.
 */
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rawRows } from '../server/src/platform/db/index.ts';

const url = process.env.DATABASE_URL;
const database = url ? await openPostgres(url, Number(process.env.DB_POOL_SIZE ?? 10)) : await openPglite();
await database.db.execute(sql`CREATE TABLE IF NOT EXISTS bench_baseline (id int PRIMARY KEY, name text NOT NULL)`);
await database.db.execute(sql`INSERT INTO bench_baseline VALUES (1, 'baseline') ON CONFLICT DO NOTHING`);

const app = Fastify({ logger: false });
app.get('/route', async () => ({ status: 'ok' }));
app.get('/query', async () => {
  const rows = await rawRows<{ id: number; name: string }>(database.db, sql`SELECT id, name FROM bench_baseline WHERE id = ${1}`);
  return rows[0];
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address() as { port: number };
process.stdout.write(`READY ${address.port}\n`);
const stop = async () => {
  await app.close();
  if (url) await database.db.execute(sql`DROP TABLE IF EXISTS bench_baseline`).catch(() => {});
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
