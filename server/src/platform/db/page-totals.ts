/**
 * A list's total, kept between requests (decision 0008, "Page totals").
 *
 * A page of a long list costs little to read (an index walk that stops after the page) and much more
 * to count (up to cap + 1 index entries: at 1,000,000 cases or tickets the count was most of the
 * to-do and ticket pages' statement). The rows are read on every request, so what a clerk acts on is
 * always current; only the number "共 N 件" may be kept:
 *
 * - A page that is not full knows its total exactly (offset + its rows): no count, and it is kept.
 * - A full page takes a kept total of the same list (same filters and scope: `key`) when it agrees with
 *   the page (at least offset + page size; an empty page past the end: at most the offset) and is
 *   younger than `maxAgeMs` and no write has happened in this process since it was counted;
 *   otherwise it counts, and keeps that.
 * - A write in this process forgets every kept total: each statement other than a select as it is
 *   sent (`totalsWriteSeen`, from the statement logger), and each transaction again at its commit
 *   (`transact`), so a count read while a transaction was open is not kept past it. A write by
 *   another process on the same database shows within `maxAgeMs` (CACHE_RECHECK_SECONDS), as a
 *   change of permissions does.
 */

interface Kept {
  total: number;
  at: number;
  epoch: number;
}

/** Per database handle; at most MAX_KEPT lists each (a city's staff times their filters is far fewer). */
const kept = new WeakMap<object, Map<string, Kept>>();
export const MAX_KEPT = 5_000;
let epoch = 0;

/** Forgets every kept total: a write was sent or committed in this process. */
export function forgetPageTotals(): void {
  epoch++;
}

/** For the statement logger: a statement that is not a select may change any list. */
export function totalsWriteSeen(statement: string): void {
  if (!/^\s*select\b/i.test(statement)) epoch++;
}

export interface KeptTotalPage<T> {
  /** The database handle the list is read from. */
  database: object;
  /** The list: everything its rows depend on but the page (filters, the reader's scope). */
  key: string;
  /** How long a total counted here may be shown (ms); 0 counts every full page. */
  maxAgeMs: number;
  page: number;
  pageSize: number;
  /** Reads the page's rows (at most pageSize). */
  read: () => Promise<T[]>;
  /** Counts the list (capped or not, as the caller reads it). */
  count: () => Promise<number>;
}

/** The page's rows, and the list's total: exact when the page is not full, else kept or counted. */
export async function pageWithKeptTotal<T>(r: KeptTotalPage<T>): Promise<{ rows: T[]; total: number }> {
  const offset = (r.page - 1) * r.pageSize;
  let lists = kept.get(r.database);
  if (!lists) kept.set(r.database, (lists = new Map()));
  // A total is kept only if no write was seen since before the statement that found it began.
  const keep = (total: number, since: number) => {
    if (since !== epoch) return;
    if (lists.size >= MAX_KEPT && !lists.has(r.key)) lists.clear();
    lists.set(r.key, { total, at: performance.now(), epoch: since });
  };
  const readSince = epoch;
  const rows = await r.read();
  if ((rows.length > 0 && rows.length < r.pageSize) || (rows.length === 0 && r.page === 1)) {
    keep(offset + rows.length, readSince);
    return { rows, total: offset + rows.length };
  }
  const k = lists.get(r.key);
  if (k && k.epoch === epoch && performance.now() - k.at <= r.maxAgeMs) {
    const agrees = rows.length === 0 ? k.total <= offset : k.total >= offset + rows.length;
    if (agrees) return { rows, total: k.total };
  }
  const countSince = epoch;
  const total = await r.count();
  keep(total, countSince);
  return { rows, total };
}

/** Test seam: how many lists have a kept total on `database`. */
export function keptTotals(database: object): number {
  return kept.get(database)?.size ?? 0;
}
