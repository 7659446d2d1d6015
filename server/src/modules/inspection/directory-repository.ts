import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { inspectionEntities as entities, inspectionInspectors as inspectors, inspectionRelations as relations } from './tables.ts';
import { sqlRegionWithin, sqlRegionWithinAny } from '../../platform/auth/index.ts';

export type EntityRow = typeof entities.$inferSelect;
export type InspectorRow = typeof inspectors.$inferSelect;
export type InspectorInsert = typeof inspectors.$inferInsert;

/** SQL: `column` lies in one of the region subtrees `roots` ('' is everywhere, none is nothing). */
export function inRegions(column: AnyPgColumn, roots: string[]): SQL | undefined {
  return sqlRegionWithinAny(column, roots);
}

/** One row of the entity directory as the bulk upsert takes it (database column names). */
export interface EntityUpsertRow {
  uscc: string;
  name: string;
  entity_type: string;
  industry: string;
  region_code: string;
  region_path: string;
  address: string;
  address_key: string;
  risk_level: string;
  credit_level: string;
}

/** 检查对象名录库. */
export const entityRepo = {
  /**
   * Inserts or updates a batch by USCC: the rows go to the database as one JSON value
   * (json_to_recordset) in one INSERT … ON CONFLICT statement, no query built per row, and the
   * database counts how many were new.
   */
  async upsertBatch(db: Executor, batch: EntityUpsertRow[], source: string, now: string): Promise<number> {
    const [counted] = await rawRows<{ created: number }>(
      db,
      sql`WITH up AS (
            INSERT INTO ${entities} (uscc, name, entity_type, industry, region_code, region_path, address, address_key, risk_level, credit_level, source, updated_at)
            SELECT x.uscc, x.name, x.entity_type, x.industry, x.region_code, x.region_path, x.address, x.address_key, x.risk_level, x.credit_level, ${source}, ${now}::timestamptz
            FROM json_to_recordset(${JSON.stringify(batch)}::json) AS x(uscc text, name text, entity_type text, industry text, region_code text, region_path text, address text, address_key text, risk_level text, credit_level text)
            ON CONFLICT (uscc) DO UPDATE SET
              name = excluded.name, entity_type = excluded.entity_type, industry = excluded.industry, region_code = excluded.region_code,
              region_path = excluded.region_path, address = excluded.address, address_key = excluded.address_key, risk_level = excluded.risk_level,
              credit_level = excluded.credit_level, source = excluded.source, updated_at = excluded.updated_at
            RETURNING (xmax = 0) AS inserted)
          SELECT count(*) FILTER (WHERE inserted)::int AS created FROM up`,
    );
    return Number(counted?.created ?? 0);
  },
  /**
   * Sets the credit module's computed levels (`levels`: every entity credit holds a file of) in two
   * statements: the rows whose level changed, and back to null (the imported letter) for those no
   * longer in the list. Untouched rows keep their draw line.
   */
  async refreshComputedCreditLevels(db: Executor, levels: { uscc: string; level: string }[]): Promise<void> {
    const json = JSON.stringify(levels);
    await db.execute(sql`
      UPDATE ${entities} e SET computed_credit_level = x.level
      FROM json_to_recordset(${json}::json) AS x(uscc text, level text)
      WHERE e.uscc = x.uscc AND e.computed_credit_level IS DISTINCT FROM x.level`);
    await db.execute(sql`
      WITH x AS MATERIALIZED (SELECT uscc FROM json_to_recordset(${json}::json) AS x(uscc text, level text))
      UPDATE ${entities} e SET computed_credit_level = NULL
      WHERE e.computed_credit_level IS NOT NULL AND NOT EXISTS (SELECT 1 FROM x WHERE x.uscc = e.uscc)`);
  },
  /** USCC order, within `roots` and the optional region subtree, industry, risk level, name/USCC. */
  async page(
    db: Executor,
    q: { page: number; pageSize: number; roots: string[]; regionPath?: string; industry?: string; riskLevel?: EntityRow['riskLevel']; q?: string },
  ): Promise<{ rows: EntityRow[]; total: number }> {
    const where = and(
      inRegions(entities.regionPath, q.roots),
      q.regionPath ? sqlRegionWithin(entities.regionPath, q.regionPath) : undefined,
      q.industry ? eq(entities.industry, q.industry) : undefined,
      q.riskLevel ? eq(entities.riskLevel, q.riskLevel) : undefined,
      q.q ? or(ilike(entities.name, `%${q.q}%`), eq(entities.uscc, q.q.toUpperCase())) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(entities).where(where).orderBy(asc(entities.uscc)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(entities).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  addresses(db: Executor, usccs: string[]): Promise<{ uscc: string; address: string }[]> {
    return db.select({ uscc: entities.uscc, address: entities.address }).from(entities).where(inArray(entities.uscc, usccs));
  },
};

/** 检查人员名录库 and the relations inspectors declare (recusal). */
export const inspectorRepo = {
  async find(db: Executor, id: string): Promise<InspectorRow | undefined> {
    const [row] = await db.select().from(inspectors).where(eq(inspectors.id, id));
    return row;
  },
  findMany(db: Executor, ids: string[]): Promise<InspectorRow[]> {
    return db.select().from(inspectors).where(inArray(inspectors.id, ids));
  },
  /** Department of each inspector (a placeholder id keeps the IN list non-empty). */
  async departmentsOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
    const rows = await db
      .select({ id: inspectors.id, departmentId: inspectors.departmentId })
      .from(inspectors)
      .where(inArray(inspectors.id, [...new Set(ids), '00000000-0000-4000-8000-000000000000']));
    return new Map(rows.map((i) => [i.id, i.departmentId]));
  },
  /** What 双随机一公开 publishes of the drawn inspectors: the name and the department, nothing else personal. */
  async publicOf(db: Executor, ids: string[]): Promise<Map<string, { name: string; departmentId: string }>> {
    const rows = await db
      .select({ id: inspectors.id, name: inspectors.name, departmentId: inspectors.departmentId })
      .from(inspectors)
      .where(inArray(inspectors.id, [...new Set(ids), '00000000-0000-4000-8000-000000000000']));
    return new Map(rows.map((i) => [i.id, { name: i.name, departmentId: i.departmentId }]));
  },
  async idOfStaff(db: Executor, staffId: string): Promise<string | undefined> {
    const [row] = await db.select({ id: inspectors.id }).from(inspectors).where(eq(inspectors.staffId, staffId));
    return row?.id;
  },
  async insert(db: Executor, row: InspectorInsert): Promise<void> {
    await db.insert(inspectors).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<InspectorInsert>): Promise<InspectorRow | undefined> {
    const [row] = await db.update(inspectors).set(patch).where(eq(inspectors.id, id)).returning();
    return row;
  },
  /** Certificate order; `departments` undefined is every department. */
  async page(
    db: Executor,
    q: { page: number; pageSize: number; departments?: string[]; departmentId?: string; q?: string },
  ): Promise<{ rows: InspectorRow[]; total: number }> {
    const where = and(
      q.departments ? inArray(inspectors.departmentId, q.departments) : undefined,
      q.departmentId ? eq(inspectors.departmentId, q.departmentId) : undefined,
      q.q ? or(ilike(inspectors.name, `%${q.q}%`), eq(inspectors.certificateNo, q.q)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(inspectors).where(where).orderBy(asc(inspectors.certificateNo)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(inspectors).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  /** Available inspectors of these departments (qualifications are the caller's to check). */
  available(db: Executor, departmentIds: string[]): Promise<InspectorRow[]> {
    return db
      .select()
      .from(inspectors)
      .where(and(eq(inspectors.available, true), inArray(inspectors.departmentId, departmentIds)));
  },
  async declareRelation(db: Executor, row: { id: string; inspectorId: string; uscc: string; relation: string }): Promise<void> {
    await db.insert(relations).values(row).onConflictDoNothing();
  },
  relationsOf(db: Executor, inspectorId: string) {
    return db
      .select({ id: relations.id, uscc: relations.uscc, relation: relations.relation, declaredAt: relations.declaredAt, entityName: entities.name })
      .from(relations)
      .leftJoin(entities, eq(entities.uscc, relations.uscc))
      .where(eq(relations.inspectorId, inspectorId))
      .orderBy(asc(relations.declaredAt));
  },
};

/** Declared relations of these inspectors (recusal pairs). */
export function relationPairs(db: Executor, inspectorIds: string[]): Promise<{ k: string; uscc: string }[]> {
  return db.select({ k: relations.inspectorId, uscc: relations.uscc }).from(relations).where(inArray(relations.inspectorId, inspectorIds));
}
