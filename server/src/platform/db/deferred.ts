import type { SQL } from 'drizzle-orm';

/**
 * Inserts a transaction leaves for its last statement (issue 12: one round trip per statement is
 * what a write costs most). `transact` (platform/context.ts) opens a list on its transaction handle;
 * a repository hands an INSERT to `deferInsert` instead of sending it, and the transaction's last
 * statement sends every deferred insert as a data-modifying CTE of its audit insert
 * (`WITH w0 AS (INSERT …), w1 AS (INSERT …) INSERT INTO audit_events …`). The rows still commit or
 * roll back with the change; a failing insert (a unique key) fails that statement and so the
 * transaction, as it would have earlier.
 *
 * Only for rows the same transaction does not read back: a deferred row is invisible until the last
 * statement. Foreign keys are checked at the end of that statement, so the order of the CTEs does
 * not matter. Each SQL must be a plain INSERT (no WITH of its own: PostgreSQL allows data-modifying
 * WITH only at the top level).
 */
const pending = new WeakMap<object, SQL[]>();

/** From now on, `deferInsert(tx, …)` on this handle waits for `takeDeferredInserts(tx)`. */
export function deferInserts(tx: object): void {
  pending.set(tx, []);
}

/**
 * Leaves the inserts for the transaction's last statement when `db` is a transaction that defers;
 * answers false otherwise (the caller sends them at once).
 */
export function deferInsert(db: object, ...inserts: SQL[]): boolean {
  const list = pending.get(db);
  if (!list) return false;
  list.push(...inserts);
  return true;
}

/** The inserts waiting on `tx` (none: empty); stops deferring. */
export function takeDeferredInserts(tx: object): SQL[] {
  const list = pending.get(tx) ?? [];
  pending.delete(tx);
  return list;
}
