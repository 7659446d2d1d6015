import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A pg client that sends every repeated statement as a named prepared statement, so PostgreSQL
 * parses and analyses its text once per connection instead of once per request (the parse of a
 * list page's statement cost more server CPU than running it: docs/decisions/0008-read-cost.md).
 *
 * The name is derived from the text (`s` + 20 hex of its SHA-1), so the same text has the same name
 * on every connection and two texts never share one; pg prepares a name on a connection the first
 * time it is used there and sends only Bind/Execute afterwards. A text is named from its second use
 * on (a statement built once, e.g. a migration or a one-off report, is not kept on the server), and
 * at most MAX_NAMED texts are named per process: statements whose text varies with their input
 * (an IN list of n placeholders) cannot grow the server's memory without bound.
 *
 * Plans: PostgreSQL's own rule for prepared statements applies (plan_cache_mode = auto, as for
 * any driver that prepares on the server, e.g. pgJDBC after five executions): the first five
 * executions are planned for their parameters, then a generic plan is kept only if its estimated
 * cost is no worse than theirs. A generic plan cannot use a LIKE prefix on a parameter, so the
 * region-scoped lists stay on custom plans by that rule. Measured on the to-do list: PostgreSQL's CPU
 * per request 0.5 → 0.13 ms. Should a generic plan misbehave on a city's data, the operator sets
 * `ALTER ROLE … SET plan_cache_mode = force_custom_plan` (docs/operations.md): parsing is still saved.
 */
export const MAX_NAMED = 2000;

/** Which texts get a name: one registry per process (the names are the same on every connection). */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seenOnce = new Set<string>();
  constructor(private readonly max = MAX_NAMED) {}

  /** The text's name, or undefined: its first use, or the cap reached. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known) return known;
    if (this.names.size >= this.max) return undefined;
    if (!this.seenOnce.has(text)) {
      if (this.seenOnce.size >= this.max * 4) this.seenOnce.clear();
      this.seenOnce.add(text);
      return undefined;
    }
    this.seenOnce.delete(text);
    const name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

export const statementNames = new StatementNames();

type QueryConfig = { text?: unknown; name?: unknown };

export class NamingClient extends pg.Client {
  // pg's overloads make a typed override impractical; the arguments pass through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (config && typeof config === 'object' && typeof (config as QueryConfig).text === 'string' && !(config as QueryConfig).name && !config.submit) {
      const name = statementNames.nameOf((config as { text: string }).text);
      if (name) config = { ...config, name };
    }
    return super.query(config, values, callback);
  }
}

/** The pool options that make a pool's clients name their repeated statements. */
export const namingPoolOptions = { Client: NamingClient } as const;
