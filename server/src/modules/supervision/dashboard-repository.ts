import { and, asc, between, eq, or, sql, sum, type SQL } from 'drizzle-orm';
import { scopesOf, sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CaseDayFact } from '../cases/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { supervisionDashboardDays as d } from './tables.ts';

/** The SQL of 领导驾驶舱's pre-aggregated day rows: replacing a range of days, and the grouped sums read back. */
/** The rows of the actor's scope for `supervision.dashboard.read`: each grant's region subtree, and its department if bound. */
function scopeWhere(ctx: Ctx): SQL | undefined {
  const { all, scopes } = scopesOf(ctx.actor, P.dashboard);
  if (all) return undefined;
  if (scopes.length === 0) return sql`false`;
  const parts = scopes.map(
    (s) => and(sqlRegionWithin(d.regionPath, s.regionPath), s.departmentId ? eq(d.departmentId, s.departmentId) : undefined) ?? sql`true`,
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
};
export type Sums = { [K in keyof typeof sums]?: number | null };

export const groupColumns = {
  department: { key: d.departmentId, name: d.departmentName },
  item: { key: d.implementationCode, name: d.itemName },
  region: { key: d.regionPath, name: d.regionPath },
} as const;

/** Replaces the rows of the days [from, to] with the recounted facts, in one transaction (the view never sees a half-written day). */
export async function replaceDashboardDays(ctx: Ctx, from: string, to: string, facts: CaseDayFact[]): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(d).where(between(d.day, from, to));
    for (let i = 0; i < facts.length; i += 500) await tx.insert(d).values(facts.slice(i, i + 500));
  });
}

/** The sums of [from, to] in the actor's scope: in total, per group, and per day (or month). */
export async function dashboardSums(ctx: Ctx, q: { from: string; to: string; groupBy: keyof typeof groupColumns }, daily: boolean) {
  const db = ctx.database.db;
  const where = and(between(d.day, q.from, q.to), scopeWhere(ctx));
  const g = groupColumns[q.groupBy];
  const period = daily ? d.day : sql<string>`substr(${d.day}, 1, 7)`;
  const [[total], groups, trend] = await Promise.all([
    db.select(sums).from(d).where(where),
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
  ]);
  return { total, groups, trend };
}
