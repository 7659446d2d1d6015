import type { z } from 'zod';
import { scopesOf } from '../../platform/auth/index.ts';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { hotlineDashboardCounts, type HotlineDashboardCounts } from '../hotline/index.ts';
import { listAllRegions } from '../org/index.ts';
import { dashboardSums, type EvaluationSums, type Sums } from './dashboard-repository.ts';
import type { DashboardQuery, DashboardView } from './dashboard-schemas.ts';
import { supervisionPermissions as P } from './policy.ts';

type View = z.infer<typeof DashboardView>;
type Figures = View['totals'];
type Hotline = View['hotline'];

/** Trend points per day up to this many days in the period, per month beyond. */
export const DAILY_TREND_MAX_DAYS = 62;

const ratio = (a: number, b: number, digits = 4) => (b === 0 ? null : Math.round((a / b) * 10 ** digits) / 10 ** digits);
const n = (v: number | null | undefined) => Number(v ?? 0);

/** The shown figures of summed rows: shares and rates 0–1 (null with nothing to divide by), averages in working days (or levels) to one decimal. */
export function figuresOf(s: Sums, e: EvaluationSums = {}): Figures {
  const concluded = n(s.concluded);
  const received = n(s.received);
  const evaluations = n(e.evaluations);
  return {
    received,
    onlineReceived: n(s.online),
    onlineShare: ratio(n(s.online), received),
    zeroVisit: n(s.zeroVisit),
    zeroVisitShare: ratio(n(s.zeroVisit), received),
    oneVisit: n(s.oneVisit),
    oneVisitShare: ratio(n(s.oneVisit), received),
    concluded,
    concludedOnTime: n(s.onTime),
    onTimeRate: ratio(n(s.onTime), concluded),
    avgWorkingDays: ratio(n(s.workingDays), concluded, 1),
    avgPromisedDays: ratio(n(s.promisedDays), concluded, 1),
    avgStatutoryDays: ratio(n(s.statutoryDays), concluded, 1),
    evaluations,
    badReviews: n(e.bad),
    satisfaction: ratio(n(e.satisfied), evaluations),
    avgLevel: ratio(n(e.levelSum), evaluations, 2),
  };
}

/** The hotline's 三率 (and the callers' satisfaction) of its counts. */
export function hotlineFiguresOf(c: Partial<HotlineDashboardCounts> | undefined): Hotline {
  return {
    tickets: n(c?.tickets),
    answeredRate: ratio(n(c?.signed), n(c?.tickets)),
    onTimeRate: ratio(n(c?.concludedOnTime), n(c?.concluded)),
    resolvedRate: ratio(n(c?.solved), n(c?.followed)),
    satisfaction: ratio(n(c?.satisfactionSum), n(c?.satisfactionN), 2),
  };
}

/** Every day (or month) of [from, to], so the trend shows the quiet ones as 0. */
export function periodsOf(from: string, to: string, daily: boolean): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    const p = daily ? day : day.slice(0, 7);
    if (out.at(-1) !== p) out.push(p);
  }
  return out;
}

/** The period of the same number of days ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { from: addCalendarDays(from, -days), to: addCalendarDays(from, -1) };
}

/**
 * 领导驾驶舱 (GET /api/workbench/dashboard): the figures of [from, to] in the actor's scope — cases
 * (received, online, visits, decided, on time, working days), 好差评 satisfaction and the hotline's
 * 三率 — in total, per group (department, item, region or service window; most received first), as a trend (per day,
 * or per month for a period longer than 62 days), and the totals of the period before. Read from
 * the pre-aggregated day rows (and the hotline's rollup): a fixed number of grouped queries however
 * many cases there are.
 */
/** The window group of the cases filed online (and window cases that named no window), and their evaluations. */
export const NO_WINDOW = '未记录窗口（网上申请等）';

export async function dashboard(ctx: Ctx, q: z.infer<typeof DashboardQuery>): Promise<View> {
  const daily = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1 <= DAILY_TREND_MAX_DAYS;
  const previous = previousPeriod(q.from, q.to);
  const scope = scopesOf(ctx.actor, P.dashboard);
  const [sums, hotline, hotlineBefore, regions] = await Promise.all([
    dashboardSums(ctx, q, daily, previous),
    hotlineDashboardCounts(ctx, { ...q, scope, byDepartment: q.groupBy === 'department' }),
    hotlineDashboardCounts(ctx, { ...previous, scope, byDepartment: false }),
    q.groupBy === 'region' ? listAllRegions(ctx) : Promise.resolve([]),
  ]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const evaluationOf = new Map(sums.evaluationGroups.map((r) => [r.key, r]));
  const caseOf = new Map(sums.groups.map((r) => [r.key, r]));
  const hotlineOf = new Map(hotline.departments.map((r) => [r.departmentId, r]));
  const keys = [...new Set([...caseOf.keys(), ...evaluationOf.keys()])];
  const trendCases = new Map(sums.trend.map((r) => [r.period, r]));
  const trendEvaluations = new Map(sums.evaluationTrend.map((r) => [r.period, r]));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    trendUnit: daily ? 'day' : 'month',
    totals: figuresOf(sums.total ?? {}, sums.evaluationTotal ?? {}),
    hotline: hotlineFiguresOf(hotline.total),
    previous: {
      ...previous,
      totals: figuresOf(sums.previousTotal ?? {}, sums.evaluationPreviousTotal ?? {}),
      hotline: hotlineFiguresOf(hotlineBefore.total),
    },
    groups: keys
      .map((key) => {
        const name = caseOf.get(key)?.name ?? evaluationOf.get(key)?.name ?? key;
        return {
          key,
          name: q.groupBy === 'region' ? (regionName.get(key.split('/').at(-1)!) ?? key) : q.groupBy === 'window' && key === '' ? NO_WINDOW : name,
          ...figuresOf(caseOf.get(key) ?? {}, evaluationOf.get(key) ?? {}),
          hotline: q.groupBy === 'department' && hotlineOf.has(key) ? hotlineFiguresOf(hotlineOf.get(key)) : null,
        };
      })
      .sort((a, b) => b.received - a.received || b.concluded - a.concluded || a.name.localeCompare(b.name)),
    trend: periodsOf(q.from, q.to, daily).map((period) => {
      const c = trendCases.get(period);
      const e = trendEvaluations.get(period);
      return { period, received: n(c?.received), concluded: n(c?.concluded), onTime: n(c?.onTime), evaluations: n(e?.evaluations), satisfied: n(e?.satisfied) };
    }),
  };
}
