import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** Every list endpoint takes these and answers with Page<T>. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(100).optional().describe('free-text filter'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export const pageSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const offsetOf = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

/**
 * The number of rows of `table` matching `where`, as a column of the page's own statement: the
 * page and its total in one statement (one round trip, one statement built and written instead of
 * two). An uncorrelated scalar subquery, so PostgreSQL runs it once (an InitPlan) with the plan the
 * separate count had, and the page keeps its own plan (an index walk that stops after the page;
 * `count(*) over ()` would read every matching row with its columns first). Inside the subquery
 * `table` hides the outer one of the same name, so `where`'s columns are the subquery's.
 */
export const totalColumn = (table: PgTable, where: SQL | undefined) => sql<number>`(select count(*) from ${table} where ${where ?? sql`true`})`.mapWith(Number);

/**
 * The total of a page read with `totalColumn`: from its first row, else (a page past the end, or
 * an empty list) 0 on page 1 and a count of its own on a later page (rare: a stale page link).
 */
export async function pageTotal(first: { total: number } | undefined, q: { page: number }, count: () => Promise<number>): Promise<number> {
  if (first) return first.total;
  return q.page > 1 ? count() : 0;
}
