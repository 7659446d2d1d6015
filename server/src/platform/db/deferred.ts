import { getTableColumns, getTableName, is, Param, Placeholder, SQL, type Query } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

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
const pending = new WeakMap<object, Deferred[]>();

/**
 * `INSERT INTO table VALUES rows` written straight to SQL text (issue 12): what Drizzle's insert
 * builder writes, without building it chunk by chunk — for the wide rows every write sends (a
 * case's 45 columns, a ticket's 71, the audit event), that building was the largest part of a
 * write's CPU in the server. Same columns, same `default` for a value left out, same driver values
 * (each column's `mapToDriverValue`). A value Drizzle would have to build (an SQL expression, in the
 * row or from a column's default function) makes it fall back to the builder.
 */
export class FastInsert {
  constructor(
    readonly table: PgTable,
    readonly rows: readonly Record<string, unknown>[],
  ) {}

  /** The statement with its parameters numbered from `start.value + 1` (advanced past them); undefined: use the builder. */
  text(start: { value: number }): Query | undefined {
    const { name, columns } = shapeOf(this.table);
    const params: unknown[] = [];
    let n = start.value;
    const tuples: string[] = [];
    for (const row of this.rows) {
      const values: string[] = [];
      for (const [key, column] of columns) {
        let value = row[key];
        if (value === undefined) {
          if (column.defaultFn !== undefined) value = column.defaultFn();
          else if (!column.default && column.onUpdateFn !== undefined) value = column.onUpdateFn();
          else {
            values.push('default');
            continue;
          }
        }
        if (is(value, SQL) || is(value, Param) || is(value, Placeholder)) return undefined;
        const mapped = value === null ? null : column.mapToDriverValue(value);
        if (is(mapped, SQL)) return undefined;
        params.push(mapped);
        values.push(`$${++n}`);
      }
      tuples.push(`(${values.join(', ')})`);
    }
    start.value = n;
    return { sql: `insert into ${name} ${columnList(this.table)} values ${tuples.join(', ')}`, params };
  }
}

/** A deferred insert: Drizzle SQL, or a FastInsert written as text. */
export type Deferred = SQL | FastInsert;

interface Shape {
  name: string;
  columns: [string, PgColumn][];
  list: string;
}
const shapes = new WeakMap<object, Shape>();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
function shapeOf(table: PgTable): Shape {
  let shape = shapes.get(table);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)).filter(([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert()) as [
      string,
      PgColumn,
    ][];
    const schema = (table as unknown as Record<symbol, string | undefined>)[Symbol.for('drizzle:Schema')];
    shape = {
      name: (schema ? `${quote(schema)}.` : '') + quote(getTableName(table)),
      columns,
      list: `(${columns.map(([, c]) => quote(c.name)).join(', ')})`,
    };
    shapes.set(table, shape);
  }
  return shape;
}
const columnList = (table: PgTable) => shapeOf(table).list;

/** From now on, `deferInsert(tx, …)` on this handle waits for `takeDeferredInserts(tx)`. */
export function deferInserts(tx: object): void {
  pending.set(tx, []);
}

/**
 * Leaves the inserts for the transaction's last statement when `db` is a transaction that defers;
 * answers false otherwise (the caller sends them at once).
 */
export function deferInsert(db: object, ...inserts: Deferred[]): boolean {
  const list = pending.get(db);
  if (!list) return false;
  list.push(...inserts);
  return true;
}

/** The inserts waiting on `tx` (none: empty); stops deferring. */
export function takeDeferredInserts(tx: object): Deferred[] {
  const list = pending.get(tx) ?? [];
  pending.delete(tx);
  return list;
}

interface Dialect {
  casing: unknown;
  escapeName(name: string): string;
  escapeParam(n: number): string;
  escapeString(s: string): string;
  prepareTyping?: unknown;
}
interface Handle {
  dialect: Dialect;
  session: { prepareQuery(query: Query, fields: undefined, name: undefined, arrayMode: boolean): { execute(): Promise<unknown> } };
  insert(table: PgTable): { values(rows: Record<string, unknown>[]): { getSQL(): SQL } };
}

/** One part of a statement as text, its parameters numbered on from `start`. */
function textOf(db: Handle, part: Deferred, start: { value: number }): Query {
  const fast = is(part, SQL) ? undefined : part.text(start);
  if (fast) return fast;
  const sql = is(part, SQL)
    ? part
    : db
        .insert(part.table)
        .values(part.rows as Record<string, unknown>[])
        .getSQL();
  const d = db.dialect;
  return sql.toQuery({
    casing: d.casing,
    escapeName: d.escapeName,
    escapeParam: d.escapeParam,
    escapeString: d.escapeString,
    prepareTyping: d.prepareTyping,
    paramStartIndex: start,
  } as unknown as Parameters<SQL['toQuery']>[0]);
}

/**
 * Sends `WITH w0 AS (…), w1 AS (…) main` as one statement, written as text part by part (a
 * FastInsert without Drizzle's builder). PostgreSQL runs every data-modifying CTE whether or not
 * it is referenced.
 */
export async function sendWith(db: object, ctes: Deferred[], main: Deferred): Promise<void> {
  const h = db as unknown as Handle;
  const start = { value: 0 };
  const params: unknown[] = [];
  const parts = ctes.map((c, i) => {
    const q = textOf(h, c, start);
    params.push(...q.params);
    return `w${i} AS (${q.sql})`;
  });
  const q = textOf(h, main, start);
  params.push(...q.params);
  const text = parts.length ? `WITH ${parts.join(', ')} ${q.sql}` : q.sql;
  await h.session.prepareQuery({ sql: text, params }, undefined, undefined, false).execute();
}
