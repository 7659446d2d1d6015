import { and, count, desc, eq, ilike, inArray, isNotNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/region-sql.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { dataResources as resources, dataResourceVersions as versions, type ResourceSnapshot } from './tables.ts';
import type { ResourceStatus } from './workflow.ts';

export type ResourceRow = typeof resources.$inferSelect;
export type ResourceInsert = typeof resources.$inferInsert;
export type VersionRow = typeof versions.$inferSelect;

export interface DeptScope {
  regionPath: string;
  departmentId: string | null;
}

/** SQL: the row's department is within one of these grants' scopes (no scopes: false). */
export function sqlWithinScopes(regionCol: AnyColumn, deptCol: AnyColumn, scopes: DeptScope[]): SQL {
  if (scopes.length === 0) return sql`false`;
  return or(...scopes.map((s) => and(sqlRegionWithin(regionCol, s.regionPath) ?? sql`true`, s.departmentId ? eq(deptCol, s.departmentId) : undefined)))!;
}

/** The resource catalog (working copies) and its published versions. */
export const resourceRepo = {
  async find(db: Executor, id: string): Promise<ResourceRow | undefined> {
    const [row] = await db.select().from(resources).where(eq(resources.id, id));
    return row;
  },
  async findMany(db: Executor, ids: string[]): Promise<Map<string, ResourceRow>> {
    if (!ids.length) return new Map();
    const rows = await db
      .select()
      .from(resources)
      .where(inArray(resources.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  },
  async lock(db: Executor, id: string): Promise<ResourceRow | undefined> {
    const [row] = await db.select().from(resources).where(eq(resources.id, id)).for('update');
    return row;
  },
  async byCode(db: Executor, code: string): Promise<ResourceRow | undefined> {
    const [row] = await db.select().from(resources).where(eq(resources.code, code));
    return row;
  },
  async insert(db: Executor, row: ResourceInsert): Promise<void> {
    await db.insert(resources).values(row);
  },
  async update(db: Executor, id: string, set: Partial<ResourceInsert> & { status?: ResourceStatus }): Promise<void> {
    await db
      .update(resources)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(resources.id, id));
  },
  /** Published entries for everyone; unpublished ones only within `editable` (the declaring and reviewing scopes). */
  async page(
    db: Executor,
    q: { page: number; pageSize: number; q?: string; departmentId?: string; status?: ResourceStatus; sharingType?: string; editable: DeptScope[] | 'all' },
  ): Promise<{ rows: ResourceRow[]; total: number }> {
    const visible =
      q.editable === 'all' ? undefined : or(isNotNull(resources.publishedVersion), sqlWithinScopes(resources.regionPath, resources.departmentId, q.editable));
    const where = and(
      visible,
      q.departmentId ? eq(resources.departmentId, q.departmentId) : undefined,
      q.status ? eq(resources.status, q.status) : undefined,
      q.sharingType ? eq(resources.sharingType, q.sharingType as ResourceRow['sharingType']) : undefined,
      q.q ? or(ilike(resources.name, `%${q.q}%`), ilike(resources.code, `%${q.q}%`)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(resources).where(where).orderBy(desc(resources.updatedAt), resources.code).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(resources).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async insertVersion(db: Executor, row: typeof versions.$inferInsert): Promise<void> {
    await db.insert(versions).values(row);
  },
  async version(db: Executor, resourceId: string, version: number): Promise<VersionRow | undefined> {
    const [row] = await db
      .select()
      .from(versions)
      .where(and(eq(versions.resourceId, resourceId), eq(versions.version, version)));
    return row;
  },
  async versionsOf(db: Executor, resourceId: string): Promise<VersionRow[]> {
    return db.select().from(versions).where(eq(versions.resourceId, resourceId)).orderBy(desc(versions.version));
  },
  /** The published snapshots of these resources (their versions in force), by resource id. */
  async publishedSnapshots(db: Executor, rows: ResourceRow[]): Promise<Map<string, ResourceSnapshot>> {
    const wanted = rows.filter((r) => r.publishedVersion !== null);
    if (!wanted.length) return new Map();
    const found = await db
      .select({ resourceId: versions.resourceId, version: versions.version, snapshot: versions.snapshot })
      .from(versions)
      .where(
        inArray(
          versions.resourceId,
          wanted.map((r) => r.id),
        ),
      );
    const inForce = new Map(wanted.map((r) => [r.id, r.publishedVersion]));
    return new Map(found.filter((v) => inForce.get(v.resourceId) === v.version).map((v) => [v.resourceId, v.snapshot]));
  },
};
