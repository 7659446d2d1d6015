import { and, asc, between, eq, or, sql, sum, type AnyColumn, type SQL } from 'drizzle-orm';
import { scopesOf, sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CaseDayFact } from '../cases/index.ts';
import type { EvaluationDayFact } from '../evaluation/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { supervisionDashboardDays as d, supervisionDashboardEvaluationDays as e } from './tables.ts';

/** The SQL of 领导驾驶舱's pre-aggregated day rows: replacing a range of days, and the grouped sums read back. */
/** The rows of the actor's scope for `supervision.dashboard.read`: each grant's region subtree, and its department if bound. */
function scopeWhere(ctx: Ctx, t: { regionPath: AnyColumn; departmentId: AnyColumn } = d): SQL | undefined {
  const { all, scopes } = scopesOf(ctx.actor, P.dashboard);
  if (all) return undefined;
  if (scopes.length === 0) return sql`false`;
  const parts = scopes.map(
    (s) => and(sqlRegionWithin(t.regionPath, s.regionPath), s.departmentId ? eq(t.departmentId, s.departmentId) : undefined) ?? sql`true`,
  );
  return or(...parts);
}

export const sums = {
  received: sum(d.received).mapWith(Number),
  online: sql<number>`coalesce(sum(case when ${d.channel} = 'online' then ${d.received} else 0 end), 0)`.mapWith(Number),
  concluded: sum(d.concluded).mapWith(Number),
  onTime: sum(d.concludedOnTime).mapWith(Number),
  workingDays: sum(d.workingDaysSum).mapWith(Number),
  promisedDays: sum(d.promisedDaysSum).mapWith(Number),
  statutoryDays: sum(d.statutoryDaysSum).mapWith(Number),
  zeroVisit: sum(d.zeroVisit).mapWith(Number),
  oneVisit: sum(d.oneVisit).mapWith(Number),
};
export type Sums = { [K in keyof typeof sums]?: number | null };

export const evaluationSums = {
  evaluations: sum(e.evaluations).mapWith(Number),
  satisfied: sum(e.satisfied).mapWith(Number),
  bad: sum(e.bad).mapWith(Number),
  levelSum: sum(e.levelSum).mapWith(Number),
};
export type EvaluationSums = { [K in keyof typeof evaluationSums]?: number | null };

const evaluationGroupColumns = {
  department: { key: e.departmentId, name: e.departmentName },
  item: { key: e.implementationCode, name: e.itemName },
  region: { key: e.regionPath, name: e.regionPath },
} as const;

export const groupColumns = {
  department: { key: d.departmentId, name: d.departmentName },
  item: { key: d.implementationCode, name: d.itemName },
  region: { key: d.regionPath, name: d.regionPath },
} as const;

/** Replaces the rows of the days [from, to] with the recounted facts, in one transaction (the view never sees a half-written day). */
export async function replaceDashboardDays(ctx: Ctx, from: string, to: string, facts: CaseDayFact[], evaluationFacts: EvaluationDayFact[]): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(d).where(between(d.day, from, to));
    for (let i = 0; i < facts.length; i += 500) await tx.insert(d).values(facts.slice(i, i + 500));
    await tx.delete(e).where(between(e.day, from, to));
    for (let i = 0; i < evaluationFacts.length; i += 500) await tx.insert(e).values(evaluationFacts.slice(i, i + 500));
  });
}

/**
 * The sums of [from, to] in the actor's scope: in total, per group, and per day (or month), for the
 * cases and the evaluations; and the totals of the period before (`previous`) for the comparison.
 */
export async function dashboardSums(
  ctx: Ctx,
  q: { from: string; to: string; groupBy: keyof typeof groupColumns },
  daily: boolean,
  previous: { from: string; to: string },
) {
  const db = ctx.database.db;
  const where = and(between(d.day, q.from, q.to), scopeWhere(ctx));
  const whereE = and(between(e.day, q.from, q.to), scopeWhere(ctx, e));
  const g = groupColumns[q.groupBy];
  const ge = evaluationGroupColumns[q.groupBy];
  const period = daily ? d.day : sql<string>`substr(${d.day}, 1, 7)`;
  const periodE = daily ? e.day : sql<string>`substr(${e.day}, 1, 7)`;
  // Current and previous totals in one statement each (filtered sums over both periods).
  const both = (col: AnyColumn) => or(between(col, q.from, q.to), between(col, previous.from, previous.to));
  const inPrev = (col: AnyColumn) => sql`${col} between ${previous.from} and ${previous.to}`;
  const [caseTotals, groups, trend, evaluationTotals, evaluationGroups, evaluationTrend] = await Promise.all([
    db
      .select({ previous: sql<boolean>`${inPrev(d.day)}`, ...sums })
      .from(d)
      .where(and(both(d.day), scopeWhere(ctx)))
      .groupBy(sql`1`),
    db
      .select({ key: g.key, name: sql<string>`min(${g.name})`, ...sums })
      .from(d)
      .where(where)
      .groupBy(g.key),
    db
      .select({ period: sql<string>`${period}`, ...sums })
      .from(d)
      .where(where)
      .groupBy(period)
      .orderBy(asc(period)),
    db
      .select({ previous: sql<boolean>`${inPrev(e.day)}`, ...evaluationSums })
      .from(e)
      .where(and(both(e.day), scopeWhere(ctx, e)))
      .groupBy(sql`1`),
    db
      .select({ key: ge.key, name: sql<string>`min(${ge.name})`, ...evaluationSums })
      .from(e)
      .where(whereE)
      .groupBy(ge.key),
    db
      .select({ period: sql<string>`${periodE}`, ...evaluationSums })
      .from(e)
      .where(whereE)
      .groupBy(periodE),
  ]);
  return {
    total: caseTotals.find((r) => !r.previous),
    previousTotal: caseTotals.find((r) => r.previous),
    groups,
    trend,
    evaluationTotal: evaluationTotals.find((r) => !r.previous),
    evaluationPreviousTotal: evaluationTotals.find((r) => r.previous),
    evaluationGroups,
    evaluationTrend,
  };
}
