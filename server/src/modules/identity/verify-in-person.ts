import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { assertCan, definePermissions } from '../../platform/auth/index.ts';
import { normalizeIdNumber } from '../../platform/validators.ts';
import { findRegion } from '../org/index.ts';
import { accountRepo, personRepo } from './repository.ts';
import { citizenRepo } from './account-repository.ts';
import { extendBuiltInRole } from './roles.ts';

/** 窗口核验: a window clerk confirms a walk-in citizen's account in person (ID card read, or checked by eye). */
export const PERSON_VERIFY = 'identity.person.verify';
definePermissions({
  [PERSON_VERIFY]: { zh: '窗口核验自然人身份（提升账号认证等级）', en: "Verify a citizen's identity in person (raises the account's assurance level)" },
});
extendBuiltInRole('window_clerk', [PERSON_VERIFY]);
extendBuiltInRole('it_admin', [PERSON_VERIFY]);

export interface InPersonVerification {
  idNumber: string;
  name: string;
  /** How the clerk checked: the ID card's chip read by the reader, or the card and face compared by eye. */
  method: 'id_card_read' | 'by_eye';
}

/**
 * Raises a citizen's account to `in_person` after a window clerk has checked the person and their
 * ID card. The account is found by ID number (blind index); the name must match. The clerk must
 * hold identity.person.verify over the person's region (anywhere in their grants when the person
 * registered online without a region). Audited with the method and without the full number.
 */
export async function verifyInPerson(ctx: Ctx, input: InPersonVerification) {
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new AppError('validation.id_number', { fields: [{ field: 'idNumber', code: 'id_number' }] });
  const person = await personRepo.byIndex(ctx.database.db, blindIndex(ctx.config.secrets.dataKey, idNumber));
  const accountRef = person ? await accountRepo.personAccountOf(ctx.database.db, person.id) : undefined;
  if (!person || !accountRef) throw new AppError('resource.not_found', { fields: [{ field: 'idNumber', code: 'not_found' }] });
  if (person.name !== input.name.trim()) throw new AppError('resource.conflict', { fields: [{ field: 'name', code: 'does_not_match' }] });
  const region = person.regionCode ? await findRegion(ctx, person.regionCode) : undefined;
  assertCan(ctx.actor, PERSON_VERIFY, region ? { regionPath: region.path } : undefined);
  return transact(ctx, async (t) => {
    const account = (await accountRepo.byId(t.tx, accountRef.id))!;
    if (account.closedAt) throw new AppError('identity.account_closed');
    const now = ctx.now?.() ?? new Date();
    await accountRepo.update(t.tx, account.id, { assuranceLevel: 'in_person' });
    await citizenRepo.updatePerson(t.tx, person.id, { verifiedAt: now });
    t.audit({
      action: 'account.verified_in_person',
      objectType: 'account',
      objectId: account.id,
      summary: { method: input.method, from: account.assuranceLevel, personId: person.id, idNumberMasked: person.idNumberMasked },
    });
    return {
      accountId: account.id,
      username: account.username,
      assuranceLevel: 'in_person' as const,
      person: { id: person.id, name: person.name, idNumberMasked: person.idNumberMasked },
    };
  });
}
