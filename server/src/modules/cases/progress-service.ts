import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { caseRepo, lookupRepo } from './repository.ts';
import { loadWorkflow } from './workflows.ts';
import { deriveState, terminalStatuses, type CaseAction } from './workflow/engine.ts';

/** Wrong guesses allowed per case number and per client address within 15 minutes. */
export const LOOKUP_LIMITS = { perCase: 5, perAddress: 20 };

/** Actions shown in the public progress (internal ones like transfer are not). */
const publicActions: CaseAction[] = [
  'accept',
  'refuse',
  'request_correction',
  'submit_correction',
  'approve',
  'deny',
  'start_special_procedure',
  'end_special_procedure',
  'issue',
  'deliver',
  'withdraw',
  'await_payment',
  'payment_received',
];

/**
 * 进度查询 without signing in: the case number plus the applicant's name or the last 4 characters
 * of the ID number / USCC. A wrong guess and an unknown number look the same (404); too many wrong
 * guesses for a number or from an address answer 429 for 15 minutes.
 */
export async function lookupProgress(ctx: Ctx, q: { caseNo: string; name: string }) {
  const db = ctx.database.db;
  const now = new Date();
  const caseKey = `case:${q.caseNo.toUpperCase()}`;
  const addressKey = `ip:${ctx.ip ?? 'unknown'}`;
  if ((await lookupRepo.failures(db, caseKey, now)) >= LOOKUP_LIMITS.perCase || (await lookupRepo.failures(db, addressKey, now)) >= LOOKUP_LIMITS.perAddress) {
    throw new AppError('rate.limited', { extra: { retryAfterSeconds: 900 } });
  }
  const row = await caseRepo.byNo(db, q.caseNo.toUpperCase());
  const guess = q.name.trim();
  const matches = row && (guess === row.applicantName || (guess.length === 4 && guess.toUpperCase() === row.applicantCodeTail));
  if (!row || !matches) {
    await lookupRepo.fail(db, caseKey, now);
    await lookupRepo.fail(db, addressKey, now);
    throw notFound('case', q.caseNo);
  }
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  const log = await caseRepo.actions(db, row.id);
  const state = deriveState(
    def,
    row.submittedOn,
    log.map((a) => ({ action: a.action as CaseAction, date: a.occurredOn, actorId: a.actorId, stepKey: a.stepKey, payload: a.payload })),
  );
  const name = (key: string) => {
    const s = def.steps.find((x) => x.key === key);
    return s ? (ctx.locale.startsWith('en') ? s.name.en : s.name.zh) : key;
  };
  return {
    caseNo: row.caseNo,
    itemName: row.itemName,
    departmentName: row.departmentName,
    status: state.status,
    stepName: name(state.step.key),
    submittedOn: row.submittedOn,
    dueDate: (terminalStatuses as readonly string[]).includes(state.status) ? null : row.dueDate,
    concludedOn: state.concludedOn,
    timeline: [
      { action: 'submit', stepName: name(def.steps[0]!.key), occurredOn: row.submittedOn },
      ...log
        .filter((a) => publicActions.includes(a.action as CaseAction))
        .map((a) => ({ action: a.action, stepName: name(a.stepKey), occurredOn: a.occurredOn })),
    ],
  };
}
