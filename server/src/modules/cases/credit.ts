import type { Ctx } from '../../platform/context.ts';

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

export function checkCredit(ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }, at?: CreditCheckPoint): Promise<CreditFinding> {
  return current(ctx, applicant, at);
}

/** Replaces the credit check (the credit module at start-up; a stub in tests). Returns a function restoring the previous one. */
export function setCreditCheck(check: CreditCheck | null): () => void {
  const previous = current;
  current = check ?? notFlagged;
  return () => {
    current = previous;
  };
}
