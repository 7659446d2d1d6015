import type { YiwangModule } from '../../platform/module.ts';
import { openDataRoutes } from './routes.ts';

export { redact, scrubCell } from './datasets.ts';

/**
 * 数据开放 (docs/data-centre.md, "Open data"): datasets the platform publishes about itself. No tables:
 * every dataset is read from its module through that module's index.ts, then redacted by rule.
 */
export const openDataModule: YiwangModule = {
  name: 'open-data',
  routes: openDataRoutes,
};
