import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { refreshDatasets } from './datasets.ts';
import { openDataRoutes } from './routes.ts';

export { redact, scrubCell, refreshDatasets } from './datasets.ts';

/**
 * 数据开放 (docs/data-centre.md, "Open data"): datasets the platform publishes about itself. Every
 * dataset is read from its module through that module's index.ts, then redacted by rule; the only
 * table is the update history (one row per refresh), refreshed daily.
 */
export const openDataModule: YiwangModule = {
  name: 'open-data',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: openDataRoutes,
  jobs: {
    'open-data.refresh': async (ctx) => {
      await refreshDatasets(ctx);
    },
  },
  schedules: [{ kind: 'open-data.refresh', everySeconds: 86_400 }],
  // The first refresh of every dataset, after the modules it reads have seeded theirs.
  seedDemo: async (ctx) => {
    await refreshDatasets(ctx);
  },
};
