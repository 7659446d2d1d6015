import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { setCreditCheck } from '../cases/index.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { creditCheck } from './check.ts';
import { alertDisclosureDeadlines } from './disclosure-alerts.ts';
import { LEVEL_PERMISSION } from './levels.ts';
import { creditPermissions as P } from './policy.ts';
import { subscribeCreditRecords } from './records.ts';
import { creditRoutes } from './routes.ts';
import { seedCreditDemo } from './seed.ts';

export { creditPermissions } from './policy.ts';
export { creditCheck, creditStanding } from './check.ts';
export { creditLevelOf, entityCreditLevels, type CreditLevel } from './levels.ts';
export { measureRules, measuresFor, type CreditMeasure } from './measures.ts';
export { publicDisclosures } from './public.ts';

// The credit office does everything; a listing or removal is approved by someone other than its proposer
// (the supervising office in the demo city).
extendBuiltInRole('credit_officer', [P.read, P.manage, P.propose, P.approve, P.repair, LEVEL_PERMISSION]);
extendBuiltInRole('supervisor', [P.read, P.approve]);
// Every approval checks the applicant's credit (cases/credit.ts's seam) and records the check here.
setCreditCheck(creditCheck);
// Records arrive from the other modules' events: licences from concluded cases, inspection results.
subscribeCreditRecords();

export const creditModule: YiwangModule = {
  name: 'credit',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: creditRoutes,
  jobs: {
    // 双公示: one digest a working day per unit of what is late or due within two working days.
    'credit.disclosure.alert': async (ctx) => {
      await alertDisclosureDeadlines(ctx);
    },
  },
  // Hourly; it sends once per unit and working day (the first run of the day), nothing on days off.
  schedules: [{ kind: 'credit.disclosure.alert', everySeconds: 3600 }],
  seedDemo: seedCreditDemo,
};
