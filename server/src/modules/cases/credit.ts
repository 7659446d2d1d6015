import type { Ctx } from '../../platform/context.ts';

/**
 * The seam to the credit module (not written yet): is the applicant on a dishonesty list
 * (严重失信主体名单)? Such applicants get no 告知承诺 and no 容缺受理 (DOMAIN.md §4, §8).
 * Until credit data exists nobody is flagged; the credit module will replace the check with
 * `setCreditCheck` (tests use it to put a stub in place).
 */
export interface CreditFinding {
  dishonest: boolean;
  /** Where the finding comes from ('none' while no credit data exists). */
  source: string;
}

export type CreditCheck = (ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }) => Promise<CreditFinding>;

const notFlagged: CreditCheck = async () => ({ dishonest: false, source: 'none' });
let current: CreditCheck = notFlagged;

export function checkCredit(ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }): Promise<CreditFinding> {
  return current(ctx, applicant);
}

/** Replaces the credit check (the credit module at start-up; a stub in tests). Returns a function restoring the previous one. */
export function setCreditCheck(check: CreditCheck | null): () => void {
  const previous = current;
  current = check ?? notFlagged;
  return () => {
    current = previous;
  };
}
