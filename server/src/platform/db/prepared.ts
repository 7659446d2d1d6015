import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Executor } from './types.ts';
import { lazyClientOf } from './lazy-transaction.ts';

const handles = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement every request sends (the session lookup), built once per database handle with
 * `sql.placeholder`s and `.prepare(name)`: Drizzle builds its SQL text once instead of per request
 * (building a select of two wide tables cost more CPU than sending it), and on PostgreSQL it is a
 * named prepared statement, parsed once per pooled connection. Inside a transaction this answers
 * undefined (a prepared query belongs to the handle it was built on; on PGlite a statement outside
 * the open transaction would wait for it): the caller then runs the statement built as usual.
 * In a PostgreSQL transaction of `transact` (lazy-transaction.ts) it answers the same statement sent
 * through the transaction's client.
 * `name` must be unique in the application (it names the statement on the connection).
 */
export function preparedOn<T>(db: Executor, name: string, build: (db: Db) => T): T | undefined {
  if (db instanceof PgTransaction) {
    // A PostgreSQL transaction of `transact` (lazy-transaction.ts): the pool's statement, sent through the
    // transaction's client (outside the transaction before its first write, on its connection after).
    const client = lazyClientOf(db);
    const statement = client && (preparedOn(client.base as Db, name, build) as object | undefined);
    return statement ? (Object.create(statement, { client: { value: client } }) as T) : undefined;
  }
  let statements = handles.get(db);
  if (!statements) handles.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (!statement) statements.set(name, (statement = build(db as Db)));
  return statement;
}
