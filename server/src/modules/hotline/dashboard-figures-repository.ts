import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { rawRows } from '../../platform/db/index.ts';
import { ticketScopeSql } from './repository.ts';
import { ROLLUP_WITH_DELTAS } from './rollup-repository.ts';
import { hotlineDailyStats as d } from './tables.ts';

/** The hotline's 三率 counts of a period: tickets, signed (answered by a unit), concluded and on time, followed up and resolved, satisfaction. */
export interface HotlineDashboardCounts {
  tickets: number;
  signed: number;
  concluded: number;
  concludedOnTime: number;
  followed: number;
  solved: number;
  satisfactionSum: number;
  satisfactionN: number;
}

const aggregates = sql`coalesce(sum(tickets), 0)::int as "tickets", coalesce(sum(signed), 0)::int as "signed",
  coalesce(sum(concluded), 0)::int as "concluded", coalesce(sum(concluded_on_time), 0)::int as "concludedOnTime",
  coalesce(sum(followed), 0)::int as "followed", coalesce(sum(solved), 0)::int as "solved",
  coalesce(sum(satisfaction_sum), 0)::int as "satisfactionSum", coalesce(sum(satisfaction_n), 0)::int as "satisfactionN"`;

/**
 * 领导驾驶舱: the hotline's counts of the tickets taken in [from, to] held by units in `scope` (the
 * caller's grants: region subtree and, when bound, department), from the daily rollup (with its
 * unfolded deltas): in total, and per holding unit's department when `byDepartment`. The caller
 * checks its own permission; this module's statistics permission is not asked.
 */
export async function hotlineDashboardCounts(
  ctx: Ctx,
  q: { from: string; to: string; scope: { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] }; byDepartment: boolean },
): Promise<{ total: HotlineDashboardCounts; departments: (HotlineDashboardCounts & { departmentId: string })[] }> {
  const db = ctx.database.db;
  const scope = ticketScopeSql(q.scope.all, q.scope.scopes, { path: d.unitRegionPath, department: d.unitDepartmentId });
  const where = sql`day between ${q.from} and ${q.to}${scope ? sql` and ${scope}` : sql``}`;
  const [[total], departments] = await Promise.all([
    rawRows<HotlineDashboardCounts>(db, sql`select ${aggregates} from ${ROLLUP_WITH_DELTAS} where ${where}`),
    q.byDepartment
      ? rawRows<HotlineDashboardCounts & { departmentId: string }>(
          db,
          sql`select unit_department_id::text as "departmentId", ${aggregates} from ${ROLLUP_WITH_DELTAS} where ${where} and unit_department_id is not null group by 1`,
        )
      : Promise.resolve([]),
  ]);
  return { total: total!, departments };
}
