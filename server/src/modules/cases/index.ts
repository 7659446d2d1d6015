import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { casesRoutes } from './routes.ts';
import { bundleRoutes } from './bundles-routes.ts';
import { expireOverdueCases, refreshCaseLights } from './supervision.ts';
import { seedCasesDemo } from './seed.ts';
import { sweepOrphanFiles } from '../../platform/files/index.ts';
import { useCertificateSource } from '../data/index.ts';
import { certificatesOfHolder } from './certificates-shared.ts';
import { subscribePaymentWait } from './payment-wait.ts';
import { subscribeSignFor } from './sign-for.ts';
import { subscribeBundleProgress } from './bundles-progress.ts';
import { subscribeBundleDelivery } from './bundles-delivery.ts';

export { submitCase, getCase, listCases, actOnCase, todo, loadWorkflow, saveWorkflow, bindWorkflow, refreshCaseLights, expireOverdueCases } from './service.ts';
export { setCreditCheck, checkCredit, type CreditCheck, type CreditFinding } from './credit.ts';
export { verifyCertificate, publicKeyInfo } from './certificate-service.ts';
export { lookupProgress } from './progress-service.ts';
export { lightCounts, casesByLight, findCaseFacts, type CaseFacts, type LightBucket, type LightCountRow } from './supervision-read.ts';
export { evaluationCaseFacts, type EvaluationCaseFacts } from './evaluation-facts.ts';
export { caseDayFacts, decidedStatuses, type CaseDayFact } from './dashboard-facts-repository.ts';
export { uploadMaterial } from './uploads.ts';
export { caseRuleFacts, orphanResultFacts, type CaseRuleFacts, type CaseRuleAction, type OrphanResultFact } from './rule-facts-repository.ts';
export { casePermissions } from './policy.ts';
export { setPaymentDueSource, type PaymentDue, type PaymentDueSource } from './payment-wait.ts';
export { bundleDeliveringResultOf } from './bundles-guard.ts';
export { setBundleDeliverySource, type BundleDeliverySource, type BundleDeliveryOrder, type ResultDeliveryChoice } from './bundles-delivery.ts';
export { buildCertificateIdentifier, parseCertificateIdentifier, mod3736CheckChar } from './certificates/identifier.ts';
export { defaultWorkflow, type WorkflowDefinition } from './workflow/definition.ts';
export { caseActions, caseStatuses, allowedActionsByStatus, type CaseAction, type CaseStatus } from './workflow/engine.ts';

// A waiting case resumes when its order is paid (payments.order.paid).
subscribePaymentWait();
// Sign-for (签收) of a delivery order recorded on its case (delivery.order.signed).
subscribeSignFor();
// 一件事: dependants start at a prerequisite's issue, the parent follows its children (bundles-progress.ts); one delivery of every result (bundles-delivery.ts).
subscribeBundleProgress();
subscribeBundleDelivery();

// The certificate library answers the data module's certificate look-ups (certificates as shared data).
useCertificateSource(certificatesOfHolder);

export const casesModule: YiwangModule = {
  name: 'cases',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: async (app, opts) => {
    await casesRoutes(app, opts);
    // 一件事 applications (bundles-routes.ts; bundles.ts listens for a child's end).
    await bundleRoutes(app, opts);
  },
  jobs: {
    'cases.lights.refresh': async (ctx) => {
      await refreshCaseLights(ctx);
    },
    'cases.supply.expire': async (ctx) => {
      await expireOverdueCases(ctx);
    },
    // Uploads never attached to a case (7 days) and bytes a rolled-back transaction left behind (24 h).
    'files.orphans.sweep': async (ctx) => {
      await sweepOrphanFiles(ctx);
    },
  },
  schedules: [
    { kind: 'cases.lights.refresh', everySeconds: 3600 },
    { kind: 'cases.supply.expire', everySeconds: 3600 },
    { kind: 'files.orphans.sweep', everySeconds: 86_400 },
  ],
  seedDemo: seedCasesDemo,
};
