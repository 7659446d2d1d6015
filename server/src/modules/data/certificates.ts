import { z } from 'zod';
import { assertCan } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { AppError } from '../../platform/errors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { isValidUscc, maskIdNumber, normalizeIdNumber } from '../../platform/validators.ts';
import { findLegalEntityByUscc, findPersonByIdNumber } from '../identity/index.ts';
import { consentRepo } from './consent-repository.ts';
import { EXCHANGE_RATE, type Requester } from './exchange.ts';
import { dataPermissions as P } from './policy.ts';
import { departmentNames } from './present.ts';
import { resourceRepo } from './repository.ts';
import { recordAccess } from './access-record.ts';
import { shareRepo } from './share-repository.ts';

/**
 * Certificates as shared data (GB/T 36906 idea): a department system looks up the electronic
 * certificates this platform issued, by holder and certificate type, through the sharing API. The
 * certificates belong to the cases module, which registers its look-up here (`useCertificateSource`,
 * so that data never imports cases); they are catalogued as the resource `platform.certificates`
 * (conditional: only within an approved share request), every call is logged in data_access_log
 * (shown to the holder in 数据使用记录) and audited, and a type flagged as needing consent is refused
 * (`data.consent_required`) unless the holder has granted it.
 */
export const CERTIFICATE_RESOURCE = 'platform.certificates';
export const CERTIFICATE_CONNECTOR = 'platform.certificates';

export interface SharedCertificate {
  identifier: string;
  name: string;
  holderName: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  status: string;
  content: Record<string, unknown>;
}
export type CertificateSource = (ctx: Ctx, holder: { kind: 'person' | 'entity'; id: string }, certificateType: string) => Promise<SharedCertificate[]>;

let source: CertificateSource | null = null;
/** The cases module registers its certificate look-up (the certificate library's connector). */
export function useCertificateSource(fn: CertificateSource): void {
  source = fn;
}

/** The resource's fields → the certificate's attribute. */
const fieldOf: Record<string, (c: SharedCertificate) => unknown> = {
  identifier: (c) => c.identifier,
  name: (c) => c.name,
  holder_name: (c) => c.holderName,
  issuer: (c) => c.issuer,
  issued_on: (c) => c.issuedOn,
  valid_until: (c) => c.validUntil,
  status: (c) => c.status,
  content: (c) => c.content,
};
export const certificateFields = Object.keys(fieldOf);

export const CertificateQuery = z.object({
  holder: z.union([z.object({ idNumber: z.string().min(15).max(18) }), z.object({ uscc: z.string().length(18) })]),
  certificateType: z.string().trim().min(1).max(60).describe('the certificate type (its name, e.g. 营业执照)'),
  fields: z
    .array(z.enum(certificateFields as [string, ...string[]]))
    .min(1)
    .max(20)
    .optional()
    .describe('default: every field the approval grants'),
  purpose: z.string().trim().min(2).max(200),
  approvalId: z.string().uuid().optional(),
  caseNo: z.string().max(40).optional(),
});
export type CertificateQuery = z.infer<typeof CertificateQuery>;

export const CertificateAnswer = z.object({
  accessId: z.string().uuid(),
  certificateType: z.string(),
  approvalId: z.string().uuid().nullable(),
  consent: z.enum(['not_required', 'granted']),
  certificates: z.array(z.record(z.string(), z.unknown())),
  source: z.object({ departmentId: z.string().uuid(), departmentName: z.string(), system: z.string(), fetchedAt: z.string() }),
});

interface Resolved {
  resourceId: string | null;
  version: number | null;
  ownerDepartmentId: string | null;
  approvalId: string | null;
  system?: string;
  fields?: string[];
  consent?: 'not_required' | 'granted';
}

const refusal = (code: string, resolved: Resolved, extra: Record<string, unknown> = {}) => Object.assign(new AppError(code, { extra }), { resolved });

