import { assertCan } from '../../platform/auth/index.ts';
import type { Ctx, TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import type { CreditCheck, CreditFinding } from '../cases/index.ts';
import { measureRules, measuresFor } from './measures.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf, presentCheck } from './present.ts';
import { checkRepo, entryRepo } from './repository.ts';
import { subjectOfApplicant } from './subjects.ts';

type CreditCheckPoint = NonNullable<Parameters<CreditCheck>[2]>;

/** Lists whose subjects are refused 告知承诺 and 容缺受理. */
const DISHONEST_LISTS = ['dishonesty', 'judgment_defaulter'];

/** The lists a subject is on today and the measures of the rule table that follow. */
export async function creditStanding(ctx: Ctx, subject: { kind: 'entity' | 'person'; key: string }) {
  const entries = await entryRepo.inForce(ctx.database.db, subject.kind, subject.key, ctx.calendar.today());
  const lists = [...new Set(entries.map((e) => e.list))].sort();
  return { lists, measures: measuresFor(lists) };
}

/**
 * The check the cases module calls (at submit, at acceptance, before the decision): the applicant's
 * lists and measures; when a case asks, the check is recorded under its number in the case's
 * transaction (the cases module's transaction audits the action it belongs to).
 */
export async function creditCheck(ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }, at?: CreditCheckPoint): Promise<CreditFinding> {
  const subject = await subjectOfApplicant(ctx, applicant);
  if (!subject) return { dishonest: false, source: 'credit', lists: [], measures: [] };
  const { lists, measures } = await creditStanding(ctx, subject);
  if (at && 'tx' in ctx) {
    await checkRepo.insert((ctx as TxCtx).tx, {
      id: newId(),
      caseNo: at.caseNo,
      stage: at.stage,
      subjectKind: subject.kind,
      subjectKey: subject.key,
      lists,
      measures,
      checkedAt: nowOf(ctx),
    });
  }
  const dishonest = lists.some((l) => DISHONEST_LISTS.includes(l));
  return { dishonest, source: dishonest ? `credit:${lists.filter((l) => DISHONEST_LISTS.includes(l)).join(',')}` : 'credit', lists, measures };
}

/** The checks a case made, with the measures applied (credit office; the case's handlers read it on the case page). */
export async function checksOfCase(ctx: Ctx, caseNo: string) {
  assertCan(ctx.actor, P.read);
  return (await checkRepo.ofCase(ctx.database.db, caseNo)).map(presentCheck);
}

/** The rule table of joint incentives and sanctions. */
export function listMeasureRules() {
  return measureRules.map((r) => ({ ...r }));
}
