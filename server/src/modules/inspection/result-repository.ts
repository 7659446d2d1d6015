import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { inspectionAssignments as assignments, inspectionResults as results, inspectionTasks as tasks } from './tables.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type ResultRow = typeof results.$inferSelect;

/** The entities a draw assigned to inspectors (检查对象与检查人员). */
export const assignmentRepo = {
  async find(db: Executor, id: string): Promise<AssignmentRow | undefined> {
    const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
    return row;
  },
  /** Active assignments of an inspector, newest task first. */
  async pageOfInspector(db: Executor, inspectorId: string, q: { page: number; pageSize: number }): Promise<{ rows: AssignmentRow[]; total: number }> {
    const where = and(eq(assignments.active, true), sql`${assignments.inspectorIds} @> ${JSON.stringify([inspectorId])}::jsonb`);
    const [rows, [total]] = await Promise.all([
      db.select().from(assignments).where(where).orderBy(desc(assignments.taskId), asc(assignments.seq)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(assignments).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  /** A task's assignments in draw order: of one draw, or the active ones; matching name or USCC. */
  async pageOfTask(
    db: Executor,
    taskId: string,
    q: { page: number; pageSize: number; drawId?: string; q?: string },
  ): Promise<{ rows: AssignmentRow[]; total: number }> {
    const where = and(
      eq(assignments.taskId, taskId),
      q.drawId ? eq(assignments.drawId, q.drawId) : eq(assignments.active, true),
      q.q ? or(ilike(assignments.entityName, `%${q.q}%`), eq(assignments.uscc, q.q.toUpperCase())) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(assignments).where(where).orderBy(asc(assignments.seq)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(assignments).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  ofDraw(db: Executor, drawId: string): Promise<AssignmentRow[]> {
    return db.select().from(assignments).where(eq(assignments.drawId, drawId)).orderBy(asc(assignments.seq));
  },
  /** Who was assigned what in these draws (recent-task recusal). */
  ofDraws(db: Executor, drawIds: string[]): Promise<{ uscc: string; inspectorIds: string[] }[]> {
    return db.select({ uscc: assignments.uscc, inspectorIds: assignments.inspectorIds }).from(assignments).where(inArray(assignments.drawId, drawIds));
  },
  async deactivateDraw(db: Executor, drawId: string): Promise<void> {
    await db.update(assignments).set({ active: false }).where(eq(assignments.drawId, drawId));
  },
  /** Active assignments of the task without a result. */
  async openCount(db: Executor, taskId: string): Promise<number> {
    const [row] = await db
      .select({ open: count() })
      .from(assignments)
      .leftJoin(results, eq(results.assignmentId, assignments.id))
      .where(and(eq(assignments.taskId, taskId), eq(assignments.active, true), isNull(results.id)));
    return row?.open ?? 0;
  },
};

/** Inspection results (检查结果) and their disclosure. */
export const resultRepo = {
  async existsFor(db: Executor, assignmentId: string): Promise<boolean> {
    const [row] = await db.select({ id: results.id }).from(results).where(eq(results.assignmentId, assignmentId));
    return !!row;
  },
  /** Marks the penalty decided on a result (its document number and date; a later one replaces it). */
  async setPenalty(db: Executor, id: string, documentNo: string, decidedOn: string): Promise<void> {
    await db.update(results).set({ penaltyDocumentNo: documentNo, penaltyDecidedOn: decidedOn }).where(eq(results.id, id));
  },
  ofAssignments(db: Executor, assignmentIds: string[]): Promise<ResultRow[]> {
    return db.select().from(results).where(inArray(results.assignmentId, assignmentIds));
  },
  ofTask(db: Executor, taskId: string): Promise<ResultRow[]> {
    return db.select().from(results).where(eq(results.taskId, taskId)).orderBy(asc(results.recordedAt));
  },
  async countOfDraw(db: Executor, drawId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(results)
      .innerJoin(assignments, eq(assignments.id, results.assignmentId))
      .where(eq(assignments.drawId, drawId));
    return row?.n ?? 0;
  },
  async insert(db: Executor, row: typeof results.$inferInsert): Promise<void> {
    await db.insert(results).values(row);
  },
  /** Marks the task's undisclosed results disclosed; answers their ids. */
  discloseTask(db: Executor, taskId: string, at: Date): Promise<{ id: string }[]> {
    return db
      .update(results)
      .set({ disclosedAt: at })
      .where(and(eq(results.taskId, taskId), isNull(results.disclosedAt)))
      .returning({ id: results.id });
  },
  /** Undisclosed, not yet warned results due by `limit`, with their task's title and planner. */
  dueForWarning(db: Executor, limit: string) {
    return db
      .select({
        id: results.id,
        taskId: results.taskId,
        uscc: results.uscc,
        disclosureDue: results.disclosureDue,
        createdBy: tasks.createdBy,
        title: tasks.title,
      })
      .from(results)
      .innerJoin(tasks, eq(tasks.id, results.taskId))
      .where(and(isNull(results.disclosedAt), isNull(results.warnedAt), sql`${results.disclosureDue} <= ${limit}`));
  },
  async markWarned(db: Executor, id: string, at: Date): Promise<void> {
    await db.update(results).set({ warnedAt: at }).where(eq(results.id, id));
  },
  /** Disclosed results of these tasks with the entity names, in draw order (the portal). */
  disclosedOfTasks(db: Executor, taskIds: string[]) {
    return db
      .select({
        taskId: results.taskId,
        uscc: results.uscc,
        entityName: assignments.entityName,
        inspectedOn: results.inspectedOn,
        outcome: results.outcome,
        followUp: results.followUp,
        disclosedAt: results.disclosedAt,
      })
      .from(results)
      .innerJoin(assignments, eq(assignments.id, results.assignmentId))
      .where(and(inArray(results.taskId, taskIds), sql`${results.disclosedAt} is not null`))
      .orderBy(asc(assignments.seq));
  },
};
