import { and, arrayContains, asc, desc, eq, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { union, unionAll } from 'drizzle-orm/pg-core';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { cappedCount, cappedTotal, offsetOf, pageTotal, pageTotalCap, type CappedTotal } from '../../platform/db/paging.ts';
import { summaryColumns, type CaseSummaryRow, type StepScope } from './repository.ts';
import { cases, staffWaitingSql } from './tables.ts';

/** What the to-do list shows of each case (lists.ts summaries), and step_due_date for its order. */
const todoColumns = { ...summaryColumns, stepDueDate: cases.stepDueDate };

/** 会签: the case has open branches (as in cases_todo_branches_v2_idx's predicate), or none (as in the todo indexes'). */
const hasOpenBranches = sql`cardinality(${sql.raw('"cases"."open_branches"')}) > 0`;
const noOpenBranches = sql`cardinality(${sql.raw('"cases"."open_branches"')}) = 0`;

interface TodoPageQuery {
  page: number;
  pageSize: number;
  light?: string;
  assigned?: 'me';
  sort?: 'due' | 'submitted' | '-submitted';
  q?: string;
}

/**
 * The to-do list: open cases waiting for staff, at the given (role, scope) pairs, unassigned or
 * assigned to me; most urgent first; the total stops counting past the cap (paging.ts cappedTotal).
 *
 * One statement, written so that PostgreSQL reads no more than the page (issue 12: at 1,000,000
 * cases a window clerk's page read and counted all 30,000 open cases of the role, 0.3–0.5 s). The
 * scopes' OR is a union of one select per (scope, kind): a case without open branches is found by
 * its step's role (cases_todo_*_v5_idx, whose key order is the list's, so each select walks the
 * index and stops after offset + page size), a case with open branches by their keys (the small
 * GIN index). The page is the first rows of their merge; the total is the count of their union,
 * each select stopped after cap + 1 (an index-only scan: the v5 indexes hold every column the
 * filter reads, and id). Past the cap one select alone has more than cap rows, so the union does
 * too; below it nothing was cut and the count is exact. With one scope the selects are disjoint
 * (no branches / branches) and UNION ALL spares the de-duplication.
 */
export async function todoPage(
  db: Executor,
  scopes: readonly StepScope[],
  me: string | null,
  q: TodoPageQuery,
): Promise<{ rows: CaseSummaryRow[] } & CappedTotal> {
  if (scopes.length === 0) return { rows: [], total: 0, totalCapped: false };
  if (q.assigned === 'me' && !me) return { rows: [], total: 0, totalCapped: false };
  const common = and(
    // Literal, exactly as in the partial indexes' predicate, so the planner can use them.
    sql.raw(`${'"cases"."status"'} NOT IN (${staffWaitingSql})`),
    q.assigned === 'me' && me ? eq(cases.assigneeId, me) : me ? or(isNull(cases.assigneeId), eq(cases.assigneeId, me)) : isNull(cases.assigneeId),
    q.light ? eq(cases.light, q.light as 'green') : undefined,
    q.q ? or(like(cases.caseNo, `${q.q}%`), like(cases.itemName, `%${q.q}%`), like(cases.applicantName, `%${q.q}%`)) : undefined,
  );
  const branches: SQL[] = [
    ...scopes.map((s) =>
      and(
        eq(cases.stepRole, s.role),
        s.departmentId ? eq(cases.departmentId, s.departmentId) : undefined,
        sqlRegionWithin(cases.regionPath, s.regionPath),
        noOpenBranches,
        common,
      )!,
    ),
    // 会签: a case with open branches is on the lists of their holders (workflow/countersign.ts `openBranchKeys`), in the case's region.
    ...scopes.map((s) =>
      and(
        hasOpenBranches,
        arrayContains(cases.openBranches, [s.departmentId ? `${s.departmentId}:${s.role}` : s.role]),
        sqlRegionWithin(cases.regionPath, s.regionPath),
        common,
      )!,
    ),
  ];
  // Fast-lane first, in the todo indexes' exact order (fast_lane DESC NULLS LAST) so they serve it.
  const orderOf = (c: typeof todoColumns) =>
    q.sort === 'submitted'
      ? [asc(c.submittedAt)]
      : q.sort === '-submitted'
        ? [desc(c.submittedAt)]
        : [sql`${c.fastLane} DESC NULLS LAST`, asc(c.dueDate), asc(c.stepDueDate), asc(c.submittedAt)];
  const merge = scopes.length === 1 ? unionAll : union;
  const [first, second, ...rest] = branches.map((w) =>
    db
      .select(todoColumns)
      .from(cases)
      .where(w)
      .orderBy(...orderOf(todoColumns))
      .limit(offsetOf(q) + q.pageSize),
  );
  const todo = merge(first!, second!, ...rest).as('todo');
  const [c1, c2, ...cr] = branches.map((w) =>
    db
      .select({ id: cases.id })
      .from(cases)
      .where(w)
      .limit(pageTotalCap() + 1),
  );
  const total = cappedCount(merge(c1!, c2!, ...cr));
  const fields = Object.fromEntries(Object.keys(todoColumns).map((k) => [k, todo[k as keyof typeof todoColumns]])) as unknown as typeof todoColumns;
  const rows = await db
    .select({ ...fields, total })
    .from(todo)
    .orderBy(...orderOf(fields))
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const counted = await pageTotal(rows[0], q, async () => (await db.select({ n: total }).from(sql`(select 1) one`))[0]?.n ?? 0);
  return { rows: rows as CaseSummaryRow[], ...cappedTotal(counted) };
}
