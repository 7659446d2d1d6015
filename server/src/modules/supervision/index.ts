import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { supervisionRoutes } from './routes.ts';
import { escalateOverdueUrges } from './escalate-urges.ts';
import { seedSupervisionDemo } from './seed.ts';

export { supervisionPermissions } from './policy.ts';
export { issueUrge } from './issue-urge.ts';
export { answerUrge } from './answer-urge.ts';
export { escalateOverdueUrges } from './escalate-urges.ts';

extendBuiltInRole('supervisor', [P.urge]);
// The staff who work a department's cases answer the urges addressed to it.
extendBuiltInRole('window_clerk', [P.answer]);
extendBuiltInRole('reviewer', [P.answer]);
extendBuiltInRole('approver', [P.answer]);

/** 电子监察 (e-supervision): deadline lights with drill-down, and 督办 (urges) on late cases with escalation. */
export const supervisionModule: YiwangModule = {
  name: 'supervision',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: supervisionRoutes,
  jobs: {
    'supervision.urges.escalate': async (ctx) => {
      await escalateOverdueUrges(ctx);
    },
  },
  schedules: [{ kind: 'supervision.urges.escalate', everySeconds: 3600 }],
  seedDemo: seedSupervisionDemo,
};
