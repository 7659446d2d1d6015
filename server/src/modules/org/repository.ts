import { and, asc, count, eq, ilike, inArray, like, ne, or, sql } from 'drizzle-orm';
import { sqlRegionWithin, sqlRegionWithinAny } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { departments, regions, serviceCenters, serviceWindows } from './tables.ts';

export type RegionRow = typeof regions.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type ServiceCenterRow = typeof serviceCenters.$inferSelect;
export type ServiceWindowRow = typeof serviceWindows.$inferSelect;

/** SQL condition "path is within one of these subtrees" ("" = everywhere, none = nothing). */
export const withinPaths = sqlRegionWithinAny;

export const regionRepo = {
  async find(db: Executor, code: string) {
    const [row] = await db.select().from(regions).where(eq(regions.code, code));
    return row;
  },
  async findMany(db: Executor, codes: string[]) {
    if (codes.length === 0) return [];
    return db.select().from(regions).where(inArray(regions.code, codes));
  },
  async list(db: Executor, q: { page: number; pageSize: number; q?: string; parentCode?: string; level?: string }, roots: string[]) {
    const where = and(
      q.parentCode ? eq(regions.parentCode, q.parentCode) : undefined,
      q.level ? eq(regions.level, q.level as RegionRow['level']) : undefined,
      q.q ? or(ilike(regions.name, `%${q.q}%`), like(regions.code, `${q.q}%`)) : undefined,
      withinPaths(regions.path, roots),
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(regions).where(where).orderBy(asc(regions.path)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(regions).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async insert(db: Executor, row: typeof regions.$inferInsert) {
    await db.insert(regions).values(row);
  },
  async rename(db: Executor, code: string, name: string) {
    await db.update(regions).set({ name, updatedAt: new Date() }).where(eq(regions.code, code));
  },
  async all(db: Executor) {
    return db.select().from(regions).orderBy(asc(regions.path));
  },
};

export const departmentRepo = {
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(departments).where(eq(departments.id, id));
    return row;
  },
  async findByUscc(db: Executor, uscc: string) {
    const [row] = await db.select().from(departments).where(eq(departments.uscc, uscc));
    return row;
  },
  async findMany(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db.select().from(departments).where(inArray(departments.id, ids));
  },
  /** `publicOnly`: leaves out the platform's own department (region path ""), which serves no one. */
  async list(
    db: Executor,
    q: { page: number; pageSize: number; q?: string; regionCode?: string; kind?: string },
    roots: string[],
    regionPrefix?: string,
    publicOnly = false,
  ) {
    const where = and(
      publicOnly ? ne(departments.regionPath, '') : undefined,
      q.q ? or(ilike(departments.name, `%${q.q}%`), ilike(departments.shortName, `%${q.q}%`), eq(departments.uscc, q.q.toUpperCase())) : undefined,
      q.kind ? eq(departments.kind, q.kind) : undefined,
      regionPrefix ? sqlRegionWithin(departments.regionPath, regionPrefix) : undefined,
      withinPaths(departments.regionPath, roots),
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(departments).where(where).orderBy(asc(departments.regionPath), asc(departments.name)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(departments).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  /** The ids of every department inside these region subtrees, however many: one statement. */
  async idsWithin(db: Executor, roots: string[]) {
    const rows = await db.select({ id: departments.id }).from(departments).where(withinPaths(departments.regionPath, roots));
    return rows.map((r) => r.id);
  },
  async insert(db: Executor, row: typeof departments.$inferInsert) {
    await db.insert(departments).values(row);
  },
  async kinds(db: Executor) {
    return db
      .select({ kind: departments.kind, example: sql<string>`min(${departments.shortName})` })
      .from(departments)
      .where(ne(departments.regionPath, ''))
      .groupBy(departments.kind)
      .orderBy(asc(departments.kind));
  },
  /** Optimistic update: only if the version is still the one read. */
  async update(db: Executor, id: string, version: number, patch: Partial<typeof departments.$inferInsert>) {
    const rows = await db
      .update(departments)
      .set({ ...patch, version: version + 1, updatedAt: new Date() })
      .where(and(eq(departments.id, id), eq(departments.version, version)))
      .returning();
    return rows[0];
  },
};

export const serviceCenterRepo = {
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(serviceCenters).where(eq(serviceCenters.id, id));
    return row;
  },
  async list(db: Executor, q: { page: number; pageSize: number; q?: string }, roots: string[]) {
    const where = and(q.q ? ilike(serviceCenters.name, `%${q.q}%`) : undefined, withinPaths(serviceCenters.regionPath, roots));
    const windowCount = sql<number>`(select count(*) from ${serviceWindows} w where w.service_center_id = ${serviceCenters.id})`.mapWith(Number);
    const [rows, [total]] = await Promise.all([
      db
        .select({ center: serviceCenters, windowCount })
        .from(serviceCenters)
        .where(where)
        .orderBy(asc(serviceCenters.regionPath), asc(serviceCenters.name))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(serviceCenters).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async insert(db: Executor, row: typeof serviceCenters.$inferInsert) {
    await db.insert(serviceCenters).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<typeof serviceCenters.$inferInsert>) {
    const [row] = await db
      .update(serviceCenters)
      .set({ ...patch, version: sql`${serviceCenters.version} + 1` })
      .where(eq(serviceCenters.id, id))
      .returning();
    return row;
  },
  async windows(db: Executor, centerId: string) {
    return db.select().from(serviceWindows).where(eq(serviceWindows.serviceCenterId, centerId)).orderBy(asc(serviceWindows.number));
  },
  async findWindow(db: Executor, id: string) {
    const [row] = await db.select().from(serviceWindows).where(eq(serviceWindows.id, id));
    return row;
  },
  async insertWindow(db: Executor, row: typeof serviceWindows.$inferInsert) {
    await db.insert(serviceWindows).values(row);
  },
  async updateWindow(db: Executor, id: string, patch: Partial<typeof serviceWindows.$inferInsert>) {
    const [row] = await db
      .update(serviceWindows)
      .set({ ...patch, version: sql`${serviceWindows.version} + 1` })
      .where(eq(serviceWindows.id, id))
      .returning();
    return row;
  },
};
