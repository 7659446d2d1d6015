import { addCalendarDays } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { caseDayFacts } from '../cases/index.ts';
import { evaluationDayFacts } from '../evaluation/index.ts';
import { todayOf } from './clock.ts';
import { replaceDashboardDays } from './dashboard-repository.ts';

/** Days the scheduled refresh recounts, ending today: a case decided late lands on its decision's day, inside the window. */
export const DASHBOARD_REFRESH_DAYS = 40;

/**
 * 领导驾驶舱: recount the days [from, to] (default: the last 40 days to today) from the cases and
 * evaluation modules and replace their rows, in one transaction (the view never sees a half-written
 * day). The demo seed and `npm run cli` rebuild from any earlier day.
 */
export async function refreshDashboard(ctx: Ctx, range?: { from?: string; to?: string }): Promise<{ days: number; rows: number }> {
  const to = range?.to ?? todayOf(ctx);
  const from = range?.from ?? addCalendarDays(to, -(DASHBOARD_REFRESH_DAYS - 1));
  const facts = await caseDayFacts(ctx, { from, to });
  const evaluationFacts = await evaluationDayFacts(ctx, { from, to });
  await replaceDashboardDays(ctx, from, to, facts, evaluationFacts);
  return { days: new Set(facts.map((f) => f.day)).size, rows: facts.length + evaluationFacts.length };
}
