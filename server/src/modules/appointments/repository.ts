import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { bookings, halls, slots, ticketCounters, tickets, windowGroups } from './tables.ts';

export type HallRow = typeof halls.$inferSelect;
export type GroupRow = typeof windowGroups.$inferSelect;
export type SlotRow = typeof slots.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

export const hallRepo = {
  async insert(db: Executor, row: typeof halls.$inferInsert) {
    await db.insert(halls).values(row);
  },
  async insertGroup(db: Executor, row: typeof windowGroups.$inferInsert) {
    await db.insert(windowGroups).values(row);
  },
  async find(db: Executor, id: string): Promise<HallRow | undefined> {
    const [row] = await db.select().from(halls).where(eq(halls.id, id));
    return row;
  },
  async list(db: Executor): Promise<HallRow[]> {
    return db.select().from(halls).where(eq(halls.active, true)).orderBy(asc(halls.regionPath), asc(halls.name));
  },
  async groups(db: Executor, hallIds: string[]): Promise<GroupRow[]> {
    if (hallIds.length === 0) return [];
    return db.select().from(windowGroups).where(inArray(windowGroups.hallId, hallIds)).orderBy(asc(windowGroups.sort), asc(windowGroups.code));
  },
  async group(db: Executor, id: string): Promise<GroupRow | undefined> {
    const [row] = await db.select().from(windowGroups).where(eq(windowGroups.id, id));
    return row;
  },
};

export const slotRepo = {
  /** New slots; an existing one (same group, day, time and item) is left as it is. Returns the slots created. */
  async insertMany(db: Executor, rows: (typeof slots.$inferInsert)[]): Promise<SlotRow[]> {
    if (rows.length === 0) return [];
    return db.insert(slots).values(rows).onConflictDoNothing().returning();
  },
  async find(db: Executor, id: string): Promise<SlotRow | undefined> {
    const [row] = await db.select().from(slots).where(eq(slots.id, id));
    return row;
  },
  async ofHall(db: Executor, hallId: string, from: string, to: string, groupId?: string): Promise<SlotRow[]> {
    return db
      .select()
      .from(slots)
      .where(and(eq(slots.hallId, hallId), gte(slots.day, from), lte(slots.day, to), groupId ? eq(slots.groupId, groupId) : undefined))
      .orderBy(asc(slots.day), asc(slots.startTime));
  },
  /** Takes one place in one statement: no row back when the slot is full (never overbooked under any concurrency). */
  async take(db: Executor, id: string): Promise<SlotRow | undefined> {
    const [row] = await db
      .update(slots)
      .set({ booked: sql`${slots.booked} + 1` })
      .where(and(eq(slots.id, id), lt(slots.booked, slots.capacity)))
      .returning();
    return row;
  },
  async release(db: Executor, id: string) {
    await db
      .update(slots)
      .set({ booked: sql`greatest(${slots.booked} - 1, 0)` })
      .where(eq(slots.id, id));
  },
};

export const bookingRepo = {
  async insert(db: Executor, row: typeof bookings.$inferInsert): Promise<BookingRow> {
    const [created] = await db.insert(bookings).values(row).returning();
    return created!;
  },
  async find(db: Executor, id: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
    return row;
  },
  async lock(db: Executor, id: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).for('update');
    return row;
  },
  async byCode(db: Executor, hallId: string, code: string): Promise<BookingRow | undefined> {
    const [row] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.hallId, hallId), eq(bookings.code, code)))
      .for('update');
    return row;
  },
  async activeOn(db: Executor, personId: string, hallId: string, day: string): Promise<BookingRow | undefined> {
    const [row] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.personId, personId), eq(bookings.hallId, hallId), eq(bookings.day, day), eq(bookings.status, 'booked')));
    return row;
  },
  async ofPerson(db: Executor, personId: string, limit: number): Promise<BookingRow[]> {
    return db.select().from(bookings).where(eq(bookings.personId, personId)).orderBy(desc(bookings.day), desc(bookings.startTime)).limit(limit);
  },
  /** Days of the person's no-shows at the hall on or after `since`, latest first. */
  async noShowDays(db: Executor, personId: string, hallId: string, since: string): Promise<string[]> {
    const rows = await db
      .select({ day: bookings.day })
      .from(bookings)
      .where(and(eq(bookings.personId, personId), eq(bookings.hallId, hallId), eq(bookings.status, 'no_show'), gte(bookings.day, since)))
      .orderBy(desc(bookings.day));
    return rows.map((r) => r.day);
  },
  async update(db: Executor, id: string, patch: Partial<typeof bookings.$inferInsert>): Promise<BookingRow> {
    const [row] = await db.update(bookings).set(patch).where(eq(bookings.id, id)).returning();
    return row!;
  },
  /** Bookings of days before `today` still waiting: they lapsed (no-shows). */
  async markNoShows(db: Executor, today: string, at: Date): Promise<{ id: string; hallId: string }[]> {
    return db
      .update(bookings)
      .set({ status: 'no_show', updatedAt: at })
      .where(and(eq(bookings.status, 'booked'), lt(bookings.day, today)))
      .returning({ id: bookings.id, hallId: bookings.hallId });
  },
};

