import type { Ctx } from '../../platform/context.ts';
import { refreshDashboard } from './dashboard-refresh.ts';

/** `yiwang supervision dashboard-refresh [--from YYYY-MM-DD]`: recount 领导驾驶舱's day rows from that day (default: every day) to today. */
export async function supervisionCommand(ctx: Ctx, args: string[]): Promise<number> {
  if (args[0] !== 'dashboard-refresh') {
    process.stderr.write('Usage: yiwang supervision dashboard-refresh [--from 2000-01-01]\n');
    return 2;
  }
  const i = args.indexOf('--from');
  const from = i >= 0 ? args[i + 1] : '2000-01-01';
  if (!from || !/^\d{4}-\d{2}-\d{2}$/.test(from)) {
    process.stderr.write('--from must be a date YYYY-MM-DD\n');
    return 2;
  }
  const started = Date.now();
  const r = await refreshDashboard(ctx, { from });
  process.stdout.write(`supervision: dashboard recounted, ${r.rows} rows over ${r.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}
