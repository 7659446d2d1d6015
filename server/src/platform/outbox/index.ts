import { and, eq, inArray, lte, sql, count } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { newId } from '../db/ids.ts';
import { rawRows, type Executor } from '../db/types.ts';
import type { Ctx } from '../context.ts';
import { outboxMessages } from './tables.ts';
import { deferredOutboxOf, type OutboxInsert } from './deferred.ts';
import { channelAdapter, smsAdapterFor } from './sms.ts';

export { outboxMessages, outboxUnitReads } from './tables.ts';
export { listMessages, markAllRead, markRead, unitRecipients, type Reader } from './inbox.ts';
export { httpSmsAdapter, channelAdapter } from './sms.ts';

export interface Notification {
  channel: 'site' | 'sms' | 'email';
  recipientKind: 'person' | 'entity' | 'staff' | 'phone';
  recipientId: string;
  address?: string;
  template: string;
  params: Record<string, unknown>;
}

/** Written in the caller's transaction; delivered by the outbox job after commit. */
export async function enqueueNotification(db: Executor, n: Notification): Promise<void> {
  await enqueueNotifications(db, [n]);
}

/** Several notifications in one statement (an in-site message and its SMS). */
export async function enqueueNotifications(db: Executor, list: Notification[]): Promise<void> {
  if (list.length === 0) return;
  // The application's clock, not the database's: the sender compares against it.
  const now = new Date();
  const rows = list.map((n): OutboxInsert => ({
    id: newId(),
    channel: n.channel,
    recipientKind: n.recipientKind,
    recipientId: n.recipientId,
    address: n.address ?? null,
    template: n.template,
    params: n.params,
    // In-site messages are delivered by being stored.
    status: n.channel === 'site' ? ('sent' as const) : ('pending' as const),
    sentAt: n.channel === 'site' ? now : null,
    nextAttemptAt: now,
    createdAt: now,
  }));
  // Inside `transact`: written with the transaction's audit events (deferred.ts).
  const deferred = deferredOutboxOf(db);
  if (deferred) deferred.push(...rows);
  else await db.insert(outboxMessages).values(rows);
}

export interface DeliveryAdapter {
  send(message: { id: string; channel: string; address: string | null; template: string; params: Record<string, unknown> }): Promise<void>;
}

/** Default: write to the log (with the address masked). */
export const logAdapter = (ctx: Ctx): DeliveryAdapter => ({
  async send(m) {
    ctx.log.info({ channel: m.channel, template: m.template }, 'notification delivered (log adapter)');
  },
});

export const smtpAdapter = (url: string, from: string): DeliveryAdapter => {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      if (m.channel !== 'email' || !m.address) return;
      await transport.sendMail({
        from,
        to: m.address,
        subject: String(m.params.subject ?? m.template),
        text: String(m.params.text ?? JSON.stringify(m.params)),
      });
    },
  };
};

/** SMTP for email and the HTTP gateway for SMS where configured; the log for the rest. */
export function defaultAdapter(ctx: Ctx): DeliveryAdapter {
  return channelAdapter(
    { email: ctx.config.SMTP_URL ? smtpAdapter(ctx.config.SMTP_URL, ctx.config.SMTP_FROM) : undefined, sms: smsAdapterFor(ctx) },
    logAdapter(ctx),
  );
}

const LEASE_MS = 120_000;

/**
 * Delivers pending messages at least once: each is leased before sending, so a crash mid-send
 * means it is sent again after the lease, never lost.
 */
export async function deliverOutbox(ctx: Ctx, adapter: DeliveryAdapter = defaultAdapter(ctx), limit = 50): Promise<number> {
  const db = ctx.database.db;
  // The application's clock, like the next_attempt_at it wrote (docs/security.md §6).
  const now = new Date();
  const leased = await rawRows<{ id: string; channel: string; address: string | null; template: string; params: Record<string, unknown>; attempts: number }>(
    db,
    sql`
    UPDATE outbox_messages SET next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}, attempts = attempts + 1
    WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= ${now} ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, channel, address, template, params, attempts`,
  );
  // The sent ones are marked in one statement at the end (a crash before it sends them again after the lease: at least once).
  const sent: string[] = [];
  for (const m of leased) {
    try {
      await adapter.send(m);
      sent.push(m.id);
    } catch (err) {
      const failed = m.attempts >= 10;
      await db
        .update(outboxMessages)
        .set({
          status: failed ? 'failed' : 'pending',
          lastError: String((err as Error).message).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + Math.min(3600_000, 10_000 * 2 ** m.attempts)),
        })
        .where(eq(outboxMessages.id, m.id));
    }
  }
  if (sent.length) await db.update(outboxMessages).set({ status: 'sent', sentAt: new Date(), address: null }).where(inArray(outboxMessages.id, sent));
  return leased.length;
}

export async function pendingOutboxCount(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.createdAt, new Date())));
  return row?.n ?? 0;
}
