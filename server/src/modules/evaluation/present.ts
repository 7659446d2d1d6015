import { can } from '../../platform/auth/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { evaluationPermissions as P } from './policy.ts';
import type { EvaluationRow, RectificationRow } from './repository.ts';
import type { Evaluation, Rectification } from './schemas.ts';
import { rectificationWorkflow, type RectificationAction } from './workflow.ts';

/** Working days left at or below which an open rectification turns yellow. */
export const YELLOW_DAYS = 3;

/** Today in Shanghai by the context's clock (`ctx.now` in the demo seed and tests). */
export const todayOf = (ctx: Ctx): string => shanghaiDate(ctx.now?.() ?? new Date());
export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();

/** Is the actor the one who gave the evaluation (the applicant person, or someone acting for the applicant enterprise)? */
export function isRater(ctx: Ctx, e: Pick<EvaluationRow, 'raterKind' | 'raterId'>): boolean {
  return ctx.actor.kind === e.raterKind && ctx.actor.subjectId === e.raterId;
}

export function lightOf(ctx: Ctx, r: Pick<RectificationRow, 'status' | 'dueOn' | 'regionPath'>): 'green' | 'yellow' | 'red' | null {
  if (r.status !== 'open' && r.status !== 'appealed') return null;
  const left = ctx.calendar.workingDaysBetween(todayOf(ctx), r.dueOn, r.regionPath).days;
  return left < 0 ? 'red' : left <= YELLOW_DAYS ? 'yellow' : 'green';
}

const byUnit: RectificationAction[] = ['follow_up', 'submit', 'appeal'];
const byOffice: RectificationAction[] = ['accept_appeal', 'reject_appeal'];

/** The actions the actor may take now: the status allows them and the actor holds them (the unit, the office, the reviewer). */
export function allowedFor(ctx: Ctx, r: RectificationRow, e: EvaluationRow): RectificationAction[] {
  const scope = { regionPath: r.regionPath, departmentId: r.departmentId };
  return rectificationWorkflow.allowed(r.status).filter((a) => {
    if (byUnit.includes(a)) return can(ctx.actor, P.handle, scope);
    if (byOffice.includes(a)) return can(ctx.actor, P.decide, scope);
    return a === 'rate' && isRater(ctx, e);
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentRectification(ctx: Ctx, r: RectificationRow, e: EvaluationRow): Rectification {
  return {
    id: r.id,
    caseNo: r.caseNo,
    status: r.status,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    openedOn: r.openedOn,
    dueOn: r.dueOn,
    dueEstimated: r.dueEstimated,
    light: lightOf(ctx, r),
    followUp: r.followUpAt ? { at: r.followUpAt.toISOString(), reached: !!r.followUpReached, note: r.followUpNote ?? '', by: r.followUpBy ?? '' } : null,
    measures: r.measures,
    submittedAt: iso(r.submittedAt),
    submittedBy: r.submittedBy,
    reviewerLevel: r.reviewerLevel,
    reviewerComment: r.reviewerComment,
    ratedAt: iso(r.ratedAt),
    appeal: r.appealedAt
      ? {
          reason: r.appealReason ?? '',
          at: r.appealedAt.toISOString(),
          by: r.appealedBy ?? '',
          decision: r.decision,
          decisionReason: r.decisionReason,
          decidedAt: iso(r.decidedAt),
          decidedBy: r.decidedBy,
        }
      : null,
    allowedActions: allowedFor(ctx, r, e),
    version: r.version,
  };
}

export function presentEvaluation(ctx: Ctx, e: EvaluationRow, r: RectificationRow | undefined | null): Evaluation {
  return {
    id: e.id,
    caseNo: e.caseNo,
    mode: e.mode,
    level: e.level,
    dimensions: e.dimensions,
    tags: e.tags,
    comment: e.comment,
    itemName: e.itemName,
    departmentName: e.departmentName,
    ratedOn: e.ratedOn,
    annulled: e.annulled,
    rectification: r ? presentRectification(ctx, r, e) : null,
  };
}

/**
 * Public text: runs of digits (with spaces, dashes or an X) long enough to be a phone, ID, case or
 * account number are masked, so a comment never publishes one.
 */
export function maskPersonal(text: string | null): string | null {
  if (text === null) return null;
  return text.replace(/[0-9][0-9\s\-xX]{5,}[0-9xX]/g, (m) => '*'.repeat(m.replace(/[\s-]/g, '').length));
}
