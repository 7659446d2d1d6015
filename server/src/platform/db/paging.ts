import { z } from 'zod';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './types.ts';

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
/** A total column (`totalColumn`, `cappedTotalColumn`, `cappedCount`) run on its own: a page past the end has no row to carry it. */
export async function totalAlone(db: Executor, total: SQL<number>): Promise<number> {
  return (await db.select({ n: total }).from(sql`(select 1) one`))[0]?.n ?? 0;
}

export async function pageTotal(first: { total: number } | undefined, q: { page: number }, count: () => Promise<number>): Promise<number> {
  if (first) return first.total;
  return q.page > 1 ? count() : 0;
}

/**
 * How far a capped total counts (issue 12: a to-do of 30,000 or a city's 1,000,000 tickets cost
 * more to count than to page). Past it a page answers `total: TOTAL_CAP, totalCapped: true` and the
 * workbench shows "1,000+"; nobody pages that far, and the count stops after CAP + 1 rows.
 * 1,000 rather than 10,000: counting 10,001 index entries was the page's main cost at 1,000,000
 * cases (10 clients: window.clerk's to-do 303 → 720 req/s, p99 61 → 37 ms; decision 0008).
 */
export const TOTAL_CAP = 1_000;
let totalCap = TOTAL_CAP;
export const pageTotalCap = () => totalCap;
/** Test seam: a small cap makes a capped total observable without 1,000 rows; no argument restores TOTAL_CAP. */
export function setPageTotalCapForTests(cap?: number) {
  totalCap = cap ?? TOTAL_CAP;
}

/** A page whose total may stop counting (`cappedTotal`). */
export interface CappedPage<T> extends Page<T> {
  totalCapped: boolean;
}
export interface CappedTotal {
  total: number;
  totalCapped: boolean;
}

export const cappedPageSchema = <T extends z.ZodTypeAny>(item: T) =>
  pageSchema(item).extend({
    totalCapped: z.boolean().describe('true: more than `total` match (the count stops there); show it as "1,000+" and let the user page on'),
  });

export function cappedPageOf<T>(items: T[], t: CappedTotal, query: { page: number; pageSize: number }): CappedPage<T> {
  return { ...pageOf(items, t.total, query), totalCapped: t.totalCapped };
}

/**
 * The number of `rows` (a select, or a union of selects each limited to the cap + 1) up to the cap
 * + 1, as a column of the page's statement like `totalColumn`: the count stops after cap + 1 rows.
 */
export const cappedCount = (rows: SQLWrapper) => sql<number>`(select count(*) from (${rows}) capped)`.mapWith(Number);

/** `totalColumn` that stops counting after cap + 1 rows: read the page's total with `cappedTotal`. */
export const cappedTotalColumn = (table: PgTable, where: SQL | undefined) =>
  cappedCount(sql`select 1 from ${table} where ${where ?? sql`true`} limit ${pageTotalCap() + 1}`);

/** A count of up to cap + 1 as the page's total: the cap and a flag past it. */
export function cappedTotal(counted: number): CappedTotal {
  const cap = pageTotalCap();
  return counted > cap ? { total: cap, totalCapped: true } : { total: counted, totalCapped: false };
}
