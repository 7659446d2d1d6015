import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { openPersonal } from '../../platform/crypto/index.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { accountRepo, personRepo } from './repository.ts';
import { citizenRepo, type AssuranceLevel } from './account-repository.ts';
import './account-policy.ts';
import { assertAdapterUsable } from './simulated-adapters.ts';

/** What the public-security identity check (公安身份核验) is asked: name + ID number, optionally a face image. */
export interface RealNameCheck {
  name: string;
  idNumber: string;
  /** A face image (base64 JPEG from the camera) for the liveness/portrait comparison, when the city's service offers it. */
  face?: string;
}
export type RealNameResult = { ok: true } | { ok: false; reason: 'name_mismatch' | 'not_found' | 'face_mismatch' };

/** The adapter a city contracts with (docs/identity.md). The demo and tests use the simulated one. */
export interface RealNameProvider {
  name: string;
  check(input: RealNameCheck): Promise<RealNameResult>;
}

/**
 * The simulated register (docs/identity.md, "Test identities"): every valid ID number is known
 * under any name, except that a name beginning with 冒名 does not match its number, an ID number
 * whose sequence code (digits 15–17) is 999 is not in the register, and the face image
 * "mismatch" fails the face check.
 */
export const simulatedRealNameProvider: RealNameProvider = {
  name: 'simulated',
  async check({ name, idNumber, face }) {
    if (idNumber.slice(14, 17) === '999') return { ok: false, reason: 'not_found' };
    if (name.startsWith('冒名')) return { ok: false, reason: 'name_mismatch' };
    if (face !== undefined && face.trim() === 'mismatch') return { ok: false, reason: 'face_mismatch' };
    return { ok: true };
  },
};

let provider: RealNameProvider = simulatedRealNameProvider;
/** Plugs in the city's provider (at start, before serving). */
export function useRealNameProvider(p: RealNameProvider): void {
  provider = p;
}

/** Checks a day of an account may ask for (each check costs the city money). */
const CHECKS_PER_DAY = 5;
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['registered', 'real_name', 'in_person'];
export const assuranceRank = (level: AssuranceLevel) => ASSURANCE_LEVELS.indexOf(level);

/**
 * 实名认证: the signed-in citizen's name and ID number (as registered) are checked by the provider.
 * Passing raises the account to `real_name` (an account verified in person stays `in_person`);
 * failing is audited and answered 422 `identity.real_name_failed` naming the reason. At most
 * CHECKS_PER_DAY checks per account and day (429 `rate.limited`).
 */
export async function verifyRealName(ctx: Ctx, input: { face?: string }): Promise<{ assuranceLevel: AssuranceLevel }> {
  const now = ctx.now?.() ?? new Date();
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account || account.kind !== 'person' || !account.personId) throw new AppError('auth.forbidden');
  const person = await personRepo.byId(ctx.database.db, account.personId);
  if (!person) throw notFound('person', account.personId);
  assertAdapterUsable(ctx.config, provider.name);
  const hit = await hitRateLimit(ctx.database.db, 'real_name.account', account.id, { max: CHECKS_PER_DAY, windowSeconds: 86_400 }, now);
  if (!hit.ok) throw new AppError('rate.limited', { extra: { retryAfterSeconds: hit.retryAfterSeconds } });
  const result = await provider.check({ name: person.name, idNumber: openPersonal(ctx.config.secrets.dataKey, person.idNumberSealed), face: input.face });
  const level = assuranceRank(account.assuranceLevel) >= assuranceRank('real_name') ? account.assuranceLevel : 'real_name';
  await transact(ctx, async (t) => {
    if (!result.ok) {
      t.audit({ action: 'account.real_name_failed', objectType: 'account', objectId: account.id, summary: { provider: provider.name, reason: result.reason } });
      return;
    }
    await accountRepo.update(t.tx, account.id, { assuranceLevel: level });
    await citizenRepo.updatePerson(t.tx, person.id, { verifiedAt: now });
    t.audit({
      action: 'account.real_name_verified',
      objectType: 'account',
      objectId: account.id,
      summary: { provider: provider.name, face: input.face !== undefined, from: account.assuranceLevel, to: level },
    });
  });
  if (!result.ok) {
    const field = result.reason === 'face_mismatch' ? 'face' : 'name';
    throw new AppError('identity.real_name_failed', {
      fields: [{ field, code: result.reason === 'face_mismatch' ? 'face_mismatch' : 'real_name_mismatch' }],
      extra: { reason: result.reason },
    });
  }
  return { assuranceLevel: level };
}

/**
 * An online applicant's account must reach `required` (a guide's requiredAssurance): 403
 * `identity.assurance_required` with the current and required levels otherwise. Reads through the
 * caller's executor (inside a transaction: its `t`).
 */
export async function assertAssuranceLevel(ctx: Ctx, required: AssuranceLevel | undefined): Promise<void> {
  if (!required || required === 'registered') return;
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  const current = account?.assuranceLevel ?? 'registered';
  if (assuranceRank(current) < assuranceRank(required))
    throw new AppError('identity.assurance_required', { extra: { currentLevel: current, requiredLevel: required } });
}
