import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { holdsIn } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { listAllRegions } from '../org/index.ts';
import { nowOf, todayOf } from './clock.ts';
import { DASHBOARD_REFRESH_DAYS, refreshDashboard } from './dashboard-refresh.ts';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { supervisionPermissions as P } from './policy.ts';

const DashboardRefreshed = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number().int().describe('days of the range holding a case'),
  rows: z.number().int(),
  refreshedAt: z.string(),
});

/**
 * 领导驾驶舱 立即刷新: the scheduled job's refresh (the last 40 days recounted from the cases and
 * evaluations) run now, for a supervisor over a whole city (`supervision.dashboard.read` not bound to
 * a department, as for the monthly reports). The rows are the installation's, recounted from the raw
 * rows exactly as the hourly job does, so the call shows nobody anything new; it is audited
 * (`supervision.dashboard.refresh`) right after the recount, which runs in its own transaction as
 * the job's does. A refresh running at the same moment (the job, another supervisor) should make one
 * of them fail on the rows' keys: 409.
 */
export async function refreshDashboardNow(ctx: Ctx) {
  const cities = (await listAllRegions(ctx)).filter((r) => r.level === 'city');
  const city = cities.find((c) => holdsIn(ctx.actor, P.dashboard, { regionPath: c.path, departmentId: null }));
  if (!city) throw new AppError('auth.out_of_scope', { extra: { permission: P.dashboard } });
  const to = todayOf(ctx);
  const from = addCalendarDays(to, -(DASHBOARD_REFRESH_DAYS - 1));
  let counted: { days: number; rows: number };
  try {
    // The job's own path and transaction. Not nested in the audit's transaction: on PGlite (one
    // connection) the calendar's reload inside the recount would wait for that transaction forever.
    counted = await refreshDashboard(ctx, { from, to });
  } catch (err) {
    for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
      if (e.code === '23505' || e.code === '40001' || e.code === '40P01') throw new AppError('resource.conflict');
    throw err;
  }
  return transact(ctx, async (t) => {
    t.audit({
      action: 'supervision.dashboard.refresh',
      objectType: 'supervision_dashboard',
      objectId: `${from}/${to}`,
      scope: { regionPath: city.path },
      summary: { from, to, ...counted },
    });
    return { from, to, ...counted, refreshedAt: nowOf(t).toISOString() };
  });
}

/** POST /api/workbench/dashboard/refresh (docs/supervision.md, "The leaders' view"). */
export function dashboardRefreshRoutes(fastify: FastifyInstance): void {
  fastify.withTypeProvider<ZodTypeProvider>().post(
    '/api/workbench/dashboard/refresh',
    {
      config: { permission: P.dashboard },
      schema: {
        tags: ['supervision'],
        summary: "Recount the leaders' view now (the hourly job's last 40 days), for a supervisor over a whole city; audited",
        response: { 200: DashboardRefreshed },
      },
    },
    (req) => refreshDashboardNow(req.ctx),
  );
}
