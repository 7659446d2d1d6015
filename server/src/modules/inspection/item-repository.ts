import { and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { inspectionItems as items, inspectionRules as rules } from './tables.ts';

export type ItemRow = typeof items.$inferSelect;
export type ItemInsert = typeof items.$inferInsert;
export type RulesRow = typeof rules.$inferSelect;

/** A unique index refused the row (PostgreSQL 23505, as the driver or the ORM wraps it). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** 抽查事项清单. */
export const itemRepo = {
  async find(db: Executor, id: string): Promise<ItemRow | undefined> {
    const [row] = await db.select().from(items).where(eq(items.id, id));
    return row;
  },
  findMany(db: Executor, ids: string[]): Promise<ItemRow[]> {
    return db.select().from(items).where(inArray(items.id, ids));
  },
  async insert(db: Executor, row: ItemInsert): Promise<void> {
    await db.insert(items).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<ItemInsert>): Promise<ItemRow | undefined> {
    const [row] = await db.update(items).set(patch).where(eq(items.id, id)).returning();
    return row;
  },
  /** Active items, code order: of one department, matching `q` (name anywhere, code prefix). */
  async page(db: Executor, q: { page: number; pageSize: number; departmentId?: string; q?: string }): Promise<{ rows: ItemRow[]; total: number }> {
    const where = and(
      eq(items.active, true),
      q.departmentId ? eq(items.departmentId, q.departmentId) : undefined,
      q.q ? or(ilike(items.name, `%${q.q}%`), ilike(items.code, `${q.q}%`)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(items).where(where).orderBy(asc(items.code)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(items).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

/** A department's implementation rules (实施细则), one row per department. */
export const rulesRepo = {
  async findByDepartment(db: Executor, departmentId: string): Promise<RulesRow | undefined> {
    const [row] = await db.select().from(rules).where(eq(rules.departmentId, departmentId));
    return row;
  },
  async save(db: Executor, row: typeof rules.$inferInsert & { id: string }, exists: boolean): Promise<void> {
    if (exists) await db.update(rules).set(row).where(eq(rules.id, row.id));
    else await db.insert(rules).values(row);
  },
  all(db: Executor): Promise<RulesRow[]> {
    return db.select().from(rules).orderBy(asc(rules.title));
  },
};
