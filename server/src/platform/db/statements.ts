import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { Database } from './types.ts';
import { totalsWriteSeen } from './page-totals.ts';

/**
 * Counts the SQL statements the application sends through Drizzle on one database handle
 * (BEGIN/COMMIT excluded: the driver sends those itself). Costs one increment per statement.
 * While `sql` is an array (set by countStatements with `{ keep: true }`), each statement's text is
 * pushed to it too, so a budget test can say which statements a route sent.
 */
export interface StatementCounter {
  total: number;
  sql?: string[];
  /** Beside `sql`, each statement's parameters (the bench replays a route's statements alone: bench/floors.ts). */
  params?: unknown[][];
}

export function countingLogger(counter: StatementCounter): DrizzleLogger {
  return {
    logQuery(query, params) {
      counter.total++;
      totalsWriteSeen(query);
      counter.sql?.push(query);
      counter.params?.push(params);
    },
  };
}

/**
 * Runs fn and tells how many statements the database received meanwhile (and, with `keep`, their
 * text). It counts everything on the handle, so it measures fn only when nothing else runs at the
 * same time (a test, one request at a time; no job runner). (An AsyncLocalStorage tally does not
 * survive Fastify's inject: the request is dispatched from a queue outside the caller's async context.)
 */
export async function countStatements<T>(
  database: Database,
  fn: () => Promise<T>,
  opts: { keep?: boolean } = {},
): Promise<{ value: T; statements: number; sql: string[]; params: unknown[][] }> {
  const before = database.statements.total;
  const sql: string[] = [];
  const params: unknown[][] = [];
  if (opts.keep) Object.assign(database.statements, { sql, params });
  try {
    const value = await fn();
    return { value, statements: database.statements.total - before, sql, params };
  } finally {
    if (opts.keep) Object.assign(database.statements, { sql: undefined, params: undefined });
  }
}
