import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { rawRows } from '../../platform/db/types.ts';
import { evaluations, evaluationSettings, rectifications } from './tables.ts';
import type { RectificationStatus } from './workflow.ts';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type RectificationRow = typeof rectifications.$inferSelect;
export interface Scope {
  regionPath: string;
  departmentId: string | null;
}

/** Rows in any of the scopes (region subtree, and the department when the grant has one); 'all' is no condition. */
function inScopes(scopes: readonly Scope[] | 'all'): SQL | undefined {
  if (scopes === 'all') return undefined;
  if (scopes.length === 0) return sql`false`;
  return or(
    ...scopes.map(
      (s) =>
        and(sqlRegionWithin(rectifications.regionPath, s.regionPath), s.departmentId ? eq(rectifications.departmentId, s.departmentId) : undefined) ??
        sql`true`,
    ),
  );
}

export const evaluationRepo = {
  async insert(db: Executor, row: typeof evaluations.$inferInsert): Promise<EvaluationRow> {
    const [created] = await db.insert(evaluations).values(row).returning();
    return created!;
  },
  async find(db: Executor, id: string): Promise<EvaluationRow | undefined> {
    const [row] = await db.select().from(evaluations).where(eq(evaluations.id, id));
    return row;
  },
  async onlineOfCase(db: Executor, caseNo: string): Promise<EvaluationRow | undefined> {
    const [row] = await db
      .select()
      .from(evaluations)
      .where(and(eq(evaluations.caseNo, caseNo), eq(evaluations.mode, 'online')));
    return row;
  },
  async annul(db: Executor, id: string): Promise<void> {
    await db.update(evaluations).set({ annulled: true }).where(eq(evaluations.id, id));
  },
  /** Evaluations of cases the staff account handled, newest first. */
  async pageOfStaff(db: Executor, accountId: string, q: { page: number; pageSize: number }) {
    const where = sql`${evaluations.staffAccountIds} @> ${JSON.stringify([accountId])}::jsonb`;
    const [items, [total]] = await Promise.all([
      db.select().from(evaluations).where(where).orderBy(desc(evaluations.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(evaluations).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
  /** Satisfaction by department or by item: counts per level over the evaluations that stand (not annulled). */
  /** Per window: the evaluations that record one (a window serves several departments: `departmentName` is ''). */
  async summary(db: Executor, by: 'department' | 'item' | 'window') {
    const key = by === 'department' ? sql`department_id::text` : by === 'item' ? sql`implementation_code` : sql`window_id::text`;
    const name = by === 'department' ? sql`min(department_name)` : by === 'item' ? sql`min(item_name)` : sql`min(window_label)`;
    const dept = by === 'window' ? sql`''` : sql`min(department_name)`;
    const where = by === 'window' ? sql`NOT annulled AND window_id IS NOT NULL` : sql`NOT annulled`;
    return rawRows<{
      key: string;
      name: string;
      departmentName: string;
      total: number;
      l1: number;
      l2: number;
      l3: number;
      l4: number;
      l5: number;
      sum: number;
    }>(
      db,
      sql`SELECT ${key} AS "key", ${name} AS "name", ${dept} AS "departmentName", count(*)::int AS "total",
            count(*) FILTER (WHERE level = 1)::int AS "l1", count(*) FILTER (WHERE level = 2)::int AS "l2",
            count(*) FILTER (WHERE level = 3)::int AS "l3", count(*) FILTER (WHERE level = 4)::int AS "l4",
            count(*) FILTER (WHERE level = 5)::int AS "l5", sum(level)::int AS "sum"
          FROM evaluations WHERE ${where} GROUP BY 1 ORDER BY 2`,
    );
  },
  /** Bad reviews that stand, newest first, each with its rectification. */
  async badReviews(db: Executor, q: { page: number; pageSize: number }) {
    const where = and(eq(evaluations.annulled, false), sql`${evaluations.level} <= 2`);
    const [items, [total]] = await Promise.all([
      db
        .select({ evaluation: evaluations, rectification: rectifications })
        .from(evaluations)
        .leftJoin(rectifications, eq(rectifications.evaluationId, evaluations.id))
        .where(where)
        .orderBy(desc(evaluations.createdAt))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(evaluations).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
};

export const rectificationRepo = {
  async insert(db: Executor, row: typeof rectifications.$inferInsert): Promise<void> {
    await db.insert(rectifications).values(row);
  },
  async find(db: Executor, id: string): Promise<RectificationRow | undefined> {
    const [row] = await db.select().from(rectifications).where(eq(rectifications.id, id));
    return row;
  },
  async lock(db: Executor, id: string): Promise<RectificationRow | undefined> {
    const [row] = await db.select().from(rectifications).where(eq(rectifications.id, id)).for('update');
    return row;
  },
  async ofEvaluation(db: Executor, evaluationId: string): Promise<RectificationRow | undefined> {
    const [row] = await db.select().from(rectifications).where(eq(rectifications.evaluationId, evaluationId));
    return row;
  },
  async update(db: Executor, id: string, patch: Partial<typeof rectifications.$inferInsert>): Promise<void> {
    await db
      .update(rectifications)
      .set({ ...patch, version: sql`${rectifications.version} + 1` })
      .where(eq(rectifications.id, id));
  },
  /** In the scopes, optionally by status; open ones by due date first, then the newest. */
  async page(db: Executor, q: { page: number; pageSize: number; scopes: readonly Scope[] | 'all'; status?: RectificationStatus[] }) {
    const where = and(inScopes(q.scopes), q.status?.length ? inArray(rectifications.status, q.status) : undefined);
    const [rows, [total]] = await Promise.all([
      db
        .select({ rectification: rectifications, evaluation: evaluations })
        .from(rectifications)
        .innerJoin(evaluations, eq(evaluations.id, rectifications.evaluationId))
        .where(where)
        .orderBy(
          sql`CASE WHEN ${rectifications.status} IN ('open', 'appealed', 'submitted') THEN 0 ELSE 1 END`,
          asc(rectifications.dueOn),
          desc(rectifications.createdAt),
        )
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(rectifications).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

/** A (due date, region) pair: the light of an owed rectification depends on nothing else. */
export interface DuePair {
  dueOn: string;
  regionPath: string;
}

/** 电子监察: the rectifications the unit still owes (open or appealed), grouped and listed by their light. */
export const rectificationLightRepo = {
  async groups(db: Executor, scopes: readonly Scope[] | 'all', owed: RectificationStatus[], departmentId?: string) {
    return db
      .select({
        departmentId: rectifications.departmentId,
        departmentName: rectifications.departmentName,
        status: rectifications.status,
        dueOn: rectifications.dueOn,
        regionPath: rectifications.regionPath,
        n: count(),
      })
      .from(rectifications)
      .where(and(inScopes(scopes), inArray(rectifications.status, owed), departmentId ? eq(rectifications.departmentId, departmentId) : undefined))
      .groupBy(rectifications.departmentId, rectifications.departmentName, rectifications.status, rectifications.dueOn, rectifications.regionPath);
  },
  /** One page of a department's owed rectifications whose (due date, region) is in `pairs`, most overdue first. */
  async page(
    db: Executor,
    scopes: readonly Scope[] | 'all',
    owed: RectificationStatus[],
    f: { departmentId: string; pairs: DuePair[] },
    q: { page: number; pageSize: number },
  ) {
    if (f.pairs.length === 0) return { rows: [], total: 0 };
    const where = and(
      inScopes(scopes),
      inArray(rectifications.status, owed),
      eq(rectifications.departmentId, f.departmentId),
      or(...f.pairs.map((p) => and(eq(rectifications.dueOn, p.dueOn), eq(rectifications.regionPath, p.regionPath)))),
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ rectification: rectifications, evaluation: evaluations })
        .from(rectifications)
        .innerJoin(evaluations, eq(evaluations.id, rectifications.evaluationId))
        .where(where)
        .orderBy(asc(rectifications.dueOn), asc(rectifications.createdAt))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(rectifications).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

export const settingsRepo = {
  /** The configured limits of these region paths (a region and its ancestors). */
  async of(db: Executor, paths: string[]) {
    if (paths.length === 0) return [];
    return db.select().from(evaluationSettings).where(inArray(evaluationSettings.regionPath, paths));
  },
  async all(db: Executor) {
    return db.select().from(evaluationSettings).orderBy(asc(evaluationSettings.regionPath));
  },
  async put(db: Executor, regionPath: string, rectificationDays: number, at: Date): Promise<void> {
    await db
      .insert(evaluationSettings)
      .values({ regionPath, rectificationDays, updatedAt: at })
      .onConflictDoUpdate({ target: evaluationSettings.regionPath, set: { rectificationDays, updatedAt: at } });
  },
};
