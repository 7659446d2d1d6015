import pg from 'pg';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from './open.ts';
import { rawRows } from './types.ts';
import { StatementNames } from './named-statements.ts';

describe('statement names', () => {
  it('names a text from its second use on, the same name each time, a different one per text', () => {
    const names = new StatementNames(10);
    expect(names.nameOf('select 1')).toBeUndefined();
    const first = names.nameOf('select 1');
    expect(first).toMatch(/^s[0-9a-f]{20}$/);
    expect(names.nameOf('select 1')).toBe(first);
    names.nameOf('select 2');
    expect(names.nameOf('select 2')).not.toBe(first);
  });

  it('stops naming new texts at its cap (texts that vary with their input cannot fill the server)', () => {
    const names = new StatementNames(2);
    for (const t of ['a', 'b', 'c']) {
      names.nameOf(t);
      names.nameOf(t);
    }
    expect(names.size).toBe(2);
    expect(names.nameOf('c')).toBeUndefined();
    expect(names.nameOf('a')).toBeDefined();
  });
});

const onPostgres = process.env.TEST_DATABASE === 'postgres';
const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe.runIf(onPostgres)('named statements on PostgreSQL', () => {
  it('a repeated statement is prepared once on the connection and answers as before', async () => {
    const database = await openPostgres(base, 1);
    try {
      const marker = `named-${Date.now()}`;
      const query = (n: number) => rawRows<{ n: number; m: string }>(database.db, sql`SELECT ${n}::int AS n, ${marker}::text AS m`);
      const answers = [];
      for (let i = 1; i <= 4; i++) answers.push((await query(i))[0]);
      expect(answers).toEqual([1, 2, 3, 4].map((n) => ({ n, m: marker })));
      // One pooled connection: the statement is among its prepared statements, once.
      const prepared = await rawRows<{ name: string; statement: string }>(database.db, sql`SELECT name, statement FROM pg_prepared_statements`);
      const ours = prepared.filter((p) => p.statement.includes('::int AS n'));
      expect(ours).toHaveLength(1);
      expect(ours[0]!.name).toMatch(/^s[0-9a-f]{20}$/);
    } finally {
      await database.close();
    }
  });

  it('a statement that fails does not spoil the connection for the next ones', async () => {
    const database = await openPostgres(base, 1);
    try {
      const bad = () => rawRows(database.db, sql`SELECT 1 / ${0}::int AS boom`);
      for (let i = 0; i < 3; i++) await expect(bad()).rejects.toThrow();
      const pool = (database as unknown as { pool: pg.Pool }).pool;
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await database.close();
    }
  });
});
