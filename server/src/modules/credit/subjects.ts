import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { isValidUscc, maskIdNumber, normalizeIdNumber } from '../../platform/validators.ts';
import { getLegalEntity, getPerson, personIdDigest } from '../identity/index.ts';

/** A credit subject as filed: an entity by USCC, a person by the digest of the ID number (the number itself is never stored). */
export interface Subject {
  kind: 'entity' | 'person';
  key: string;
  name: string;
  idMasked: string | null;
}

export const normalUscc = (uscc: string) => uscc.trim().toUpperCase();

/** An entity subject, or undefined for a USCC failing its check character. */
export function entitySubject(uscc: string, name: string): Subject | undefined {
  const key = normalUscc(uscc);
  return isValidUscc(key) ? { kind: 'entity', key, name, idMasked: null } : undefined;
}

/** A person subject: the same digest identity keeps (HMAC-SM3 under DATA_KEY), and the mask for staff. */
export function personSubject(ctx: Ctx, idNumber: string, name: string): Subject | undefined {
  const normalized = normalizeIdNumber(idNumber);
  if (!normalized) return undefined;
  return { kind: 'person', key: blindIndex(ctx.config.secrets.dataKey, normalized), name, idMasked: maskIdNumber(normalized) };
}

/** The subject of an applicant of the cases module (a legal-entity id or a person id of identity). */
export async function subjectOfApplicant(ctx: Ctx, applicant: { kind: 'person' | 'entity'; id: string }): Promise<Subject | undefined> {
  if (applicant.kind === 'entity') {
    const e = await getLegalEntity(ctx, applicant.id).catch(() => undefined);
    return e ? { kind: 'entity', key: e.uscc, name: e.name, idMasked: null } : undefined;
  }
  const key = await personIdDigest(ctx, applicant.id);
  if (!key) return undefined;
  const p = await getPerson(ctx, applicant.id);
  return { kind: 'person', key, name: p.name, idMasked: p.idNumberMasked };
}

/** A person's name as published: the surname only (张**); an entity's name as it is. */
export function publicName(kind: 'entity' | 'person', name: string): string {
  return kind === 'entity' ? name : `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}

/** The credit subject of the signed-in person or enterprise, or a 403 `credit.not_subject`. */
export async function signedInSubject(ctx: Ctx): Promise<Subject> {
  const { kind, subjectId } = ctx.actor;
  const s = (kind === 'person' || kind === 'entity') && subjectId ? await subjectOfApplicant(ctx, { kind, id: subjectId }) : undefined;
  if (!s) throw new AppError('credit.not_subject');
  return s;
}
