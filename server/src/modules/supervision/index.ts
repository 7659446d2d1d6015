import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { supervisionRoutes } from './routes.ts';
import { escalateOverdueUrges } from './escalate-urges.ts';
import { seedSupervisionDemo } from './seed.ts';
import { refreshDashboard } from './dashboard-refresh.ts';
import { runMonthlyReportJob } from './monthly-report.ts';
import { rulePermissions } from './rules-policy.ts';
import { evaluateRules } from './rules-evaluate.ts';
import { ensureRules } from './rules-defaults.ts';
import { seedRulesDemo } from './rules-seed.ts';

export { supervisionPermissions } from './policy.ts';
export { issueUrge } from './issue-urge.ts';
export { answerUrge } from './answer-urge.ts';
export { escalateOverdueUrges } from './escalate-urges.ts';
export { refreshDashboard } from './dashboard-refresh.ts';
export { rulePermissions } from './rules-policy.ts';
export { evaluateRules } from './rules-evaluate.ts';

extendBuiltInRole('supervisor', [P.urge, P.dashboard]);
// 电子监察 rules: the supervising office reviews the hits and tunes the rules of its region.
extendBuiltInRole('supervisor', [rulePermissions.review, rulePermissions.manage]);
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
    // 电子监察 rules over the cases changed in the last 3 days; one hit per rule × case.
    'supervision.rules.evaluate': async (ctx) => {
      await evaluateRules(ctx);
    },
    'supervision.urges.escalate': async (ctx) => {
      await escalateOverdueUrges(ctx);
    },
    // 领导驾驶舱: the last 40 days recounted from the cases (a late decision lands on its own day).
    'supervision.dashboard.refresh': async (ctx) => {
      await refreshDashboard(ctx);
    },
    // 领导驾驶舱 月度报告: last month's PDF per city, once (daily check; needs a CJK font).
    'supervision.monthly_report': async (ctx) => {
      await runMonthlyReportJob(ctx);
    },
  },
  schedules: [
    { kind: 'supervision.rules.evaluate', everySeconds: 3600 },
    { kind: 'supervision.urges.escalate', everySeconds: 3600 },
    { kind: 'supervision.dashboard.refresh', everySeconds: 3600 },
    { kind: 'supervision.monthly_report', everySeconds: 86400 },
  ],
  seedBase: async (ctx) => {
    await ensureRules(ctx);
  },
  seedDemo: async (ctx) => {
    await seedRulesDemo(ctx);
    await seedSupervisionDemo(ctx);
    // 领导驾驶舱: every day of the demo cases, not only the scheduled refresh's last 40.
    await refreshDashboard(ctx, { from: '2000-01-01', to: '2999-12-31' });
  },
};
