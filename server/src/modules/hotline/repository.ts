import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { applyChange } from './rollup.ts';
import { hotlineCategories, hotlineTicketEvents, hotlineTickets } from './tables.ts';

export type TicketRow = typeof hotlineTickets.$inferSelect;
export type TicketInsert = typeof hotlineTickets.$inferInsert;
export type EventRow = typeof hotlineTicketEvents.$inferSelect;
export type CategoryRow = typeof hotlineCategories.$inferSelect;

/** SQL: the ticket's unit lies within one of the actor's scopes (columns: the tickets', or the daily rollup's). */
export function ticketScopeSql(
  all: boolean,
  scopes: { regionPath: string; departmentId: string | null }[],
  cols: { path: AnyPgColumn; department: AnyPgColumn } = { path: hotlineTickets.unitRegionPath, department: hotlineTickets.unitDepartmentId },
): SQL | undefined {
  if (all) return undefined;
  if (scopes.length === 0) return sql`false`;
  return or(...scopes.map((s) => and(sqlRegionWithin(cols.path, s.regionPath), s.departmentId ? eq(cols.department, s.departmentId) : undefined) ?? sql`true`));
}

export const ticketRepo = {
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.id, id));
    return row;
  },
  async findByNumber(db: Executor, number: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.number, number));
    return row;
  },
  async findByToken(db: Executor, token: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.token, token));
    return row;
  },
  /** Inserts tickets and adds them to the daily statistics (same transaction). */
  async insert(db: Executor, rows: TicketInsert[]) {
    if (!rows.length) return;
    const saved = await db.insert(hotlineTickets).values(rows).returning();
    for (const r of saved) await applyChange(db, undefined, r);
  },
  /** Optimistic update (by version); the daily statistics follow in the same transaction. */
  async update(db: Executor, id: string, version: number, patch: Partial<TicketInsert>) {
    const [before] = await db
      .select()
      .from(hotlineTickets)
      .where(and(eq(hotlineTickets.id, id), eq(hotlineTickets.version, version)))
      .for('update');
    if (!before) return undefined;
    const [row] = await db
      .update(hotlineTickets)
      .set({ ...patch, version: version + 1, updatedAt: new Date() })
      .where(and(eq(hotlineTickets.id, id), eq(hotlineTickets.version, version)))
      .returning();
    if (row) await applyChange(db, before, row);
    return row;
  },
  async events(db: Executor, ticketId: string) {
    return db
      .select()
      .from(hotlineTicketEvents)
      .where(eq(hotlineTicketEvents.ticketId, ticketId))
      .orderBy(asc(hotlineTicketEvents.createdAt), asc(hotlineTicketEvents.id));
  },
  async insertEvents(db: Executor, rows: (typeof hotlineTicketEvents.$inferInsert)[]) {
    if (rows.length) await db.insert(hotlineTicketEvents).values(rows);
  },
  async mergedChildren(db: Executor, id: string) {
    return db.select().from(hotlineTickets).where(eq(hotlineTickets.mergedInto, id));
  },
  async byPhoneIndex(db: Executor, index: string, limit = 50) {
    return db.select().from(hotlineTickets).where(eq(hotlineTickets.callerPhoneIndex, index)).orderBy(desc(hotlineTickets.createdAt)).limit(limit);
  },
  async findMany(db: Executor, ids: string[]) {
    if (!ids.length) return [];
    return db.select().from(hotlineTickets).where(inArray(hotlineTickets.id, ids));
  },
};

export const categoryRepo = {
  async all(db: Executor) {
    return db.select().from(hotlineCategories).orderBy(asc(hotlineCategories.sort), asc(hotlineCategories.code));
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineCategories).where(eq(hotlineCategories.id, id));
    return row;
  },
  async findByCode(db: Executor, code: string) {
    const [row] = await db.select().from(hotlineCategories).where(eq(hotlineCategories.code, code));
    return row;
  },
  async insert(db: Executor, rows: (typeof hotlineCategories.$inferInsert)[]) {
    if (rows.length) await db.insert(hotlineCategories).values(rows);
  },
};
