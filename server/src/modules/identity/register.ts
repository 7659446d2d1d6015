import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { blindIndex, sealPersonal } from '../../platform/crypto/index.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { maskIdNumber, maskPhone, normalizeIdNumber } from '../../platform/validators.ts';
import { accountRepo, personRepo } from './repository.ts';
import { citizenRepo } from './account-repository.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { assertMobile, consumeSmsCode, phoneIndexOf } from './sms-codes.ts';
import { openSession } from './citizen-sign-in.ts';

export interface CitizenRegistration {
  name: string;
  idNumber: string;
  mobile: string;
  smsCode: string;
  password: string;
  userAgent?: string;
}

/**
 * 自然人注册: a citizen opens their own account online with name, ID number (GB 11643 check),
 * mobile number confirmed by an SMS code (purpose `register`) and a password (the strength rule).
 * The account's sign-in name is the mobile number; its level of assurance is `registered` until a
 * real-name check (real-name.ts) or a window clerk raises it. An ID number that already has a
 * person account is refused (`auth.id_number_registered`), as is a mobile number bound to another
 * account. A person already known without an account (e.g. a walk-in applicant) gets the account
 * when the name matches. Everything but the code is checked before the code is used up. Signs in.
 */
export async function registerCitizen(ctx: Ctx, input: CitizenRegistration): Promise<{ token: string; actor: Actor }> {
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new AppError('validation.id_number', { fields: [{ field: 'idNumber', code: 'id_number' }] });
  assertMobile(input.mobile);
  const name = input.name.trim();
  assertStrongPassword(input.password, 'password', [name, input.mobile]);
  const key = ctx.config.secrets.dataKey;
  const idIndex = blindIndex(key, idNumber);
  const phoneIndex = phoneIndexOf(ctx, input.mobile);
  const db = ctx.database.db;
  const assertFree = async (tx: typeof db) => {
    const known = await personRepo.byIndex(tx, idIndex);
    if (known && (await accountRepo.personAccountOf(tx, known.id)))
      throw new AppError('auth.id_number_registered', { fields: [{ field: 'idNumber', code: 'id_number_registered' }] });
    if (known && known.name !== name) throw new AppError('resource.conflict', { fields: [{ field: 'name', code: 'does_not_match' }] });
    if ((await citizenRepo.accountsByPhoneIndex(tx, phoneIndex)).length || (await accountRepo.byUsername(tx, input.mobile)))
      throw new AppError('auth.mobile_registered', { fields: [{ field: 'mobile', code: 'mobile_registered' }] });
    return known;
  };
  await assertFree(db);
  const passwordHash = await hashPassword(ctx.config, input.password);
  await consumeSmsCode(ctx, { mobile: input.mobile, purpose: 'register', code: input.smsCode });
  const now = ctx.now?.() ?? new Date();
  const accountId = newId();
  const personId = newId();
  return transact({ ...ctx, actor: { id: accountId, kind: 'person', name, grants: [] } }, async (t) => {
    const known = await assertFree(t.tx);
    const phone = { phoneSealed: sealPersonal(key, input.mobile), phoneMasked: maskPhone(input.mobile), phoneIndex };
    const person = known ?? {
      id: personId,
      name,
      idNumberSealed: sealPersonal(key, idNumber),
      idNumberIndex: idIndex,
      idNumberMasked: maskIdNumber(idNumber),
      gender: (Number(idNumber[16]) % 2 === 1 ? 'male' : 'female') as 'male' | 'female',
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      ...phone,
      address: null,
      regionCode: null,
      verifiedAt: null,
      createdAt: now,
    };
    if (known) await citizenRepo.updatePerson(t.tx, known.id, phone);
    else {
      await personRepo.insert(t.tx, person);
      t.audit({ action: 'person.create', objectType: 'person', objectId: person.id, summary: { name, idNumberMasked: person.idNumberMasked, online: true } });
    }
    const account = {
      id: accountId,
      username: input.mobile,
      kind: 'person' as const,
      passwordHash,
      personId: person.id,
      assuranceLevel: 'registered' as const,
      createdAt: now,
    };
    await accountRepo.insert(t.tx, account);
    t.audit({
      action: 'account.register',
      objectType: 'account',
      objectId: accountId,
      summary: { personId: person.id, idNumberMasked: person.idNumberMasked, mobileMasked: phone.phoneMasked, assuranceLevel: 'registered' },
    });
    const row = (await accountRepo.byId(t.tx, accountId))!;
    const actor: Actor = { id: accountId, kind: 'person', name: person.name, grants: [], subjectId: person.id };
    return openSession(t, row, actor, 'register', input.userAgent);
  });
}
