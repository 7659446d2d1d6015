import type { Tx } from '../db/types.ts';
import { FastInsert } from '../db/deferred.ts';
import { outboxMessages } from './tables.ts';

export type OutboxInsert = typeof outboxMessages.$inferInsert;

/**
 * Notifications enqueued in a `transact` transaction are not inserted at once: they wait for the
 * transaction's last statement, which writes them together with its audit events (one round trip
 * instead of two, platform/context.ts). They still commit or roll back with the change.
 */
const pending = new WeakMap<object, OutboxInsert[]>();

/** From now on, outbox rows enqueued through `tx` wait for `takeDeferredOutbox(tx)`. */
export function deferOutboxWrites(tx: Tx): void {
  pending.set(tx, []);
}

/** Whether `db` defers, and if so the list to add to. */
export function deferredOutboxOf(db: object): OutboxInsert[] | undefined {
  return pending.get(db);
}

/** The rows waiting on `tx` as an insert statement (to put in a WITH), or undefined; stops deferring. */
export function takeDeferredOutbox(tx: Tx): FastInsert | undefined {
  const rows = pending.get(tx);
  pending.delete(tx);
  return rows?.length ? new FastInsert(outboxMessages, rows) : undefined;
}
