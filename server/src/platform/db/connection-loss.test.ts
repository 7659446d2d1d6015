import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgres } from './open.ts';

const onPostgres = process.env.TEST_DATABASE === 'postgres';
const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe.runIf(onPostgres)('a PostgreSQL connection lost while in use', () => {
  it('fails the work that used it, not the process, and the pool goes on with a new connection', async () => {
    const database = await openPostgres(base, 2);
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const pool = (database as unknown as { pool: pg.Pool }).pool;
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // Give the socket's end time to arrive while the client is checked out and idle.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]!.one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
      await database.close();
    }
  });
});
