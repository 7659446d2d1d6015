import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { hotlineRoutes } from './routes.ts';
import { seedHotlineDemo } from './seed.ts';
import { runUrging } from './service.ts';
import { foldDailyStats } from './rollup-repository.ts';

export { hotlinePermissions } from './policy.ts';
export { ticketLightCounts, ticketsByLight, ticketLight, type TicketLight, type TicketLightCount } from './lights.ts';
export { hotlineDashboardCounts, type HotlineDashboardCounts } from './dashboard-figures-repository.ts';

export const hotlineModule: YiwangModule = {
  name: 'hotline',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: hotlineRoutes,
  jobs: {
    'hotline.urging': async (ctx) => {
      await ctx.calendar.refresh();
      await runUrging(ctx);
    },
    // Statistics read the rollup and its unfolded deltas together; folding only keeps the deltas few.
    'hotline.stats_fold': async (ctx) => {
      await foldDailyStats(ctx.database.db);
    },
  },
  schedules: [
    { kind: 'hotline.urging', everySeconds: 300 },
    { kind: 'hotline.stats_fold', everySeconds: 60 },
  ],
  seedDemo: seedHotlineDemo,
};
