import type { Config } from './config/index.ts';
import type { Database, Db, Tx } from './db/types.ts';
import type { Actor } from './auth/actor.ts';
import type { Locale } from './i18n/index.ts';
import { appendAuditEvents, type AuditInput } from './audit/writer.ts';
import type { Logger } from './logger.ts';
import type { WorkingCalendar } from './calendar/service.ts';
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
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

type Handler<K extends keyof DomainEvents> = (ctx: TxCtx, payload: DomainEvents[K]) => Promise<void>;
const handlers = new Map<string, Handler<never>[]>();

export function onDomainEvent<K extends keyof DomainEvents>(type: K, handler: Handler<K>): void {
  const list = handlers.get(type as string) ?? [];
  list.push(handler as unknown as Handler<never>);
  handlers.set(type as string, list);
}

export async function transact<T>(ctx: Ctx, fn: (t: TxCtx) => Promise<T>): Promise<T> {
  const afterCommit: (() => void | Promise<void>)[] = [];
  // Only the outermost transaction of a request claims its Idempotency-Key.
  const claim = ctx.idempotency && !ctx.idempotency.claimed && !ctx.idempotency.inFlight ? ctx.idempotency : undefined;
  if (claim) claim.inFlight = true;
  const result = await ctx.database.db.transaction(async (tx) => {
    if (claim) await claimIdempotencyKey(tx, claim);
    const events: AuditInput[] = [];
    const tctx: TxCtx = {
      ...ctx,
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
    await appendAuditEvents(tx, ctx.actor, { requestId: ctx.requestId, ip: ctx.ip }, events);
    return value;
  }).finally(() => {
    if (claim) claim.inFlight = false;
  });
  if (claim) claim.claimed = true;
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
