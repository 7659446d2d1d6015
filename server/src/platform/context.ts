import type { Config } from './config/index.ts';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { rawRows, type Database, type Db, type Tx } from './db/types.ts';
import type { Actor } from './auth/actor.ts';
import type { Locale } from './i18n/index.ts';
import { appendAuditEvents, type AuditInput } from './audit/writer.ts';
import { deferOutboxWrites, takeDeferredOutbox } from './outbox/deferred.ts';
import { deferInserts, takeDeferredInserts } from './db/deferred.ts';
import { forgetPageTotals } from './db/page-totals.ts';
import { atBegin, lastStatement, lazyTransactions } from './db/lazy-transaction.ts';
import type { Logger } from './logger.ts';
import type { WorkingCalendar } from './calendar/service.ts';
import { generationsCommitted, type GenerationSnapshot } from './meta/generations.ts';
import { claimIdempotencyKey, type IdempotencyClaim } from './http/idempotency.ts';

/**
 * Context is an argument, not a hook: every service function takes one. It carries who acts, the
 * request, and the shared handles. `transact` opens the transaction in which the change and its
 * audit events are written together.
 */
export interface Ctx {
  config: Config;
  database: Database;
  actor: Actor;
  requestId: string | null;
  ip: string | null;
  locale: Locale;
  log: Logger;
  calendar: WorkingCalendar;
  /** Set by the HTTP layer for a POST with an Idempotency-Key; claimed by the first transaction. */
  idempotency?: IdempotencyClaim & { claimed?: boolean; inFlight?: boolean };
  /**
   * The moment a service records as "now" (case dates, deadlines). Unset in requests and jobs;
   * the demo seed sets it to stage a believable history through the real services.
   */
  now?: () => Date;
  /**
   * The generation counters this request trusts its caches with (platform/meta/generations.ts):
   * filled by the session statement, or read on first use. Shared by copies of the Ctx.
   */
  generations?: GenerationSnapshot;
}

export interface TxCtx extends Ctx {
  tx: Tx;
  /** Records an audit event, written in this transaction. */
  audit(event: AuditInput): void;
  /** Publishes a domain event: its handlers run now, inside this transaction. */
  publish<K extends keyof DomainEvents>(type: K, payload: DomainEvents[K]): Promise<void>;
  /** Runs after a successful commit (e.g. wake the outbox sender). Never for state changes. */
  afterCommit(fn: () => void | Promise<void>): void;
}

/** Modules extend this interface (declaration merging) with their event payloads. */
export interface DomainEvents {}

type Handler<K extends keyof DomainEvents> = (ctx: TxCtx, payload: DomainEvents[K]) => Promise<void>;
const handlers = new Map<string, Handler<never>[]>();

export function onDomainEvent<K extends keyof DomainEvents>(type: K, handler: Handler<K>): void {
  const list = handlers.get(type as string) ?? [];
  list.push(handler as unknown as Handler<never>);
  handlers.set(type as string, list);
}

export interface TransactOptions {
  /**
   * Why this transaction's writes need no audit event (bookkeeping that records no one's act).
   * Without it, a transaction that writes rows outside the bookkeeping tables and records no audit
   * event fails under test (`NODE_ENV=test`): every state change is audited.
   */
  unaudited?: string;
}

/** Tables whose rows are bookkeeping, not state anyone changed: writing them needs no audit event. */
const bookkeepingTables = new Set(['audit_events', 'idempotency_keys', 'jobs', 'outbox_messages', 'rate_windows', 'system_meta']);

export function registerBookkeepingTables(...names: string[]): void {
  for (const n of names) bookkeepingTables.add(n);
}

const auditTally = Symbol('auditTally');
type Tally = { events: number };

/** Rows written so far in the current transaction, by table (PostgreSQL's per-transaction counters). */
const writesSql =
  'SELECT relname AS "table", (n_tup_ins + n_tup_upd + n_tup_del)::int AS n FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0';
const writesOf = (rows: { table: string; n: number }[]) => new Map(rows.map((r) => [r.table, Number(r.n)]));
async function writesByTable(tx: Tx): Promise<Map<string, number>> {
  return writesOf(await rawRows<{ table: string; n: number }>(tx, sql.raw(writesSql)));
}

