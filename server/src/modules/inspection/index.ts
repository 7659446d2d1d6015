import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { inspectionPermissions as P } from './policy.ts';
import { inspectionRoutes } from './routes.ts';
import { seedInspectionDemo } from './seed.ts';
import { warnDisclosureDue } from './disclosure.ts';
import { compactPendingDrawInputs } from './draw-inputs.ts';

export { upsertEntities, addressKey } from './entities-service.ts';
export { runDraw, verifyDraw, commitmentOf, ALGORITHM_VERSION, type DrawInputs, type DrawOutcome } from './draw.ts';
export { inspectionPermissions } from './policy.ts';
export { publicTasks } from './public-service.ts';

extendBuiltInRole('inspection_manager', [P.plan]);
extendBuiltInRole('inspector', [P.record]);
extendBuiltInRole('supervisor', [P.void]);

export const inspectionModule: YiwangModule = {
  name: 'inspection',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: inspectionRoutes,
  jobs: {
    'inspection.disclosure.warn': async (ctx) => {
      await warnDisclosureDue(ctx);
    },
    'inspection.inputs.compact': async (ctx) => {
      await compactPendingDrawInputs(ctx);
    },
  },
  schedules: [
    { kind: 'inspection.disclosure.warn', everySeconds: 3600 },
    { kind: 'inspection.inputs.compact', everySeconds: 3600 },
  ],
  seedDemo: seedInspectionDemo,
};
