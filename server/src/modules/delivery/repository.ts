import { and, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/index.ts';
import { addresses, carrierEvents, orders } from './tables.ts';

export type AddressRow = typeof addresses.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type Scope = { regionPath: string; departmentId: string | null };
type Owner = { kind: 'person' | 'entity'; id: string };

export const addressRepo = {
  async list(db: Executor, o: Owner): Promise<AddressRow[]> {
    return db
      .select()
      .from(addresses)
      .where(and(eq(addresses.ownerKind, o.kind), eq(addresses.ownerId, o.id)))
      .orderBy(desc(addresses.isDefault), desc(addresses.createdAt));
  },
  async find(db: Executor, o: Owner, id: string): Promise<AddressRow | undefined> {
    const [row] = await db
      .select()
      .from(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.ownerKind, o.kind), eq(addresses.ownerId, o.id)))
      .for('update');
    return row;
  },
  async insert(db: Executor, row: typeof addresses.$inferInsert): Promise<AddressRow> {
    const [created] = await db.insert(addresses).values(row).returning();
    return created!;
  },
  async update(db: Executor, id: string, set: Partial<typeof addresses.$inferInsert>): Promise<AddressRow> {
    const [row] = await db.update(addresses).set(set).where(eq(addresses.id, id)).returning();
    return row!;
  },
  async clearDefault(db: Executor, o: Owner, except: string) {
    await db
      .update(addresses)
      .set({ isDefault: false })
      .where(and(eq(addresses.ownerKind, o.kind), eq(addresses.ownerId, o.id), eq(addresses.isDefault, true), ne(addresses.id, except)));
  },
  async delete(db: Executor, id: string) {
    await db.delete(addresses).where(eq(addresses.id, id));
  },
};

function inScopes(scopes: readonly Scope[] | 'all'): SQL | undefined {
  if (scopes === 'all') return undefined;
  if (scopes.length === 0) return sql`false`;
  return or(
    ...scopes.map(
      (s) => and(sqlRegionWithin(orders.regionPath, s.regionPath), s.departmentId ? eq(orders.departmentId, s.departmentId) : undefined) ?? sql`true`,
    ),
  );
}

export const orderRepo = {
  async insert(db: Executor, row: typeof orders.$inferInsert): Promise<OrderRow> {
    const [created] = await db.insert(orders).values(row).returning();
    return created!;
  },
  async find(db: Executor, id: string, lock = false): Promise<OrderRow | undefined> {
    const q = db.select().from(orders).where(eq(orders.id, id));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },
  async byTracking(db: Executor, carrier: string, trackingNumber: string): Promise<OrderRow | undefined> {
    const [row] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.carrier, carrier), eq(orders.trackingNumber, trackingNumber)))
      .for('update');
    return row;
  },
  async byCase(db: Executor, caseNo: string): Promise<OrderRow[]> {
    return db.select().from(orders).where(eq(orders.caseNo, caseNo)).orderBy(orders.direction);
  },
  async update(db: Executor, id: string, set: Partial<typeof orders.$inferInsert>): Promise<OrderRow> {
    const [row] = await db.update(orders).set(set).where(eq(orders.id, id)).returning();
    return row!;
  },
  async mine(db: Executor, o: Owner, caseNo?: string): Promise<OrderRow[]> {
    return db
      .select()
      .from(orders)
      .where(and(eq(orders.applicantKind, o.kind), eq(orders.applicantId, o.id), caseNo ? eq(orders.caseNo, caseNo) : undefined))
      .orderBy(desc(orders.createdAt))
      .limit(50);
  },
  async page(db: Executor, q: { page: number; pageSize: number; q?: string; status?: string; scopes: readonly Scope[] | 'all' }) {
    const where = and(
      inScopes(q.scopes),
      q.status ? eq(orders.status, q.status as OrderRow['status']) : undefined,
      q.q ? or(eq(orders.caseNo, q.q), eq(orders.trackingNumber, q.q)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(orders).where(where).orderBy(desc(orders.updatedAt), desc(orders.id)).limit(q.pageSize).offset(offsetOf(q)),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(orders)
        .where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

export const carrierEventRepo = {
  /** Records a carrier event once; false when this carrier sent this event id before (a replay). */
  async record(db: Executor, row: typeof carrierEvents.$inferInsert): Promise<boolean> {
    const inserted = await db.insert(carrierEvents).values(row).onConflictDoNothing().returning({ id: carrierEvents.id });
    return inserted.length === 1;
  },
};
