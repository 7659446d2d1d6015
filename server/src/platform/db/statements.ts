import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { Database } from './types.ts';

/**
 * Counts the SQL statements the application sends through Drizzle on one database handle
 * (BEGIN/COMMIT excluded: the driver sends those itself). Costs one increment per statement.
 */
export interface StatementCounter {
  total: number;
}

export function countingLogger(counter: StatementCounter): DrizzleLogger {
  return {
    logQuery() {
      counter.total++;
    },
  };
}

/**
 * Runs fn and tells how many statements the database received meanwhile. It counts everything on
 * the handle, so it measures fn only when nothing else runs at the same time (a test, one request
 * at a time; no job runner). (An AsyncLocalStorage tally does not survive Fastify's inject: the
 * request is dispatched from a queue outside the caller's async context.)
 */
export async function countStatements<T>(database: Database, fn: () => Promise<T>): Promise<{ value: T; statements: number }> {
  const before = database.statements.total;
  const value = await fn();
  return { value, statements: database.statements.total - before };
}