export const ticketRepo = {
  /** The next number of a window group on a day (one atomic upsert). */
  async nextSeq(db: Executor, groupId: string, day: string): Promise<number> {
    const [row] = await db
      .insert(ticketCounters)
      .values({ groupId, day, last: 1 })
      .onConflictDoUpdate({ target: [ticketCounters.groupId, ticketCounters.day], set: { last: sql`${ticketCounters.last} + 1` } })
      .returning({ last: ticketCounters.last });
    return row!.last;
  },
  async insert(db: Executor, row: typeof tickets.$inferInsert): Promise<TicketRow> {
    const [created] = await db.insert(tickets).values(row).returning();
    return created!;
  },
  async lock(db: Executor, id: string): Promise<TicketRow | undefined> {
    const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).for('update');
    return row;
  },
  /** The ticket a window is serving now (called, not finished). */
  async currentAt(db: Executor, windowId: string, day: string): Promise<TicketRow | undefined> {
    const [row] = await db
      .select()
      .from(tickets)
      .where(and(eq(tickets.windowId, windowId), eq(tickets.day, day), eq(tickets.status, 'called')))
      .for('update');
    return row;
  },
  /**
   * Calls the next waiting ticket of the groups in one statement: tickets with a booking first, then by
   * number order; SKIP LOCKED so two windows never call the same ticket.
   */
  async callNext(db: Executor, groupIds: string[], day: string, set: { calledAt: Date; windowId: string; windowNumber: string; calledBy: string | null }) {
    if (groupIds.length === 0) return undefined;
    const next = sql`(select id from ${tickets} where ${tickets.day} = ${day} and ${tickets.status} = 'waiting' and ${inArray(tickets.groupId, groupIds)}
      order by (${tickets.bookingId} is null), ${tickets.issuedAt}, ${tickets.seq} limit 1 for update skip locked)`;
    const [row] = await db
      .update(tickets)
      .set({
        status: 'called',
        ...set,
        waitSeconds: sql`greatest(0, floor(extract(epoch from (${set.calledAt.toISOString()}::timestamptz - ${tickets.issuedAt}))))::int`,
      })
      .where(sql`${tickets.id} = ${next}`)
      .returning();
    return row;
  },
  async finish(db: Executor, id: string, status: 'done' | 'missed', at: Date): Promise<TicketRow> {
    const [row] = await db
      .update(tickets)
      .set({
        status,
        finishedAt: at,
        serviceSeconds: sql`greatest(0, floor(extract(epoch from (${at.toISOString()}::timestamptz - ${tickets.calledAt}))))::int`,
      })
      .where(eq(tickets.id, id))
      .returning();
    return row!;
  },
  async ofHallDay(db: Executor, hallId: string, day: string): Promise<TicketRow[]> {
    return db
      .select()
      .from(tickets)
      .where(and(eq(tickets.hallId, hallId), eq(tickets.day, day)))
      .orderBy(asc(tickets.issuedAt), asc(tickets.seq));
  },
};
