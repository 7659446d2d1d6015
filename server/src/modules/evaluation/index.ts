import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { evaluationPermissions as P } from './policy.ts';
import { evaluationRoutes } from './routes.ts';
import { seedEvaluationDemo } from './seed.ts';
import { subscribeEvaluationInvites } from './tokens.ts';

export { evaluationPermissions } from './policy.ts';
export { publicSummary } from './public.ts';
export { rectificationLightCounts, rectificationsByLight, findRectificationFacts, type RectificationLight, type RectificationFacts } from './lights.ts';
export { evaluationDayFacts, type EvaluationDayFact } from './dashboard-facts-repository.ts';

// The unit's head rectifies and appeals; the supervising office reads everything and decides appeals.
extendBuiltInRole('approver', [P.read, P.handle]);
extendBuiltInRole('supervisor', [P.read, P.decide]);
extendBuiltInRole('it_admin', [P.settings]);
extendBuiltInRole('window_clerk', [P.visit]);
// The applicant's SMS link to rate a case when it ends (the cases module's event).
subscribeEvaluationInvites();

export const evaluationModule: YiwangModule = {
  name: 'evaluation',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: evaluationRoutes,
  seedDemo: seedEvaluationDemo,
};
