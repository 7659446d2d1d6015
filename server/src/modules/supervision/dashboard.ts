import type { z } from 'zod';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { listAllRegions } from '../org/index.ts';
import { dashboardSums, type Sums } from './dashboard-repository.ts';
import type { DashboardQuery, DashboardView } from './dashboard-schemas.ts';

type View = z.infer<typeof DashboardView>;
type Figures = View['totals'];

/** Trend points per day up to this many days in the period, per month beyond. */
export const DAILY_TREND_MAX_DAYS = 62;

const ratio = (a: number, b: number, digits = 4) => (b === 0 ? null : Math.round((a / b) * 10 ** digits) / 10 ** digits);

/** The shown figures of summed rows: shares and rates 0–1 (null with no case to divide by), averages in working days to one decimal. */
export function figuresOf(s: Sums): Figures {
  const n = (v: number | null | undefined) => v ?? 0;
  const concluded = n(s.concluded);
  return {
    received: n(s.received),
    onlineReceived: n(s.online),
    onlineShare: ratio(n(s.online), n(s.received)),
    concluded,
    concludedOnTime: n(s.onTime),
    onTimeRate: ratio(n(s.onTime), concluded),
    avgWorkingDays: ratio(n(s.workingDays), concluded, 1),
    avgPromisedDays: ratio(n(s.promisedDays), concluded, 1),
    avgStatutoryDays: ratio(n(s.statutoryDays), concluded, 1),
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

/**
 * 领导驾驶舱 (GET /api/workbench/dashboard): the cases' figures of [from, to] in the actor's scope,
 * in total, per group (department, item or region; most received first) and as a trend (per day,
 * or per month for a period longer than 62 days). Read from the pre-aggregated day rows: three
 * grouped queries however many cases there are.
 */
export async function dashboard(ctx: Ctx, q: z.infer<typeof DashboardQuery>): Promise<View> {
  const daily = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1 <= DAILY_TREND_MAX_DAYS;
  const [{ total, groups, trend }, regions] = await Promise.all([
    dashboardSums(ctx, q, daily),
    q.groupBy === 'region' ? listAllRegions(ctx) : Promise.resolve([]),
  ]);
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    trendUnit: daily ? 'day' : 'month',
    totals: figuresOf(total ?? {}),
    groups: groups
      .map((r) => ({
        key: r.key,
        name: q.groupBy === 'region' ? (regionName.get(r.key.split('/').at(-1)!) ?? r.key) : r.name,
        ...figuresOf(r),
      }))
      .sort((a, b) => b.received - a.received || b.concluded - a.concluded || a.name.localeCompare(b.name)),
    trend: periodsOf(q.from, q.to, daily).map((period) => {
      const r = trend.find((p) => p.period === period);
      return { period, received: r?.received ?? 0, concluded: r?.concluded ?? 0, onTime: r?.onTime ?? 0 };
    }),
  };
}
