import { and, desc, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { cappedTotal, cappedTotalColumn, offsetOf, totalAlone } from '../../platform/db/paging.ts';
import { pageWithKeptTotal } from '../../platform/db/page-totals.ts';
import { cases, disclosedSql } from './tables.ts';

/** What 办件公示 shows of a concluded case (lists.ts publicDisclosure): nothing else is read. */
const disclosedColumns = {
  caseNo: cases.caseNo,
  itemName: cases.itemName,
  departmentName: cases.departmentName,
  applicantKind: cases.applicantKind,
  applicantName: cases.applicantName,
  status: cases.status,
  outcome: cases.outcome,
  submittedOn: cases.submittedOn,
  concludedOn: cases.concludedOn,
};

/**
 * 办件公示's page: newest conclusion first (cases_disclosure_idx), the count capped and kept
 * between requests (a public list must not count a year of cases per visit).
 */
export async function disclosurePage(db: Executor, q: { page: number; pageSize: number; q?: string }, opts: { totalMaxAgeMs: number }) {
  const where = and(
    // Literal, exactly as in cases_disclosure_idx's predicate, so the planner can use it.
    sql.raw(`"cases"."status" IN (${disclosedSql})`),
    q.q ? or(like(cases.caseNo, `${q.q}%`), like(cases.itemName, `%${q.q}%`), like(cases.departmentName, `%${q.q}%`)) : undefined,
  );
  const { rows, total } = await pageWithKeptTotal({
    database: db,
    key: `disclosure|${q.q ?? ''}`,
    maxAgeMs: opts.totalMaxAgeMs,
    page: q.page,
    pageSize: q.pageSize,
    read: () => db.select(disclosedColumns).from(cases).where(where).orderBy(desc(cases.concludedOn), desc(cases.caseNo)).limit(q.pageSize).offset(offsetOf(q)),
    count: () => totalAlone(db, cappedTotalColumn(cases, where)),
  });
  return { rows, ...cappedTotal(total) };
}
