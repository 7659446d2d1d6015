import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { sqlRegionWithin } from '../../platform/auth/region-sql.ts';
import { paymentCallbacks, paymentMismatches, paymentOrders, simulatedTrades } from './tables.ts';

export type OrderRow = typeof paymentOrders.$inferSelect;
export type CallbackRow = typeof paymentCallbacks.$inferSelect;
export type MismatchRow = typeof paymentMismatches.$inferSelect;
export type TradeRow = typeof simulatedTrades.$inferSelect;
/** A staff member's scopes for a permission: all, or (region, department or any) pairs. */
export interface StaffScope {
  all: boolean;
  scopes: { regionPath: string; departmentId: string | null }[];
}

function scoped(region: AnyColumn, dept: AnyColumn, scope: StaffScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.scopes.length === 0) return sql`false`;
  return or(...scope.scopes.map((s) => and(sqlRegionWithin(region, s.regionPath), s.departmentId ? eq(dept, s.departmentId) : undefined) ?? sql`true`));
}

export const orderRepo = {
  async insert(db: Executor, row: typeof paymentOrders.$inferInsert): Promise<OrderRow> {
    const [r] = await db.insert(paymentOrders).values(row).returning();
    return r!;
  },
  async byNo(db: Executor, orderNo: string): Promise<OrderRow | undefined> {
    const [r] = await db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, orderNo));
    return r;
  },
  async lock(db: Executor, orderNo: string): Promise<OrderRow | undefined> {
    const [r] = await db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, orderNo)).for('update');
    return r;
  },
  /** The case's open or paid order (one at a time; a closed or refunded one may be followed by a new one). */
  async liveForCase(db: Executor, caseNo: string): Promise<OrderRow | undefined> {
    const [r] = await db
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.caseNo, caseNo), or(eq(paymentOrders.status, 'unpaid'), eq(paymentOrders.status, 'paid'))))
      .orderBy(desc(paymentOrders.createdAt))
      .limit(1);
    return r;
  },
  async update(db: Executor, id: string, patch: Partial<typeof paymentOrders.$inferInsert>): Promise<OrderRow> {
    const [r] = await db.update(paymentOrders).set(patch).where(eq(paymentOrders.id, id)).returning();
    return r!;
  },
  async listForApplicant(db: Executor, kind: 'person' | 'entity', id: string): Promise<OrderRow[]> {
    return db
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.applicantKind, kind), eq(paymentOrders.applicantId, id)))
      .orderBy(desc(paymentOrders.createdAt))
      .limit(100);
  },
  async listScoped(db: Executor, scope: StaffScope, q: { page: number; pageSize: number; status?: string; q?: string }) {
    const where = and(
      scoped(paymentOrders.regionPath, paymentOrders.departmentId, scope),
      q.status ? eq(paymentOrders.status, q.status as OrderRow['status']) : undefined,
      q.q ? or(eq(paymentOrders.orderNo, q.q), eq(paymentOrders.caseNo, q.q)) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db.select().from(paymentOrders).where(where).orderBy(desc(paymentOrders.createdAt), asc(paymentOrders.id)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(paymentOrders).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  },
  /** Orders paid through `gateway` on the Shanghai day [from, to). */
  async paidBetween(db: Executor, gateway: string, from: Date, to: Date): Promise<OrderRow[]> {
    return db
      .select()
      .from(paymentOrders)
      .where(and(eq(paymentOrders.gateway, gateway), isNotNull(paymentOrders.paidAt), gte(paymentOrders.paidAt, from), lt(paymentOrders.paidAt, to)));
  },
  async byNos(db: Executor, orderNos: string[]): Promise<OrderRow[]> {
    if (orderNos.length === 0) return [];
    return db.select().from(paymentOrders).where(inArray(paymentOrders.orderNo, orderNos));
  },
};

export const callbackRepo = {
  /** Records the event once; undefined when this gateway event id was already received. */
  async insertOnce(db: Executor, row: typeof paymentCallbacks.$inferInsert): Promise<CallbackRow | undefined> {
    const [r] = await db.insert(paymentCallbacks).values(row).onConflictDoNothing().returning();
    return r;
  },
  async find(db: Executor, gateway: string, eventId: string): Promise<CallbackRow | undefined> {
    const [r] = await db
      .select()
      .from(paymentCallbacks)
      .where(and(eq(paymentCallbacks.gateway, gateway), eq(paymentCallbacks.eventId, eventId)));
    return r;
  },
  async setOutcome(db: Executor, id: string, outcome: CallbackRow['outcome']) {
    await db.update(paymentCallbacks).set({ outcome }).where(eq(paymentCallbacks.id, id));
  },
};

export const tradeRepo = {
  async insert(db: Executor, row: typeof simulatedTrades.$inferInsert) {
    await db.insert(simulatedTrades).values(row);
  },
  async byOrder(db: Executor, orderNo: string): Promise<TradeRow | undefined> {
    const [r] = await db.select().from(simulatedTrades).where(eq(simulatedTrades.orderNo, orderNo));
    return r;
  },
  async onDay(db: Executor, day: string): Promise<TradeRow[]> {
    return db.select().from(simulatedTrades).where(eq(simulatedTrades.day, day));
  },
};

export const mismatchRepo = {
  async insertMany(db: Executor, rows: (typeof paymentMismatches.$inferInsert)[]): Promise<MismatchRow[]> {
    if (rows.length === 0) return [];
    return db.insert(paymentMismatches).values(rows).onConflictDoNothing().returning();
  },
  async listScoped(db: Executor, scope: StaffScope, q: { page: number; pageSize: number; day?: string }) {
    const where = and(scoped(paymentMismatches.regionPath, paymentMismatches.departmentId, scope), q.day ? eq(paymentMismatches.day, q.day) : undefined);
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(paymentMismatches)
        .where(where)
        .orderBy(desc(paymentMismatches.day), asc(paymentMismatches.orderNo))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(paymentMismatches).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  },
};
