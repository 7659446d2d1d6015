import { assertCan } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { evaluationPermissions as P } from './policy.ts';
import { isRater, nowOf, presentRectification } from './present.ts';
import { evaluationRepo, rectificationRepo, type EvaluationRow, type RectificationRow } from './repository.ts';
import type { Rectification } from './schemas.ts';
import { rectificationWorkflow, type RectificationAction } from './workflow.ts';

type Locked = { r: RectificationRow; e: EvaluationRow };

/** Locks the rectification, checks the version the caller saw and who may act, and returns it with its evaluation. */
async function locked(t: TxCtx, id: string, version: number | null, permission: string | null): Promise<Locked> {
  const r = await rectificationRepo.lock(t.tx, id);
  if (!r) throw notFound('rectification', id);
  if (permission) assertCan(t.actor, permission, { regionPath: r.regionPath, departmentId: r.departmentId });
  if (version !== null && version !== r.version) throw new AppError('resource.stale', { extra: { version: r.version } });
  const e = (await evaluationRepo.find(t.tx, r.evaluationId))!;
  return { r, e };
}

async function act(
  ctx: Ctx,
  id: string,
  action: RectificationAction,
  version: number | null,
  permission: string | null,
  change: (t: TxCtx, x: Locked) => Promise<{ patch: Partial<RectificationRow>; summary: Record<string, unknown> }>,
): Promise<Rectification> {
  return transact(ctx, async (t) => {
    const x = await locked(t, id, version, permission);
    const status = rectificationWorkflow.next(x.r.status, action);
    const { patch, summary } = await change(t, x);
    await rectificationRepo.update(t.tx, id, { ...patch, status });
    t.audit({
      action: `evaluation.rectification.${action}`,
      objectType: 'evaluation_rectification',
      objectId: id,
      summary: { caseNo: x.r.caseNo, ...summary },
    });
    return presentRectification(t, (await rectificationRepo.find(t.tx, id))!, (await evaluationRepo.find(t.tx, x.e.id))!);
  });
}

/** 回访: the unit records its call to the reviewer (again if it calls again; the latest call is kept, every one audited). */
export function recordFollowUp(ctx: Ctx, id: string, body: { reached: boolean; note: string; version: number }) {
  return act(ctx, id, 'follow_up', body.version, P.handle, async (t) => ({
    patch: { followUpAt: nowOf(t), followUpReached: body.reached, followUpNote: body.note, followUpBy: t.actor.name },
    summary: { reached: body.reached, note: body.note },
  }));
}

/** The unit submits its rectification: only after the follow-up call is recorded. */
export function submitRectification(ctx: Ctx, id: string, body: { measures: string; version: number }) {
  return act(ctx, id, 'submit', body.version, P.handle, async (t, { r }) => {
    if (!r.followUpAt) throw new AppError('evaluation.follow_up_missing');
    return { patch: { measures: body.measures, submittedAt: nowOf(t), submittedBy: t.actor.name }, summary: { measures: body.measures } };
  });
}

/** The unit appeals a review it holds mistaken or malicious; the supervising office decides. */
export function appealReview(ctx: Ctx, id: string, body: { reason: string; version: number }) {
  return act(ctx, id, 'appeal', body.version, P.handle, async (t) => ({
    patch: {
      appealReason: body.reason,
      appealedAt: nowOf(t),
      appealedBy: t.actor.name,
      decision: null,
      decisionReason: null,
      decidedAt: null,
      decidedBy: null,
    },
    summary: { reason: body.reason },
  }));
}

/**
 * The supervising office decides an appeal with its reasons: accepted annuls the review (it no
 * longer counts in the figures, the rectification ends); rejected sends it back to the unit, due
 * on the same date.
 */
export function decideAppeal(ctx: Ctx, id: string, body: { decision: 'accepted' | 'rejected'; reason: string; version: number }) {
  const action = body.decision === 'accepted' ? 'accept_appeal' : 'reject_appeal';
  return act(ctx, id, action, body.version, P.decide, async (t, { e }) => {
    if (body.decision === 'accepted') await evaluationRepo.annul(t.tx, e.id);
    return {
      patch: { decision: body.decision, decisionReason: body.reason, decidedAt: nowOf(t), decidedBy: t.actor.name },
      summary: { decision: body.decision, reason: body.reason },
    };
  });
}

/** The reviewer rates the submitted rectification (1–5), which closes it. */
export async function rateRectification(ctx: Ctx, caseNo: string, body: { level: number; comment?: string }) {
  const e = await evaluationRepo.onlineOfCase(ctx.database.db, caseNo);
  if (!e || !isRater(ctx, e)) throw notFound('evaluation', caseNo);
  const r = await rectificationRepo.ofEvaluation(ctx.database.db, e.id);
  if (!r) throw notFound('rectification', caseNo);
  return act(ctx, r.id, 'rate', null, null, async (t, x) => {
    if (!isRater(t, x.e)) throw new AppError('evaluation.not_reviewer');
    return { patch: { reviewerLevel: body.level, reviewerComment: body.comment || null, ratedAt: nowOf(t) }, summary: { level: body.level } };
  });
}
