import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { catalogRoutes } from './routes.ts';
import { seedCatalogDemo } from './seed.ts';
import { seedLifeEventDemo } from './life-events-seed.ts';

export { getApplicableVersion, getPublishedGuide, type ApplicableVersion, type PublishedGuideDocument } from './published-guides.ts';
export { searchItems } from './search-service.ts';
export { feeEntries, type FeeEntry } from './fee-lookup.ts';
export { implementationCode, parseImplementationCode, onlineLevel, type Guide } from './guide.ts';
export { catalogPermissions } from './policy.ts';
export { demoCatalog } from './seed.ts';
export { getLifeEvent, getLifeEventForWorkbench, publishLifeEvent, saveLifeEventDraft, type LifeEventDocument } from './life-events.ts';
export { dependencyOrder, splitFormData } from './life-events-definition.ts';

export const catalogModule: YiwangModule = {
  name: 'catalog',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: catalogRoutes,
  seedDemo: async (ctx) => {
    await seedCatalogDemo(ctx);
    await seedLifeEventDemo(ctx);
  },
};
