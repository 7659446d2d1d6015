import { regionWithin } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { evaluationCaseFacts as caseFacts, type EvaluationCaseFacts as CaseFacts } from '../cases/index.ts';
import { nowOf, presentEvaluation, todayOf } from './present.ts';
import { evaluationRepo, rectificationRepo, settingsRepo } from './repository.ts';
import type { Evaluation, EvaluationCreate } from './schemas.ts';

/** Statuses in which a case has ended with a decision (办结: granted, refused at acceptance, denied): it may be evaluated. */
export const EVALUABLE_STATUSES: readonly string[] = ['concluded', 'refused', 'denied'];
/** Working days a rectification is due in where no region sets its own (DOMAIN §5). */
export const DEFAULT_RECTIFICATION_DAYS = 15;

/** The rectification limit of a region: the nearest configured region at or above it, else 15. */
export async function rectificationDaysFor(t: Ctx, regionPath: string): Promise<number> {
  const parts = regionPath.split('/');
  const ancestors = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  const rows = await settingsRepo.of(t.database.db, ['', ...ancestors]);
  const nearest = rows.filter((r) => regionWithin(regionPath, r.regionPath)).sort((a, b) => b.regionPath.length - a.regionPath.length)[0];
  return nearest?.rectificationDays ?? DEFAULT_RECTIFICATION_DAYS;
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}

/**
 * 好差评 online: the case's applicant rates a case that has concluded, once. A bad review (1–2)
 * needs a tag or a comment saying what went wrong and opens a rectification to the case's
 * department, due in the region's working-day limit from today.
 */
export async function evaluateCase(ctx: Ctx, caseNo: string, input: EvaluationCreate): Promise<Evaluation> {
  if (ctx.actor.kind !== 'person' && ctx.actor.kind !== 'entity') throw new AppError('evaluation.not_applicant');
  const facts = await caseFacts(ctx, caseNo);
  if (!facts.isApplicant) throw new AppError('evaluation.not_applicant');
  if (!EVALUABLE_STATUSES.includes(facts.status)) throw new AppError('evaluation.not_concluded', { extra: { status: facts.status } });
  if (input.level <= 2 && input.tags.length === 0 && !input.comment) throw invalid([{ field: 'tags', code: 'required' }]);
  try {
    return await transact(ctx, async (t) => {
      if (await evaluationRepo.onlineOfCase(t.tx, caseNo)) throw new AppError('evaluation.already_evaluated');
      return recordEvaluation(t, facts, 'online', input, ctx.actor.id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('evaluation.already_evaluated');
    throw err;
  }
}

/**
 * Writes an evaluation of the case (in the caller's transaction), audited, and opens the
 * rectification of a bad review. The caller has checked who may rate and that it is the only one.
 */
export async function recordEvaluation(
  t: TxCtx,
  facts: CaseFacts,
  mode: 'online' | 'on_site',
  input: EvaluationCreate,
  raterAccountId: string | null,
  via?: 'sms' | 'visit',
  visitWindow?: { id: string; label: string },
): Promise<Evaluation> {
  if (input.level <= 2 && input.tags.length === 0 && !input.comment) throw invalid([{ field: 'tags', code: 'required' }]);
  // The window rated: the visit's for an on-site evaluation, the filing window for an online one.
  const window = mode === 'on_site' ? visitWindow : facts.windowId ? { id: facts.windowId, label: facts.windowLabel ?? '' } : undefined;
  const e = await evaluationRepo.insert(t.tx, {
    id: newId(),
    caseNo: facts.caseNo,
    mode,
    departmentId: facts.departmentId,
    departmentName: facts.departmentName,
    regionPath: facts.regionPath,
    implementationCode: facts.implementationCode,
    itemName: facts.itemName,
    raterKind: facts.applicantKind,
    raterId: facts.applicantId,
    raterAccountId,
    level: input.level,
    dimensions: { overall: input.level, ...input.dimensions },
    tags: input.tags,
    comment: input.comment || null,
    staffAccountIds: facts.staffAccountIds,
    windowId: window?.id ?? null,
    windowLabel: window?.label ?? null,
    ratedOn: todayOf(t),
    createdAt: nowOf(t),
  });
  t.audit({
    action: 'evaluation.create',
    objectType: 'evaluation',
    objectId: e.id,
    summary: { caseNo: facts.caseNo, mode, level: e.level, tags: e.tags, ...(via ? { via } : {}) },
  });
  if (e.level <= 2) await openRectification(t, e.id, facts);
  return presentEvaluation(t, e, await rectificationRepo.ofEvaluation(t.tx, e.id));
}

async function openRectification(t: TxCtx, evaluationId: string, facts: CaseFacts): Promise<void> {
  const days = await rectificationDaysFor(t, facts.regionPath);
  const openedOn = todayOf(t);
  const due = t.calendar.addWorkingDays(openedOn, days, facts.regionPath);
  const id = newId();
  await rectificationRepo.insert(t.tx, {
    id,
    evaluationId,
    caseNo: facts.caseNo,
    departmentId: facts.departmentId,
    departmentName: facts.departmentName,
    regionPath: facts.regionPath,
    status: 'open',
    openedOn,
    dueOn: due.date,
    dueEstimated: due.estimated,
    createdAt: nowOf(t),
  });
  t.audit({
    action: 'evaluation.rectification.open',
    objectType: 'evaluation_rectification',
    objectId: id,
    summary: { caseNo: facts.caseNo, departmentId: facts.departmentId, dueOn: due.date, days },
  });
}

/** The case's evaluation as its applicant (or staff who may read the case) sees it, and whether the caller may evaluate now. */
export async function caseEvaluation(ctx: Ctx, caseNo: string) {
  const facts = await caseFacts(ctx, caseNo);
  const e = await evaluationRepo.onlineOfCase(ctx.database.db, caseNo);
  const r = e ? await rectificationRepo.ofEvaluation(ctx.database.db, e.id) : undefined;
  const evaluation = e ? presentEvaluation(ctx, e, r) : null;
  return {
    caseNo,
    mayEvaluate: facts.isApplicant && !e && EVALUABLE_STATUSES.includes(facts.status),
    mayRateRectification: !!evaluation?.rectification?.allowedActions.includes('rate'),
    evaluation,
  };
}
