import type { PGlite } from '@electric-sql/pglite';
import { StatementNames } from './named-statements.ts';

/**
 * PGlite plans every statement it is sent: its `query()` parses, plans and executes an unnamed
 * statement each time, and no driver option keeps a plan. For the to-do list's statement planning
 * took 2.2 ms of 3.5 ms per request at 100,000 cases (docs/decisions/0008-read-cost.md). This gives
 * one PGlite handle what named-statements.ts gives each PostgreSQL connection: a statement text
 * used a second time is prepared on the server (`PREPARE name AS text`, once) and from then on run
 * as `EXECUTE name(values)`, so PostgreSQL keeps its parse and, by its own rule (plan_cache_mode =
 * auto), its plan.
 *
 * EXECUTE takes no protocol parameters (a utility statement: "bind message supplies n parameters,
 * but prepared statement requires 0"), so the values are written into it as quoted literals, each
 * then read as the prepared parameter's type, as a bound value would be. Only values whose text is
 * unambiguous are written so (strings, finite numbers, bigints, booleans, null); a statement with
 * any other value (a Date, an array, bytes, an object, whose text PGlite's serializers decide by the
 * parameter's type) runs as before, unprepared. So do statements other than select, insert, update,
 * delete and with (PREPARE accepts no others), and statements inside a transaction: PGlite's
 * transaction object sends its statements itself, not through `query()`.
 *
 * The registry is one per handle (a prepared statement belongs to the PGlite instance), capped like
 * PostgreSQL's (MAX_NAMED texts), and a text whose PREPARE failed is not tried again.
 */
export function prepareRepeatedStatements(client: PGlite, names = new StatementNames()): void {
  const query = client.query.bind(client) as (text: string, params?: unknown[], options?: unknown) => Promise<unknown>;
  const prepared = new Map<string, Promise<boolean>>();
  const patched = async (text: string, params?: unknown[], options?: unknown) => {
    const own = options as { paramTypes?: unknown[]; blob?: unknown } | undefined;
    if (typeof text !== 'string' || !PREPARABLE.test(text) || own?.paramTypes?.length || own?.blob) return query(text, params, options);
    const args = literals(params ?? []);
    const name = args && names.nameOf(text);
    if (!name) return query(text, params, options);
    let ready = prepared.get(name);
    if (!ready) {
      ready = query(`PREPARE ${name} AS ${text}`).then(
        () => true,
        () => false,
      );
      prepared.set(name, ready);
    }
    if (!(await ready)) return query(text, params, options);
    return query(`EXECUTE ${name}${args!.length ? `(${args!.join(', ')})` : ''}`, [], options);
  };
  (client as unknown as { query: typeof patched }).query = patched;
}

const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

/** Each value as an SQL literal, or undefined when one has no unambiguous text (the statement then runs unprepared). */
export function literals(values: readonly unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) out.push('NULL');
    else if (typeof v === 'string') {
      if (v.includes('\0')) return undefined;
      // standard_conforming_strings is on (PostgreSQL's default since 9.1): only the quote is special.
      out.push(`'${v.replace(/'/g, "''")}'`);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return undefined;
      out.push(`'${v}'`);
    } else if (typeof v === 'bigint') out.push(`'${v}'`);
    else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
    else return undefined;
  }
  return out;
}