/** One look-up of a holder's certificates of one type: authorized, consented where required, logged and audited. */
export async function queryCertificates(ctx: Ctx, requester: Requester, input: CertificateQuery) {
  const now = ctx.now?.() ?? new Date();
  const db = ctx.database.db;
  let subject: { kind: 'person' | 'entity'; mask: string; index: string | null; holderId: string | null };
  if ('idNumber' in input.holder) {
    const id = normalizeIdNumber(input.holder.idNumber);
    if (!id) throw new AppError('data.subject_invalid', { fields: [{ field: 'holder.idNumber', code: 'invalid' }] });
    const person = await findPersonByIdNumber(ctx, id);
    subject = { kind: 'person', mask: maskIdNumber(id), index: blindIndex(ctx.config.secrets.dataKey, id), holderId: person?.id ?? null };
  } else {
    const uscc = input.holder.uscc.toUpperCase();
    if (!isValidUscc(uscc)) throw new AppError('data.subject_invalid', { fields: [{ field: 'holder.uscc', code: 'invalid' }] });
    const entity = await findLegalEntityByUscc(ctx, uscc);
    subject = { kind: 'entity', mask: uscc, index: null, holderId: entity?.id ?? null };
  }

  const record = (resolved: Resolved, outcome: 'ok' | 'refused' | 'failed', code: string | null) =>
    recordAccess(
      ctx,
      {
        at: now,
        requester,
        resource: {
          id: resolved.resourceId,
          code: CERTIFICATE_RESOURCE,
          version: resolved.version,
          ownerDepartmentId: resolved.ownerDepartmentId,
          approvalId: resolved.approvalId,
        },
        subject: { kind: subject.kind, personId: subject.kind === 'person' ? subject.holderId : null, index: subject.index, mask: subject.mask },
        fields: resolved.fields ?? input.fields ?? [],
        purpose: input.purpose,
        caseNo: input.caseNo,
        outcome,
        refusal: code,
        detail: input.certificateType,
      },
      { action: 'data.exchange.certificates', summary: { certificateType: input.certificateType, consent: resolved.consent ?? null } },
    );

  const resolved: Resolved = { resourceId: null, version: null, ownerDepartmentId: null, approvalId: null };
  try {
    await authorize(ctx, requester, input, subject, resolved, now);
  } catch (e) {
    if (e instanceof AppError) await record(resolved, 'refused', e.code);
    throw e;
  }
  if (ctx.config.RATE_LIMITS !== 'off') {
    const hit = await hitRateLimit(db, 'data.exchange', requester.clientId ?? requester.departmentId, EXCHANGE_RATE, now);
    if (!hit.ok) {
      await record(resolved, 'refused', 'rate.limited');
      throw new AppError('rate.limited', { extra: { retryAfterSeconds: hit.retryAfterSeconds } });
    }
  }
  let found: SharedCertificate[];
  try {
    if (!source) throw new Error('no certificate source registered');
    found = subject.holderId ? await source(ctx, { kind: subject.kind, id: subject.holderId }, input.certificateType) : [];
  } catch (e) {
    ctx.log.warn({ err: e }, 'certificate source failed');
    await record(resolved, 'failed', 'data.provider_unavailable');
    throw new AppError('data.provider_unavailable', { extra: { resource: CERTIFICATE_RESOURCE } });
  }
  const accessId = await record(resolved, 'ok', null);
  const names = await departmentNames(ctx, [resolved.ownerDepartmentId!]);
  return {
    accessId,
    certificateType: input.certificateType,
    approvalId: resolved.approvalId,
    consent: resolved.consent!,
    certificates: found.map((c) => Object.fromEntries(resolved.fields!.map((f) => [f, fieldOf[f]!(c)]))),
    source: {
      departmentId: resolved.ownerDepartmentId!,
      departmentName: names.get(resolved.ownerDepartmentId!) ?? '',
      system: resolved.system ?? '',
      fetchedAt: now.toISOString(),
    },
  };
}

/** The resource is published and shared; the fields are within an approval in force; the holder consented where the type needs it. */
async function authorize(
  ctx: Ctx,
  requester: Requester,
  input: CertificateQuery,
  subject: { kind: 'person' | 'entity'; holderId: string | null },
  resolved: Resolved,
  now: Date,
): Promise<void> {
  const db = ctx.database.db;
  const r = await resourceRepo.byCode(db, CERTIFICATE_RESOURCE);
  Object.assign(resolved, { resourceId: r?.id ?? null, version: r?.publishedVersion ?? null, ownerDepartmentId: r?.departmentId ?? null });
  if (!r || r.publishedVersion === null) throw refusal('data.not_published', resolved);
  const snapshot = (await resourceRepo.version(db, r.id, r.publishedVersion))!.snapshot;
  resolved.system = snapshot.sourceSystem;
  if (snapshot.sharingType === 'none') throw refusal('data.not_shared', resolved);
  let granted = snapshot.fields.map((f) => f.name).filter((f) => f in fieldOf);
  if (snapshot.sharingType === 'conditional' && r.departmentId !== requester.departmentId) {
    const approval = input.approvalId ? await shareRepo.find(db, input.approvalId) : await shareRepo.latestApproved(db, r.id, requester.departmentId);
    if (!approval || approval.resourceId !== r.id || approval.requesterDepartmentId !== requester.departmentId || approval.status !== 'approved')
      throw refusal('data.no_approval', resolved);
    resolved.approvalId = approval.id;
    if (!approval.expiresAt || approval.expiresAt <= now) throw refusal('data.approval_expired', resolved, { expiresAt: approval.expiresAt?.toISOString() });
    granted = granted.filter((f) => (approval.fieldsGranted ?? []).includes(f));
  }
  const fields = input.fields ? [...new Set(input.fields)] : granted;
  resolved.fields = fields;
  const beyond = fields.filter((f) => !granted.includes(f));
  if (beyond.length) throw refusal('data.fields_out_of_scope', resolved, { fields: beyond });
  const type = await consentRepo.type(db, input.certificateType);
  if (!type?.consentRequired) {
    resolved.consent = 'not_required';
    return;
  }
  const consent = subject.holderId ? await consentRepo.activeOf(db, { kind: subject.kind, id: subject.holderId }, input.certificateType) : undefined;
  if (!consent) throw refusal('data.consent_required', resolved, { certificateType: input.certificateType, legalBasis: type.legalBasis });
  resolved.consent = 'granted';
}

/** The sharing API for certificates: only a registered department system (client credentials, scope `api:data.exchange`). */
export async function exchangeCertificates(ctx: Ctx, input: CertificateQuery) {
  const actor = ctx.actor;
  if (actor.kind !== 'api-client' || !actor.departmentId) throw new AppError('data.api_only');
  assertCan(actor, P.query, { departmentId: actor.departmentId });
  return queryCertificates(ctx, { departmentId: actor.departmentId, clientId: actor.subjectId ?? null, name: actor.name }, input);
}
