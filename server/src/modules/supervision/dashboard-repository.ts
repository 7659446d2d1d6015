import { and, asc, between, eq, or, sql, sum, type AnyColumn, type SQL } from 'drizzle-orm';
import { scopesOf, sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CaseDayFact } from '../cases/index.ts';
import type { EvaluationDayFact } from '../evaluation/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { splitByMonths } from './dashboard-months.ts';
import {
  supervisionDashboardDays as d,
  supervisionDashboardEvaluationDays as e,
  supervisionDashboardEvaluationMonths as em,
  supervisionDashboardMonths as m,
} from './tables.ts';

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

type Range = { from: string; to: string };
const caseNumbers = ['received', 'concluded', 'concludedOnTime', 'workingDaysSum', 'promisedDaysSum', 'statutoryDaysSum', 'zeroVisit', 'oneVisit'] as const;
const evaluationNumbers = ['evaluations', 'satisfied', 'bad', 'levelSum'] as const;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The select list of one branch of a row source: the period (a day or a month), the previous-period flag, the keys and the counts. */
function fieldsOf(t: typeof d | typeof m | typeof e | typeof em, period: AnyColumn, previous: boolean, numbers: readonly string[]) {
  const cols = t as unknown as Record<string, AnyColumn>;
  const counts = Object.fromEntries(numbers.map((k) => [k, sql<number>`${cols[k]}`.as(snake(k))])) as Record<string, SQL.Aliased<number>>;
  return {
    period: sql<string>`${period}`.as('period'),
    previous: sql<boolean>`${sql.raw(previous ? 'true' : 'false')}`.as('previous'),
    departmentId: sql<string>`${cols.departmentId}`.as('department_id'),
    departmentName: sql<string>`${cols.departmentName}`.as('department_name'),
    implementationCode: sql<string>`${cols.implementationCode}`.as('implementation_code'),
    itemName: sql<string>`${cols.itemName}`.as('item_name'),
    regionPath: sql<string>`${cols.regionPath}`.as('region_path'),
    windowId: sql<string>`${cols.windowId}`.as('window_id'),
    windowLabel: sql<string>`${cols.windowLabel}`.as('window_label'),
    channel: sql<string>`${'channel' in cols ? cols.channel : sql.raw("'online'")}`.as('channel'),
    ...counts,
  };
}

/**
 * The rows of the periods in the actor's scope as one subquery: each period's whole months from
 * the month rows, its partial first and last months from the day rows (a `union all` of at most
 * two branches per period), flagged `previous` for the second period.
 */
function rowSource(ctx: Ctx, kind: 'cases' | 'evaluations', periods: { range: Range; previous: boolean }[]) {
  const db = ctx.database.db;
  const [days, months] = kind === 'cases' ? [d, m] : [e, em];
  const numbers = kind === 'cases' ? caseNumbers : evaluationNumbers;
  const branches = periods.flatMap(({ range, previous }) => {
    const split = splitByMonths(range.from, range.to);
    const out = [];
    if (split.days.length > 0)
      out.push(
        db
          .select(fieldsOf(days, days.day, previous, numbers))
          .from(days)
          .where(and(or(...split.days.map(([a, b]) => between(days.day, a, b))), scopeWhere(ctx, days))),
      );
    if (split.months)
      out.push(
        db
          .select(fieldsOf(months, months.month, previous, numbers))
          .from(months)
          .where(and(between(months.month, split.months[0], split.months[1]), scopeWhere(ctx, months))),
      );
    return out;
  });
  const [first, ...rest] = branches;
  const union = rest.reduce((q, r) => q.unionAll(r) as unknown as typeof q, first!);
  return union.as('src');
}

