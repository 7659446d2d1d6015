import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { cases, terminalSql } from './tables.ts';

/** Open cases, literal exactly as cases_open_idx's predicate so the planner can use it (a parameter list read all 1,000,000 cases: 0.9 s). */
const openCase = sql.raw(`"cases"."status" NOT IN (${terminalSql})`);
import type { CaseScope } from './repository.ts';

// 电子监察's queries over cases: the groups the bars are counted from, and the cases behind one bar.
// The light itself is never decided here: the service applies caseLight to each group.

function inScopes(scopes: readonly CaseScope[] | 'all'): SQL | undefined {
  if (scopes === 'all') return undefined;
  return sql`(${sql.join(
    scopes.map((s) => and(sqlRegionWithin(cases.regionPath, s.regionPath), s.departmentId ? eq(cases.departmentId, s.departmentId) : undefined) ?? sql`true`),
    sql` or `,
  )})`;
}

/** A due date in a region: for an open case that is not paused, these two decide its light. */
export interface DuePair {
  dueDate: string;
  regionPath: string;
}

export const supervisionCaseRepo = {
  /** Open cases in scope grouped by what their light depends on (department, status, paused, cached light, due date, region). */
  async lightGroups(db: Executor, scopes: readonly CaseScope[] | 'all', departmentId?: string) {
    return db
      .select({
        departmentId: cases.departmentId,
        departmentName: cases.departmentName,
        status: cases.status,
        paused: cases.paused,
        light: cases.light,
        dueDate: cases.dueDate,
        regionPath: cases.regionPath,
        n: count(),
      })
      .from(cases)
      .where(and(inScopes(scopes), openCase, departmentId ? eq(cases.departmentId, departmentId) : undefined))
      .groupBy(cases.departmentId, cases.departmentName, cases.paused, cases.light, cases.dueDate, cases.regionPath, cases.status);
  },
  /**
   * One page of the open cases of a department in scope: the paused ones (`paused: true`), or those
   * running with a (due date, region) in `pairs`. Most overdue first.
   */
  async page(
    db: Executor,
    scopes: readonly CaseScope[] | 'all',
    f: { departmentId: string; paused: boolean; pairs: DuePair[] },
    q: { page: number; pageSize: number },
  ) {
    if (!f.paused && f.pairs.length === 0) return { rows: [], total: 0 };
    const where = and(
      inScopes(scopes),
      openCase,
      eq(cases.departmentId, f.departmentId),
      eq(cases.paused, f.paused),
      f.paused
        ? undefined
        : sql`(${cases.dueDate}, ${cases.regionPath}) in (${sql.join(
            f.pairs.map((p) => sql`(${p.dueDate}, ${p.regionPath})`),
            sql`, `,
          )})`,
    );
    const [rows, [total]] = await Promise.all([
      db.select().from(cases).where(where).orderBy(asc(cases.dueDate), asc(cases.submittedAt), asc(cases.caseNo)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(cases).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
