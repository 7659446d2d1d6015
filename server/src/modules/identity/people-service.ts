import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { blindIndex, openPersonal, sealPersonal } from '../../platform/crypto/index.ts';
import { maskIdNumber, maskPhone, normalizeIdNumber, isValidUscc, isMobilePhone } from '../../platform/validators.ts';
import { can, definePermissions } from '../../platform/auth/index.ts';
import { findRegion } from '../org/index.ts';
import { accountRepo, entityRepo, personRepo, type PersonRow } from './repository.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { extendBuiltInRole } from './roles.ts';
import { phoneIndexOf } from './sms-codes.ts';

/** Opening a citizen's account (开通自然人账户) at a window or by an administrator, in a region. */
export const PERSON_REGISTER = 'identity.person.register';
definePermissions({ [PERSON_REGISTER]: { zh: '为自然人开通账户（核验身份后）', en: 'Open citizen accounts (after checking identity)' } });
extendBuiltInRole('it_admin', [PERSON_REGISTER]);
extendBuiltInRole('window_clerk', [PERSON_REGISTER]);

export interface PersonInput {
  name: string;
  idNumber: string;
  phone?: string;
  address?: string;
  regionCode?: string;
}

/** Creates a person (自然人) with the ID number sealed; returns the existing one for a known number. */
export async function ensurePerson(t: TxCtx, input: PersonInput): Promise<PersonRow> {
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new AppError('validation.id_number', { fields: [{ field: 'idNumber', code: 'id_number' }] });
  if (input.phone && !isMobilePhone(input.phone)) throw new AppError('request.invalid', { fields: [{ field: 'phone', code: 'invalid_format' }] });
  const key = t.config.secrets.dataKey;
  const index = blindIndex(key, idNumber);
  const existing = await personRepo.byIndex(t.tx, index);
  if (existing) return existing;
  const row = {
    id: newId(),
    name: input.name,
    idNumberSealed: sealPersonal(key, idNumber),
    idNumberIndex: index,
    idNumberMasked: maskIdNumber(idNumber),
    gender: (Number(idNumber[16]) % 2 === 1 ? 'male' : 'female') as 'male' | 'female',
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    phoneSealed: input.phone ? sealPersonal(key, input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    phoneIndex: input.phone ? phoneIndexOf(t, input.phone) : null,
    address: input.address ?? null,
    regionCode: input.regionCode ?? null,
    verifiedAt: new Date(),
    createdAt: new Date(),
  };
  await personRepo.insert(t.tx, row);
  t.audit({ action: 'person.create', objectType: 'person', objectId: row.id, summary: { name: row.name, idNumberMasked: row.idNumberMasked } });
  return row;
}

/** Finds a person by ID number without ever storing or logging the number. */
export async function findPersonByIdNumber(ctx: Ctx, idNumber: string) {
  const normalized = normalizeIdNumber(idNumber);
  if (!normalized) return undefined;
  const row = await personRepo.byIndex(ctx.database.db, blindIndex(ctx.config.secrets.dataKey, normalized));
  return row ? presentPerson(row) : undefined;
}

export async function getPerson(ctx: Ctx, id: string) {
  const row = await personRepo.byId(ctx.database.db, id);
  if (!row) throw notFound('person', id);
  return presentPerson(row);
}

function presentPerson(p: PersonRow) {
  return {
    id: p.id,
    name: p.name,
    idNumberMasked: p.idNumberMasked,
    gender: p.gender,
    birthDate: p.birthDate,
    phoneMasked: p.phoneMasked,
    address: p.address,
    regionCode: p.regionCode,
  };
}

/**
 * The full ID number, for a staff member who needs it (or the person themself). Every reading is
 * an audit event with the reason given.
 */
export async function revealIdNumber(ctx: Ctx, personId: string, reason: string): Promise<string> {
  return transact(ctx, async (t) => {
    const p = await personRepo.byId(t.tx, personId);
    if (!p) throw notFound('person', personId);
    t.audit({ action: 'person.id_number.read', objectType: 'person', objectId: personId, summary: { reason } });
    return openPersonal(t.config.secrets.dataKey, p.idNumberSealed);
  });
}

/** The digest (blind index) of a person's ID number: the key other modules file a person's records under, never the number. */
export async function personIdDigest(ctx: Ctx, personId: string): Promise<string | undefined> {
  return (await personRepo.byId(ctx.database.db, personId))?.idNumberIndex;
}

/** The phone number of a person for notifications (not audited: used only by the outbox). */
export async function contactPhoneOf(ctx: Ctx, personId: string): Promise<string | undefined> {
  const p = await personRepo.byId(ctx.database.db, personId);
  return p?.phoneSealed ? openPersonal(ctx.config.secrets.dataKey, p.phoneSealed) : undefined;
}

/** getPerson and contactPhoneOf from one read (a submit shows the one and notifies the other). */
export async function getPersonWithContactPhone(ctx: Ctx, id: string) {
  const row = await personRepo.byId(ctx.database.db, id);
  if (!row) throw notFound('person', id);
  return { person: presentPerson(row), contactPhone: row.phoneSealed ? openPersonal(ctx.config.secrets.dataKey, row.phoneSealed) : undefined };
}

export async function ensureLegalEntity(
  t: TxCtx,
  input: { name: string; uscc: string; entityType: string; legalRepresentative: string; regionCode?: string; address?: string },
) {
  const uscc = input.uscc.trim().toUpperCase();
  if (!isValidUscc(uscc)) throw new AppError('validation.uscc', { fields: [{ field: 'uscc', code: 'uscc' }] });
  const existing = await entityRepo.byUscc(t.tx, uscc);
  if (existing) return existing;
  const row = { id: newId(), ...input, uscc, regionCode: input.regionCode ?? null, address: input.address ?? null };
  await entityRepo.insert(t.tx, row);
  t.audit({ action: 'legal_entity.create', objectType: 'legal_entity', objectId: row.id, summary: { name: row.name, uscc } });
  return (await entityRepo.byId(t.tx, row.id))!;
}

export async function getLegalEntity(ctx: Ctx, id: string) {
  const row = await entityRepo.byId(ctx.database.db, id);
  if (!row) throw notFound('legal_entity', id);
  return row;
}

export async function findLegalEntityByUscc(ctx: Ctx, uscc: string) {
  return entityRepo.byUscc(ctx.database.db, uscc.toUpperCase());
}

export interface PersonAccountInput {
  username: string;
  name: string;
  idNumber: string;
  phone?: string | null;
  address?: string | null;
  regionCode: string;
  password: string;
}

/**
 * Opens a sign-in for a citizen (自然人) whose identity a window clerk or an administrator has
 * checked: the person record (ID number sealed, found by its blind index, as ensurePerson stores
 * it) and a `person` account that must change its initial password at first sign-in. The actor
 * must hold identity.person.register in a scope covering the person's region. A person already
 * known (e.g. a walk-in applicant) gets the account if the name matches; a second account for the
 * same person, or a taken username, is a 409. One transaction, audited without the full number.
 */
export async function registerPersonAccount(ctx: Ctx, input: PersonAccountInput) {
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new AppError('validation.id_number', { fields: [{ field: 'idNumber', code: 'id_number' }] });
  const region = await findRegion(ctx, input.regionCode);
  if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
  if (!can(ctx.actor, PERSON_REGISTER, { regionPath: region.path }))
    throw new AppError('auth.out_of_scope', { fields: [{ field: 'regionCode', code: 'out_of_scope' }] });
  assertStrongPassword(input.password, 'password');
  const passwordHash = await hashPassword(ctx.config, input.password);
  return transact(ctx, async (t) => {
    if (await accountRepo.byUsername(t.tx, input.username)) throw new AppError('resource.conflict', { fields: [{ field: 'username', code: 'duplicate' }] });
    const known = await personRepo.byIndex(t.tx, blindIndex(t.config.secrets.dataKey, idNumber));
    if (known) {
      if (known.name !== input.name) throw new AppError('resource.conflict', { fields: [{ field: 'name', code: 'does_not_match' }] });
      if (await accountRepo.personAccountOf(t.tx, known.id))
        throw new AppError('resource.conflict', { fields: [{ field: 'idNumber', code: 'account_exists' }] });
    }
    const person =
      known ??
      (await ensurePerson(t, { name: input.name, idNumber, phone: input.phone ?? undefined, address: input.address ?? undefined, regionCode: region.code }));
    const accountId = newId();
    await accountRepo.insert(t.tx, {
      id: accountId,
      username: input.username,
      kind: 'person',
      passwordHash,
      mustChangePassword: true,
      personId: person.id,
      assuranceLevel: 'in_person',
    });
    t.audit({
      action: 'account.create',
      objectType: 'account',
      objectId: accountId,
      summary: { username: input.username, kind: 'person', personId: person.id, idNumberMasked: person.idNumberMasked, regionCode: region.code },
    });
    return {
      accountId,
      username: input.username,
      mustChangePassword: true,
      person: { id: person.id, name: person.name, idNumberMasked: person.idNumberMasked, phoneMasked: person.phoneMasked, regionCode: person.regionCode },
    };
  });
}
