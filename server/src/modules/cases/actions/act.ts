import { transact, type Ctx, type TxCtx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/db/index.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import { notifyApplicant } from '../notify.ts';
import { whyNot } from '../policy.ts';
import { caseRepo } from '../repository.ts';
import type { CaseView } from '../schemas.ts';
import { applyAction, checkAction, deriveState, type ActionPayload, type CaseAction } from '../workflow/engine.ts';
import { cacheOf, mayRead, standingOf, toRecorded } from '../case-state.ts';
import { present, publicPart } from '../present.ts';
import { loadWorkflow } from '../workflows.ts';
import { handlerFor } from './handlers.ts';
import { waitForPaymentIfDue } from '../payment-wait.ts';
import { actingRoles } from './acting-role.ts';
import type { ActingCase, Prepared } from './types.ts';

declare module '../../../platform/context.ts' {
  interface DomainEvents {
    /** A case has ended with a decision (办结: concluded, refused at acceptance, denied); published in the transaction that ended it. */
    'cases.case.ended': { caseNo: string; status: string; itemName: string; applicantKind: 'person' | 'entity'; applicantId: string };
  }
}

/** Statuses that end a case with a decision. */
const ENDED = ['concluded', 'refused', 'denied'];

/** The action's own part (handlers.ts), typed by its action. */
async function prepare<A extends CaseAction>(t: TxCtx, c: ActingCase, action: A, payload: Record<string, unknown>): Promise<Prepared> {
  const handler = handlerFor(action);
  return handler.prepare ? handler.prepare(t, c, payload as ActionPayload<A>) : { payload: { ...payload } };
}

function templateOf(c: ActingCase, action: CaseAction): string | undefined {
  const notify = handlerFor(action).notify;
  return typeof notify === 'function' ? notify(c) : notify;
}

/**
 * Takes one workflow action: the one path every action goes through. Who may take it is `whyNot`
 * (policy.ts), the rule that also decides the case's `allowedActions`: 409
 * `workflow.action_not_allowed` (with `currentStatus` and `allowed`) when the case's status does not allow
 * it; 403 `cases.not_your_step` when the actor is not who the action's rule names (for staff:
 * `cases.case.handle` through a grant of the step's role in the case's department and region).
 * Then the payload (400) and the action's own checks (handlers.ts); the transition is the state
 * machine's (`applyAction`); 409 `resource.stale` when the case changed since the version the
 * actor read.
 */
export async function actOnCase(ctx: Ctx, caseNo: string, action: CaseAction, body: Readonly<Record<string, unknown>>): Promise<CaseView> {
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const row = await caseRepo.byNo(t.tx, caseNo);
    if (!row || !mayRead(t.actor, row)) throw notFound('case', caseNo);
    const { version: expected, ...input } = body;
    if (typeof expected === 'number' && expected !== row.version) throw new AppError('resource.stale', { extra: { version: row.version } });
    const def = await loadWorkflow(t, row.workflowCode, row.workflowVersion);
    const state = deriveState(def, row.submittedOn, (await caseRepo.actions(t.tx, row.id)).map(toRecorded));
    // Who may take it, by the same rule that decides what the case offers (policy.ts); the payload only after.
    const refused = whyNot(t.actor, standingOf(row, def, state), action, typeof input.branch === 'string' ? input.branch : undefined);
    if (refused) throw new AppError(refused.code, { extra: refused.extra });
    const check = checkAction(def, state, action, input);
    // Legality was decided above: what can still fail here is the payload.
    if (!check.ok) throw new AppError('request.invalid', { fields: check.code === 'request.invalid' ? check.fields : [] });
    const now = ctx.now?.() ?? new Date();
    const today = shanghaiDate(now);
    const acting: ActingCase = { row, def, state, today };
    const { payload, materials } = await prepare(t, acting, action, check.payload);
    const next = applyAction(def, state, { action, date: today, actorId: t.actor.id, stepKey: state.step.key, payload });
    const updated = await caseRepo.updateIfVersion(t.tx, row.id, row.version, { ...cacheOf(t, def, next, row, today), ...(materials ? { materials } : {}) });
    if (!updated) throw new AppError('resource.stale');
    await caseRepo.insertAction(t.tx, {
      id: newId(),
      caseId: row.id,
      seq: row.version + 1,
      action,
      stepKey: state.step.key,
      actorId: t.actor.id,
      actorKind: t.actor.kind,
      actorName: t.actor.name,
      ...actingRoles(t.actor, state.step.role, row, action === 'countersign' ? state.branches?.find((b) => b.key === payload.branch) : undefined),
      occurredAt: now,
      occurredOn: today,
      payload,
    });
    t.audit({
      action: `case.${action}`,
      objectType: 'case',
      objectId: caseNo,
      summary: {
        from: { status: state.status, step: state.step.key },
        to: { status: next.status, step: next.step.key },
        version: row.version + 1,
        ...(action === 'countersign' ? { branch: payload.branch, result: payload.result } : {}),
      },
    });
    const template = templateOf(acting, action);
    if (template)
      await notifyApplicant(t, { kind: row.applicantKind, id: row.applicantId }, template, {
        caseNo,
        itemName: row.itemName,
        status: next.status,
        ...publicPart(action, payload),
      });
    if (ENDED.includes(next.status) && !ENDED.includes(state.status))
      await t.publish('cases.case.ended', {
        caseNo,
        status: next.status,
        itemName: row.itemName,
        applicantKind: row.applicantKind,
        applicantId: row.applicantId,
      });
    // Entering a step the item's payment rule names: the case may wait for its fees (payment-wait.ts).
    const waiting = next.step.key !== state.step.key ? await waitForPaymentIfDue(t, updated) : null;
    return waiting ?? present(t, updated, await caseRepo.actions(t.tx, row.id), def);
  });
}
