import type pg from 'pg';
import type { StatementCounter } from './statements.ts';
import type { Db } from './types.ts';

/**
 * PostgreSQL transactions that begin at their first write (issue 12: a write's round trips are
 * most of its cost). `transact` (platform/context.ts) runs its transactions through a Drizzle
 * handle on a `LazyPool`: Drizzle's BEGIN is held back, and
 *
 * - a plain read sent before any write (a Drizzle `select …` without a locking clause or a function
 *   with side effects) runs on a pooled connection of its own, outside any transaction. Under READ
 *   COMMITTED, PostgreSQL's default and the only level `transact` uses, each statement of a
 *   transaction sees what was committed when it started, so the read sees what it would have seen
 *   in the transaction (nothing of the transaction's own, which has written nothing yet);
 * - the first other statement takes a connection, sends BEGIN, and from then on every statement
 *   goes through that connection, as in any transaction;
 * - the statement `transact` marks as its last (`lastStatement`: the audit insert carrying the
 *   deferred inserts, platform/db/deferred.ts), when no write came before it, is sent on its own in
 *   autocommit: one statement is atomic by itself, so it needs no BEGIN and COMMIT around it;
 * - COMMIT and ROLLBACK are sent only when a BEGIN was.
 *
 * A submit whose only write is its last statement thus costs its reads and that statement (3 round
 * trips instead of 5), an Open311 intake one instead of three. The statement counter counts what is
 * sent: a BEGIN or COMMIT Drizzle logged but this held back is taken off it again.
 */
export class LazyPool {
  constructor(
    readonly pool: pg.Pool,
    private readonly counter: StatementCounter,
    /** The pool's own Drizzle handle (its prepared statements serve the transactions too: platform/db/prepared.ts). */
    private readonly base: object,
  ) {}
  /** What Drizzle's session calls for a transaction: a client that connects at the first write. */
  async connect(): Promise<LazyClient> {
    return new LazyClient(this.pool, this.counter, this.base);
  }
  /** Statements outside a transaction go to the pool as before. */
  query(config: pg.QueryConfig, values?: unknown[]) {
    return this.pool.query(config, values);
  }
}

const lockingClause = / for (update|share|no key update|key share)\b/i;
const sideEffects = /pg_advisory|set_config|nextval|setval|audit_next_seq|pg_notify|txid_|pg_current_xact/i;

/** A statement Drizzle's query builder wrote as a plain SELECT: no lock taken, nothing written. */
function plainRead(text: string): boolean {
  return text.startsWith('select ') && !lockingClause.test(text) && !sideEffects.test(text);
}

const empty = { rows: [], rowCount: 0, fields: [], command: '' };

export class LazyClient {
  private conn: pg.PoolClient | undefined;
  private opening: Promise<pg.PoolClient> | undefined;
  private begun = false;
  /** Set by `transact` before its last statement. */
  last = false;
  /** Run on the connection right after BEGIN (`atBegin`). */
  onBegin: ((conn: pg.PoolClient) => Promise<void>) | undefined;
  /** The last statement was sent in autocommit: nothing may follow it but COMMIT or ROLLBACK. */
  private done = false;
  /** The open connection's statements, one after another (`inTurn`). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly counter: StatementCounter,
    readonly base: object,
  ) {}

  private uncount(text: string) {
    this.counter.total--;
    if (this.counter.sql && this.counter.sql.at(-1) === text) this.counter.sql.pop();
  }

  /** BEGIN on a connection of its own, counted before `text` (the statement that opens it, which Drizzle logged already). */
  private open(text: string): Promise<pg.PoolClient> {
    if (!this.opening) {
      this.counter.total++;
      const list = this.counter.sql;
      if (list) list.splice(list.at(-1) === text ? list.length - 1 : list.length, 0, 'begin');
    }
    this.opening ??= (async () => {
      const conn = await this.pool.connect();
      try {
        await conn.query('BEGIN');
        await this.onBegin?.(conn);
      } catch (err) {
        conn.release(err as Error);
        throw err;
      }
      this.conn = conn;
      return conn;
    })();
    return this.opening;
  }

  async query(config: pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    const text = config.text;
    if (!this.begun) {
      if (text === 'begin') {
        this.begun = true;
        this.uncount(text);
        return empty as unknown as pg.QueryResult;
      }
      throw new Error('LazyClient: a statement before BEGIN');
    }
    if (text === 'commit' || text === 'rollback') {
      if (!this.opening) {
        this.uncount(text);
        return empty as unknown as pg.QueryResult;
      }
      // A BEGIN that failed (no connection) leaves nothing to end.
      const conn = await this.opening.catch(() => undefined);
      return conn ? this.inTurn(() => conn.query(config, values)) : (empty as unknown as pg.QueryResult);
    }
    if (this.done) throw new Error('LazyClient: a statement after the last one');
    if (!this.opening) {
      if (this.last) {
        this.done = true;
        return this.pool.query(config, values);
      }
      if (plainRead(text)) return this.pool.query(config, values);
    }
    const conn = await this.open(text);
    return this.inTurn(() => conn.query(config, values));
  }

  /**
   * Statements of one transaction sent at once (`Promise.all` of reads in a nested transact, e.g. a
   * submit inside the demo seed's transaction) wait for each other here: pg 8 queues them itself
   * with a deprecation warning, and pg 9 refuses a query while one is running.
   */
  private inTurn<T>(send: () => Promise<T>): Promise<T> {
    const sent = this.turn.then(send, send);
    this.turn = sent.catch(() => undefined);
    return sent;
  }

  release(): void {
    this.conn?.release();
    this.conn = undefined;
  }
}

export function lazyClientOf(tx: object): LazyClient | undefined {
  const client = (tx as { session?: { client?: unknown } }).session?.client;
  return client instanceof LazyClient ? client : undefined;
}

/**
 * Runs fn on the connection right after the BEGIN of a lazy transaction (if it ever begins: a
 * transaction of reads alone never does) and answers true; answers false for any other transaction.
 */
export function atBegin(tx: object, fn: (conn: pg.PoolClient) => Promise<void>): boolean {
  const client = lazyClientOf(tx);
  if (client) client.onBegin = fn;
  return !!client;
}

/** Marks the next statement of a `transact` transaction as its last (see LazyPool). */
export function lastStatement(tx: object): void {
  const client = lazyClientOf(tx);
  if (client) client.last = true;
}

/** A PostgreSQL handle's twin for `transact` (set by openPostgres): its transactions are lazy. */
export const lazyTransactions = new WeakMap<object, Db>();
