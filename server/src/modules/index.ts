import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../platform/module.ts';
import type { MigrationSource } from '../platform/db/index.ts';
import { deliverOutbox } from '../platform/outbox/index.ts';
import { sweepRateWindows } from '../platform/http/rate-limit.ts';
import { orgModule } from './org/index.ts';
import { identityModule } from './identity/index.ts';
import { inspectionModule } from './inspection/index.ts';
import { catalogModule } from './catalog/index.ts';
import { casesModule } from './cases/index.ts';
import { hotlineModule } from './hotline/index.ts';
import { evaluationModule } from './evaluation/index.ts';
import { oidcModule } from './oidc/index.ts';
import { supervisionModule } from './supervision/index.ts';
import { creditModule } from './credit/index.ts';
import { dataModule } from './data/index.ts';
import { openDataModule } from './open-data/index.ts';
import { appointmentsModule } from './appointments/index.ts';
import { paymentsModule } from './payments/index.ts';
import { deliveryModule } from './delivery/index.ts';

/** The platform's own tables (audit, jobs, outbox, idempotency, calendar). */
const platformModule: YiwangModule = {
  name: 'platform',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), '../platform/migrations'),
  jobs: {
    'platform.outbox.deliver': async (ctx) => {
      await deliverOutbox(ctx);
    },
    // Rate-limit windows that have ended (platform/http/rate-limit.ts).
    'platform.rate_windows.sweep': async (ctx) => {
      await sweepRateWindows(ctx.database.db);
    },
  },
  schedules: [
    { kind: 'platform.outbox.deliver', everySeconds: 5 },
    { kind: 'platform.rate_windows.sweep', everySeconds: 3600 },
  ],
};

/** Every module, in dependency order: a module comes after those it calls. */
export const modules: YiwangModule[] = [
  platformModule,
  orgModule,
  identityModule,
  inspectionModule,
  // Before catalog: a guide is published only if its proofs are on data's proof list.
  dataModule,
  catalogModule,
  casesModule,
  evaluationModule,
  hotlineModule,
  oidcModule,
  creditModule,
  appointmentsModule,
  paymentsModule,
  deliveryModule,
  // After hotline, inspection and credit, whose data it publishes (and after their demo seeds).
  openDataModule,
  // Last: its demo seed counts the dashboard over every case the other modules' seeds filed.
  supervisionModule,
];

export function migrationSources(list: YiwangModule[] = modules): MigrationSource[] {
  return list.filter((m) => m.migrationsFolder).map((m) => ({ name: m.name, folder: m.migrationsFolder! }));
}
