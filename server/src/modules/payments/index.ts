import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { setPaymentDueSource } from '../cases/index.ts';
import { paymentDueForCase } from './orders.ts';
import { receiveCallback } from './callbacks.ts';
import { SIM_CALLBACK_JOB, type CallbackEvent } from './gateway.ts';
import { paymentPermissions as P } from './policy.ts';
import { reconcile } from './reconcile.ts';
import { paymentRoutes } from './routes.ts';
import { seedPaymentsDemo } from './seed.ts';

export { paymentPermissions } from './policy.ts';
export { casePaymentStatus } from './orders.ts';
export { caseChargeFacts, type CaseChargeFact } from './charge-facts-repository.ts';
export { unitFen } from './amounts.ts';
export type { OrderLine } from './tables.ts';

// The case's window clerk issues orders; the approver (the department's head) records refunds.
extendBuiltInRole('window_clerk', [P.issue, P.read]);
extendBuiltInRole('approver', [P.read, P.refund]);

// A case whose item's rule makes it wait for payment asks here (cases cannot import payments).
setPaymentDueSource(paymentDueForCase);

export const paymentsModule: YiwangModule = {
  name: 'payments',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: paymentRoutes,
  jobs: {
    // The simulated gateway's asynchronous notice, delivered to the same function as the callback route.
    [SIM_CALLBACK_JOB]: async (ctx, payload) => {
      await receiveCallback(ctx, 'simulated', payload.event as CallbackEvent);
    },
    'payments.reconcile.daily': async (ctx) => {
      await reconcile(ctx);
    },
  },
  schedules: [{ kind: 'payments.reconcile.daily', everySeconds: 86_400 }],
  seedDemo: seedPaymentsDemo,
};