/** Replaces the rows of the days [from, to] with the recounted facts, and rebuilds the months they touch, in one transaction (the view never sees a half-written day). */
export async function replaceDashboardDays(ctx: Ctx, from: string, to: string, facts: CaseDayFact[], evaluationFacts: EvaluationDayFact[]): Promise<void> {
  const [m1, m2] = [from.slice(0, 7), to.slice(0, 7)];
  await ctx.database.db.transaction(async (tx) => {
    await tx.delete(d).where(between(d.day, from, to));
    for (let i = 0; i < facts.length; i += 500) await tx.insert(d).values(facts.slice(i, i + 500));
    await tx.delete(e).where(between(e.day, from, to));
    for (let i = 0; i < evaluationFacts.length; i += 500) await tx.insert(e).values(evaluationFacts.slice(i, i + 500));
    const month = sql<string>`substr(${d.day}, 1, 7)`;
    await tx.delete(m).where(between(m.month, m1, m2));
    await tx.insert(m).select(
      tx
        .select({
          month,
          windowId: d.windowId,
          windowLabel: sql<string>`min(${d.windowLabel})`.as('window_label'),
          departmentId: d.departmentId,
          departmentName: sql<string>`min(${d.departmentName})`.as('department_name'),
          implementationCode: d.implementationCode,
          itemName: sql<string>`min(${d.itemName})`.as('item_name'),
          regionPath: d.regionPath,
          channel: d.channel,
          ...Object.fromEntries(caseNumbers.map((k) => [k, sql<number>`sum(${d[k]})::int`.as(snake(k))])),
        } as never)
        .from(d)
        .where(between(d.day, `${m1}-01`, `${m2}-31`))
        .groupBy(month, d.departmentId, d.implementationCode, d.regionPath, d.channel, d.windowId) as never,
    );
    const monthE = sql<string>`substr(${e.day}, 1, 7)`;
    await tx.delete(em).where(between(em.month, m1, m2));
    await tx.insert(em).select(
      tx
        .select({
          month: monthE,
          windowId: e.windowId,
          windowLabel: sql<string>`min(${e.windowLabel})`.as('window_label'),
          departmentId: e.departmentId,
          departmentName: sql<string>`min(${e.departmentName})`.as('department_name'),
          implementationCode: e.implementationCode,
          itemName: sql<string>`min(${e.itemName})`.as('item_name'),
          regionPath: e.regionPath,
          ...Object.fromEntries(evaluationNumbers.map((k) => [k, sql<number>`sum(${e[k]})::int`.as(snake(k))])),
        } as never)
        .from(e)
        .where(between(e.day, `${m1}-01`, `${m2}-31`))
        .groupBy(monthE, e.departmentId, e.implementationCode, e.regionPath, e.windowId) as never,
    );
  });
}

const caseSums = (s: ReturnType<typeof rowSource>) => {
  const f = s as unknown as Record<string, AnyColumn>;
  return {
    received: sum(f.received!).mapWith(Number),
    online: sql<number>`coalesce(sum(case when ${f.channel} = 'online' then ${f.received} else 0 end), 0)`.mapWith(Number),
    concluded: sum(f.concluded!).mapWith(Number),
    onTime: sum(f.concludedOnTime!).mapWith(Number),
    workingDays: sum(f.workingDaysSum!).mapWith(Number),
    promisedDays: sum(f.promisedDaysSum!).mapWith(Number),
    statutoryDays: sum(f.statutoryDaysSum!).mapWith(Number),
    zeroVisit: sum(f.zeroVisit!).mapWith(Number),
    oneVisit: sum(f.oneVisit!).mapWith(Number),
  };
};
export type Sums = { [K in keyof ReturnType<typeof caseSums>]?: number | null };

const evaluationSums = (s: ReturnType<typeof rowSource>) => {
  const f = s as unknown as Record<string, AnyColumn>;
  return {
    evaluations: sum(f.evaluations!).mapWith(Number),
    satisfied: sum(f.satisfied!).mapWith(Number),
    bad: sum(f.bad!).mapWith(Number),
    levelSum: sum(f.levelSum!).mapWith(Number),
  };
};
export type EvaluationSums = { [K in keyof ReturnType<typeof evaluationSums>]?: number | null };