/** Under test: the tables this transaction wrote (beyond `before`) that are not bookkeeping. */
async function unauditedWrites(tx: Tx, before: Map<string, number>): Promise<string[]> {
  const after = await writesByTable(tx);
  return [...after].filter(([table, n]) => n > (before.get(table) ?? 0) && !bookkeepingTables.has(table)).map(([table]) => table);
}

export async function transact<T>(ctx: Ctx, fn: (t: TxCtx) => Promise<T>, options: TransactOptions = {}): Promise<T> {
  const afterCommit: (() => void | Promise<void>)[] = [];
  const parentTally = (ctx as Partial<Record<typeof auditTally, Tally>>)[auditTally];
  const tally: Tally = parentTally ?? { events: 0 };
  const checkAudit = !parentTally && !options.unaudited && ctx.config.NODE_ENV === 'test';
  // Only the outermost transaction of a request claims its Idempotency-Key.
  const claim = ctx.idempotency && !ctx.idempotency.claimed && !ctx.idempotency.inFlight ? ctx.idempotency : undefined;
  if (claim) claim.inFlight = true;
  let handle: object | undefined;
  // On PostgreSQL a transaction begins at its first write, and a lone last statement goes in autocommit
  // (platform/db/lazy-transaction.ts). A transaction already open (ctx.database.db is one) is a savepoint.
  const db = lazyTransactions.get(ctx.database.db) ?? ctx.database.db;
  const nested = db instanceof PgTransaction;
  const result = await db
    .transaction(async (tx) => {
      handle = tx;
      // What the connection counted before (its counters hold earlier transactions not yet flushed); a lazy
      // transaction reads them right after its BEGIN, if it writes at all.
      let writesBefore: Map<string, number> | undefined;
      if (checkAudit && !atBegin(tx, async (conn) => void (writesBefore = writesOf((await conn.query(writesSql)).rows))))
        writesBefore = await writesByTable(tx);
      if (claim) await claimIdempotencyKey(tx, claim);
      // Notifications enqueued in this transaction, and the inserts a repository defers (rows the
      // transaction does not read back), go out with its audit events, in its last statement.
      deferOutboxWrites(tx);
      deferInserts(tx);
      const events: AuditInput[] = [];
      const tctx: TxCtx & { [auditTally]: Tally } = {
        ...ctx,
        [auditTally]: tally,
        // Inside the transaction every read goes through it: on PGlite (one connection) a query
        // outside the open transaction would wait for it forever. A nested transact is a savepoint.
        database: { ...ctx.database, db: tx as unknown as Db },
        tx,
        audit: (e) => {
          events.push(e);
        },
        publish: async (type, payload) => {
          for (const h of handlers.get(type as string) ?? []) await (h as unknown as Handler<typeof type>)(tctx, payload);
        },
        afterCommit: (f) => {
          afterCommit.push(f);
        },
      };
      const value = await fn(tctx);
      const outbox = takeDeferredOutbox(tx);
      const alongside = [...takeDeferredInserts(tx), ...(outbox ? [outbox] : [])];
      // Nothing follows the audit statement unless the test's unaudited-write check must look inside the transaction.
      if (!nested && (!checkAudit || events.length > 0)) lastStatement(tx);
      await appendAuditEvents(tx, ctx.actor, { requestId: ctx.requestId, ip: ctx.ip }, events, alongside);
      tally.events += events.length;
      if (writesBefore && tally.events === 0) {
        const tables = await unauditedWrites(tx, writesBefore);
        if (tables.length) throw new Error(`a transaction wrote ${tables.join(', ')} without an audit event (t.audit, or transact(…, { unaudited: 'why' }))`);
      }
      return value;
    })
    .finally(() => {
      if (claim) claim.inFlight = false;
    });
  if (claim) claim.claimed = true;
  if (handle) {
    generationsCommitted(handle);
    forgetPageTotals();
  }
  for (const f of afterCommit) {
    try {
      await f();
    } catch (err) {
      ctx.log.warn({ err }, 'after-commit hook failed');
    }
  }
  return result;
}

/** Same context, acting as someone else (jobs act as the system). */
export function asActor(ctx: Ctx, actor: Actor): Ctx {
  return { ...ctx, actor };
}
