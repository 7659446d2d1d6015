import { and, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { rawRows, type Executor } from '../db/types.ts';
import { outboxMessages, outboxUnitReads } from './tables.ts';

/**
 * Who reads in-site messages: a recipient (kind and id) and, for staff, the units whose messages
 * they read too (`unit:<department id>`, each read or unread for each staff member on their own).
 */
export interface Reader {
  kind: string;
  id: string;
  units?: readonly string[];
}

const UNIT = 'unit:';

/**
 * The units of a staff member: the department they belong to and every department an assignment
 * binds them to (from the actor, read when the session was: no other table is asked).
 */
export function unitRecipients(actor: Actor): string[] {
  if (actor.kind !== 'staff') return [];
  const ids = new Set<string>();
  if (actor.departmentId) ids.add(actor.departmentId);
  for (const g of actor.grants) if (g.departmentId) ids.add(g.departmentId);
  return [...ids].sort().map((id) => `${UNIT}${id}`);
}

const m = outboxMessages;
const r = outboxUnitReads;

function addressedTo(reader: Reader): SQL {
  const units = reader.units ?? [];
  return and(
    eq(m.channel, 'site'),
    eq(m.recipientKind, reader.kind),
    units.length ? or(eq(m.recipientId, reader.id), inArray(m.recipientId, [...units])) : eq(m.recipientId, reader.id),
  )!;
}

/** My own read_at, or the time I read a message of my unit. */
const readAtOf = sql<Date | null>`coalesce(${m.readAt}, ${r.readAt})`;

/** A page of the reader's messages, newest first, with the total and the unread count: two statements whatever the page size. */
export async function listMessages(db: Executor, reader: Reader, q: { page: number; pageSize: number }) {
  const where = addressedTo(reader);
  const joined = and(eq(r.messageId, m.id), eq(r.staffId, reader.id));
  const [rows, [counts]] = await Promise.all([
    db
      .select({ id: m.id, recipientId: m.recipientId, template: m.template, params: m.params, createdAt: m.createdAt, readAt: readAtOf })
      .from(m)
      .leftJoin(r, joined)
      .where(where)
      .orderBy(desc(m.createdAt), desc(m.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${readAtOf} is null)`.mapWith(Number) })
      .from(m)
      .leftJoin(r, joined)
      .where(where),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      unit: row.recipientId.startsWith(UNIT) ? row.recipientId.slice(UNIT.length) : null,
      template: row.template,
      params: row.params,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    })),
    total: counts?.total ?? 0,
    unread: counts?.unread ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Marks one message read for the reader (their own, or one of their unit's for them alone). false: none such. */
export async function markRead(db: Executor, reader: Reader, id: string): Promise<boolean> {
  const own = await db
    .update(m)
    .set({ readAt: sql`coalesce(${m.readAt}, ${new Date()})` })
    .where(and(eq(m.id, id), eq(m.channel, 'site'), eq(m.recipientKind, reader.kind), eq(m.recipientId, reader.id)))
    .returning({ id: m.id });
  if (own.length > 0) return true;
  const units = reader.units ?? [];
  if (!units.length) return false;
  const rows = await rawRows<{ message_id: string }>(
    db,
    sql`
    INSERT INTO outbox_unit_reads (message_id, staff_id, read_at)
    SELECT id, ${reader.id}, ${new Date()} FROM outbox_messages
    WHERE id = ${id} AND channel = 'site' AND recipient_kind = ${reader.kind} AND recipient_id IN ${units}
    ON CONFLICT (message_id, staff_id) DO UPDATE SET read_at = outbox_unit_reads.read_at
    RETURNING message_id`,
  );
  return rows.length > 0;
}

/** Marks all the reader's unread in-site messages read (their own and their units'); returns how many. */
export async function markAllRead(db: Executor, reader: Reader): Promise<number> {
  const now = new Date();
  const own = await db
    .update(m)
    .set({ readAt: now })
    .where(and(eq(m.recipientKind, reader.kind), eq(m.recipientId, reader.id), eq(m.channel, 'site'), isNull(m.readAt)))
    .returning({ id: m.id });
  const units = reader.units ?? [];
  if (!units.length) return own.length;
  const rows = await rawRows<{ message_id: string }>(
    db,
    sql`
    INSERT INTO outbox_unit_reads (message_id, staff_id, read_at)
    SELECT id, ${reader.id}, ${now} FROM outbox_messages o
    WHERE channel = 'site' AND recipient_kind = ${reader.kind} AND recipient_id IN ${units}
      AND NOT EXISTS (SELECT 1 FROM outbox_unit_reads r WHERE r.message_id = o.id AND r.staff_id = ${reader.id})
    ON CONFLICT (message_id, staff_id) DO NOTHING
    RETURNING message_id`,
  );
  return own.length + rows.length;
}
