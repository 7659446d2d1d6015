import type { Ctx, TxCtx } from '../../platform/context.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { caseRepo } from './repository.ts';

registerErrors({
  'cases.onsite_check_required': {
    status: 409,
    zh: '申请人适用“现场核查”惩戒措施：作出决定前须完成现场核查（特别程序“现场勘验”）',
    en: 'The applicant is subject to a mandatory on-site check: complete one (special procedure "inspection") before the decision',
  },
});

/**
 * The seam to the credit module: the applicant's credit lists and the joint incentives and
 * sanctions that apply. A dishonest applicant (严重失信主体名单, judgment defaulters) gets no 告知承诺
 * and no 容缺受理 (DOMAIN.md §4, §8). The credit module puts its check in place at start-up with
 * `setCreditCheck` and records each check (the case number and stage) with the measures applied;
 * without it (tests that stub it) nobody is flagged.
 */
export interface CreditFinding {
  dishonest: boolean;
  /** Where the finding comes from ('none' while no credit data exists). */
  source: string;
  /** The lists the applicant is on today (honor, dishonesty, abnormal_operation, judgment_defaulter). */
  lists?: string[];
  /** The measures applied (fast_lane, deferral_allowed, no_commitment, no_deferral, onsite_check, …). */
  measures?: string[];
}

/** Which case asks, and at which point: the credit module records the check under it. */
export interface CreditCheckPoint {
  caseNo: string;
  stage: 'submit' | 'accept' | 'decide';
}

export type CreditCheck = (ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }, at?: CreditCheckPoint) => Promise<CreditFinding>;

const notFlagged: CreditCheck = async () => ({ dishonest: false, source: 'none' });
let current: CreditCheck = notFlagged;

/**
 * Asks the credit module and applies what the case itself must enforce at this point. Before the
 * decision (approving at the decide step): an applicant under `onsite_check` (严重失信主体名单,
 * 经营异常名录; 国发〔2016〕33号) cannot be approved until the case holds a completed on-site check,
 * i.e. a special procedure 现场勘验 (`start_special_procedure` with procedure `inspection`, then
 * `end_special_procedure` with its findings): 409 `cases.onsite_check_required`.
 */
export async function checkCredit(ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }, at?: CreditCheckPoint): Promise<CreditFinding> {
  const finding = await current(ctx, applicant, at);
  if (at?.stage === 'decide' && finding.measures?.includes('onsite_check') && !(await onsiteCheckDone(ctx as TxCtx, at.caseNo)))
    throw new AppError('cases.onsite_check_required', { extra: { source: finding.source, measures: finding.measures } });
  return finding;
}

/** Whether the case's log holds an on-site check (现场勘验) that has ended (an open special procedure blocks every decision anyway). */
async function onsiteCheckDone(t: TxCtx, caseNo: string): Promise<boolean> {
  const row = await caseRepo.byNo(t.tx, caseNo);
  if (!row) return false;
  const log = await caseRepo.actions(t.tx, row.id);
  const started = log.findIndex((a) => a.action === 'start_special_procedure' && a.payload.procedure === 'inspection');
  return started >= 0 && log.slice(started + 1).some((a) => a.action === 'end_special_procedure');
}

/** Replaces the credit check (the credit module at start-up; a stub in tests). Returns a function restoring the previous one. */
export function setCreditCheck(check: CreditCheck | null): () => void {
  const previous = current;
  current = check ?? notFlagged;
  return () => {
    current = previous;
  };
}

/**
 * 容缺受理 for the honor list (measure `deferral_allowed`, 国发〔2016〕33号 第（四）项): besides the item's
 * 容缺 list, any of `applicantMaterials` (what the applicant provides, never what the government
 * fetches) may be left out at submit and accepted as pending. Sanctions win: a subject also under
 * `no_deferral` never gets it (the credit module cancels the incentive).
 */
export function deferrableWithCredit(finding: CreditFinding, itemList: readonly string[], applicantMaterials: readonly string[]): string[] {
  if (!finding.measures?.includes('deferral_allowed') || finding.dishonest) return [...itemList];
  return [...new Set([...itemList, ...applicantMaterials])];
}

/** 绿色通道 (measure `fast_lane`): the case is marked and comes first in the to-do lists. */
export const fastLaneOf = (finding: CreditFinding): boolean => !finding.dishonest && (finding.measures?.includes('fast_lane') ?? false);
