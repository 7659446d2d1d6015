import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { inRegions } from './directory-repository.ts';
import { inspectionPlans as plans, inspectionTasks as tasks } from './tables.ts';
import type { TaskStatus } from './workflow.ts';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskInsert = typeof tasks.$inferInsert;
export type PlanRow = typeof plans.$inferSelect;

/** SQL: the task involves one of these departments (its department list holds it). */
export const tasksOfDepartments = (departmentIds: string[]) => or(...departmentIds.map((d) => sql`${tasks.departmentIds} @> ${JSON.stringify([d])}::jsonb`));

/** Annual plans. */
export const planRepo = {
  async find(db: Executor, id: string): Promise<PlanRow | undefined> {
    const [row] = await db.select().from(plans).where(eq(plans.id, id));
    return row;
  },
  findMany(db: Executor, ids: string[]): Promise<PlanRow[]> {
    return db.select().from(plans).where(inArray(plans.id, ids));
  },
  async insert(db: Executor, row: typeof plans.$inferInsert): Promise<void> {
    await db.insert(plans).values(row);
  },
  all(db: Executor): Promise<PlanRow[]> {
    return db.select().from(plans).orderBy(desc(plans.year), asc(plans.title));
  },
};

/** The tasks of plans. */
export const taskRepo = {
  async find(db: Executor, id: string): Promise<TaskRow | undefined> {
    const [row] = await db.select().from(tasks).where(eq(tasks.id, id));
    return row;
  },
  /** The task, locked until the transaction ends (status changes are decided on this row). */
  async lock(db: Executor, id: string): Promise<TaskRow | undefined> {
    const [row] = await db.select().from(tasks).where(eq(tasks.id, id)).for('update');
    return row;
  },
  async titles(db: Executor, ids: string[]): Promise<Map<string, string>> {
    const rows = await db.select({ id: tasks.id, title: tasks.title }).from(tasks).where(inArray(tasks.id, ids));
    return new Map(rows.map((t) => [t.id, t.title]));
  },
  async insert(db: Executor, row: TaskInsert): Promise<TaskRow> {
    const [created] = await db.insert(tasks).values(row).returning();
    return created!;
  },
  async setStatus(db: Executor, id: string, status: TaskStatus): Promise<void> {
    await db
      .update(tasks)
      .set({ status, version: sql`${tasks.version} + 1` })
      .where(eq(tasks.id, id));
  },
  /** Newest first; `regions` (subtrees) and `departments` undefined are unrestricted. */
  async page(
    db: Executor,
    q: { page: number; pageSize: number; regions?: string[]; departments?: string[]; planId?: string; status?: TaskStatus; q?: string },
  ): Promise<{ rows: TaskRow[]; total: number }> {
    const where = and(
      q.regions ? inRegions(tasks.regionPath, q.regions) : undefined,
      q.planId ? eq(tasks.planId, q.planId) : undefined,
      q.status ? eq(tasks.status, q.status) : undefined,
      q.departments ? tasksOfDepartments(q.departments) : undefined,
      q.q ? ilike(tasks.title, `%${q.q}%`) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(tasks).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  /** Tasks with disclosed results, newest first (the portal). */
  async pageDisclosed(db: Executor, q: { page: number; pageSize: number; q?: string }): Promise<{ rows: TaskRow[]; total: number }> {
    const where = and(
      sql`exists (select 1 from inspection_results r where r.task_id = ${tasks.id} and r.disclosed_at is not null)`,
      q.q ? ilike(tasks.title, `%${q.q}%`) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(tasks).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
