import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { hotlineRoutes } from './routes.ts';
import { seedHotlineDemo } from './seed.ts';
import { runUrging } from './service.ts';

export { hotlinePermissions } from './policy.ts';

export const hotlineModule: YiwangModule = {
  name: 'hotline',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: hotlineRoutes,
  jobs: {
    'hotline.urging': async (ctx) => {
      await ctx.calendar.refresh();
      await runUrging(ctx);
    },
  },
  schedules: [{ kind: 'hotline.urging', everySeconds: 300 }],
  seedDemo: seedHotlineDemo,
};
