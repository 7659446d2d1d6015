import { and, asc, count, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { supervisionUrges as urges } from './tables.ts';

export type UrgeRow = typeof urges.$inferSelect;
export type UrgeInsert = typeof urges.$inferInsert;

/** Who sees which urges: issuers by region (and department), units by their department, superiors by escalation. */
export interface UrgeVisibility {
  /** 'all', or the scopes of the actor's urge grants. */
  issuer: 'all' | { regionPath: string; departmentId: string | null }[];
  units: { departmentId: string; regionPath: string }[];
  escalatedTo: string[];
}

function visible(v: UrgeVisibility): SQL {
  if (v.issuer === 'all') return sql`true`;
  const parts: SQL[] = [
    ...v.issuer.map((s) => and(sqlRegionWithin(urges.regionPath, s.regionPath), s.departmentId ? eq(urges.departmentId, s.departmentId) : undefined)!),
    ...v.units.map((u) => and(eq(urges.departmentId, u.departmentId), sqlRegionWithin(urges.regionPath, u.regionPath))!),
  ];
  if (v.escalatedTo.length) parts.push(inArray(urges.escalatedToDepartmentId, v.escalatedTo));
  return parts.length ? or(...parts)! : sql`false`;
}

export const urgeRepo = {
  async insert(db: Executor, row: UrgeInsert) {
    const [stored] = await db.insert(urges).values(row).returning();
    return stored!;
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(urges).where(eq(urges.id, id));
    return row;
  },
  async lock(db: Executor, id: string) {
    const [row] = await db.select().from(urges).where(eq(urges.id, id)).for('update');
    return row;
  },
  /** The urge of a case still waiting for its answer (open or escalated), if any. */
  async unansweredOfCase(db: Executor, caseNo: string) {
    const [row] = await db
      .select()
      .from(urges)
      .where(and(eq(urges.caseNo, caseNo), eq(urges.subjectType, 'case'), inArray(urges.status, ['open', 'escalated'])))
      .limit(1);
    return row;
  },
  /** The urge of a rectification still waiting for its answer, if any. */
  async unansweredOfRectification(db: Executor, rectificationId: string) {
    const [row] = await db
      .select()
      .from(urges)
      .where(and(eq(urges.rectificationId, rectificationId), eq(urges.subjectType, 'rectification'), inArray(urges.status, ['open', 'escalated'])))
      .limit(1);
    return row;
  },
  async update(db: Executor, id: string, version: number, patch: Partial<UrgeInsert>) {
    const [row] = await db
      .update(urges)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(urges.id, id), eq(urges.version, version)))
      .returning();
    return row;
  },
  /** Open urges whose answer was due before `today`: what the escalation job handles. */
  async overdue(db: Executor, today: string, limit = 500) {
    return db
      .select()
      .from(urges)
      .where(and(eq(urges.status, 'open'), lt(urges.dueDate, today)))
      .orderBy(asc(urges.dueDate))
      .limit(limit);
  },
  async list(db: Executor, v: UrgeVisibility, f: { box?: 'to-answer' | 'escalated'; status?: string; caseNo?: string }, q: { page: number; pageSize: number }) {
    const box =
      f.box === 'to-answer'
        ? v.units.length
          ? or(...v.units.map((u) => and(eq(urges.departmentId, u.departmentId), sqlRegionWithin(urges.regionPath, u.regionPath))!))
          : sql`false`
        : f.box === 'escalated'
          ? v.escalatedTo.length
            ? inArray(urges.escalatedToDepartmentId, v.escalatedTo)
            : sql`false`
          : undefined;
    const where = and(visible(v), box, f.status ? eq(urges.status, f.status as 'open') : undefined, f.caseNo ? eq(urges.caseNo, f.caseNo) : undefined);
    // Waiting ones first (escalated, then open by due date), answered ones after, newest first.
    const waitingFirst = sql`case ${urges.status} when 'escalated' then 0 when 'open' then 1 else 2 end`;
    const [rows, [total]] = await Promise.all([
      db.select().from(urges).where(where).orderBy(waitingFirst, asc(urges.dueDate), desc(urges.issuedAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(urges).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  /** The waiting urges (open or escalated) among these cases: what the drill-down marks. */
  async waitingOfCases(db: Executor, caseNos: string[]) {
    if (caseNos.length === 0) return [];
    return db
      .select({ id: urges.id, caseNo: urges.caseNo, status: urges.status, dueDate: urges.dueDate })
      .from(urges)
      .where(and(inArray(urges.caseNo, caseNos), eq(urges.subjectType, 'case'), inArray(urges.status, ['open', 'escalated'])));
  },
  /** The waiting urges among these rectifications. */
  async waitingOfRectifications(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: urges.id, rectificationId: urges.rectificationId, status: urges.status, dueDate: urges.dueDate })
      .from(urges)
      .where(and(inArray(urges.rectificationId, ids), eq(urges.subjectType, 'rectification'), inArray(urges.status, ['open', 'escalated'])));
  },
};