/** The counts of grouped rows added up (the keys and names skipped). */
function addUp<T extends Record<string, unknown>>(rows: T[]): T | undefined {
  if (rows.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'key' && k !== 'name') out[k] = (out[k] ?? 0) + Number(v ?? 0);
  return out as T;
}

const groupKeys = {
  department: ['departmentId', 'departmentName'],
  item: ['implementationCode', 'itemName'],
  region: ['regionPath', 'regionPath'],
  window: ['windowId', 'windowLabel'],
} as const;

/**
 * The sums of [from, to] in the actor's scope: in total, per group, and per day (or month), for the
 * cases and the evaluations; and the totals of the period before (`previous`) for the comparison.
 * Whole months are read from the month rows, the rest from the day rows (`rowSource`).
 */
export async function dashboardSums(ctx: Ctx, q: Range & { groupBy: keyof typeof groupKeys }, daily: boolean, previous: Range) {
  const db = ctx.database.db;
  const current = [{ range: q, previous: false }];
  // The current period's totals are the sum of its groups (every row is in exactly one group): only the previous period's are queried.
  const before = [{ range: previous, previous: true }];
  const grouped = async (kind: 'cases' | 'evaluations') => {
    const s = rowSource(ctx, kind, current);
    const f = s as unknown as Record<string, AnyColumn>;
    const [key, name] = groupKeys[q.groupBy];
    const sums = kind === 'cases' ? caseSums(s) : evaluationSums(s);
    return db
      .select({ key: sql<string>`${f[key]}`, name: sql<string>`min(${f[name]})`, ...sums })
      .from(s)
      .groupBy(sql`${f[key]}`);
  };
  const totals = async (kind: 'cases' | 'evaluations') => {
    const s = rowSource(ctx, kind, before);
    const f = s as unknown as Record<string, AnyColumn>;
    const sums = kind === 'cases' ? caseSums(s) : evaluationSums(s);
    return db
      .select({ previous: sql<boolean>`${f.previous}`, ...sums })
      .from(s)
      .groupBy(sql`${f.previous}`);
  };
  // A daily trend (at most 62 days) reads the day rows; a monthly one the month rows and the partial months' days.
  const trend = async (kind: 'cases' | 'evaluations') => {
    if (daily) {
      const t = kind === 'cases' ? d : e;
      const sums = kind === 'cases' ? caseSums(t as never) : evaluationSums(t as never);
      return db
        .select({ period: t.day, ...sums })
        .from(t)
        .where(and(between(t.day, q.from, q.to), scopeWhere(ctx, t)))
        .groupBy(t.day)
        .orderBy(asc(t.day));
    }
    const s = rowSource(ctx, kind, current);
    const f = s as unknown as Record<string, AnyColumn>;
    const period = sql<string>`substr(${f.period}, 1, 7)`;
    const sums = kind === 'cases' ? caseSums(s) : evaluationSums(s);
    return db
      .select({ period, ...sums })
      .from(s)
      .groupBy(period)
      .orderBy(asc(period));
  };
  const [caseTotals, groups, caseTrend, evaluationTotals, evaluationGroups, evaluationTrend] = await Promise.all([
    totals('cases'),
    grouped('cases'),
    trend('cases'),
    totals('evaluations'),
    grouped('evaluations'),
    trend('evaluations'),
  ]);
  const c = caseTotals as ({ previous: boolean } & Sums)[];
  const ev = evaluationTotals as ({ previous: boolean } & EvaluationSums)[];
  return {
    total: addUp(groups as Sums[]),
    previousTotal: c.find((r) => r.previous),
    groups: groups as ({ key: string; name: string } & Sums)[],
    trend: caseTrend as ({ period: string } & Sums)[],
    evaluationTotal: addUp(evaluationGroups as EvaluationSums[]),
    evaluationPreviousTotal: ev.find((r) => r.previous),
    evaluationGroups: evaluationGroups as ({ key: string; name: string } & EvaluationSums)[],
    evaluationTrend: evaluationTrend as ({ period: string } & EvaluationSums)[],
  };
}
