import { formLabels } from './forms-service.ts';
import QRCode from 'qrcode';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { can } from '../../platform/auth/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { casePermissions } from './policy.ts';
import { getLegalEntity, getPerson } from '../identity/index.ts';
import { getDepartment } from '../org/index.ts';
import { buildCertificateIdentifier, parseCertificateIdentifier } from './certificates/identifier.ts';
import { platformSigningKey, signContent, SIGNER_ID, verifyContent } from './certificates/signing.ts';
import { certificateRepo, type CaseRow, type CertificateRow } from './repository.ts';

/**
 * Type code of a certificate: the issuing department's USCC + the 3-digit main-item segment of the
 * item's base code (a national certificate-type registry would replace this; see docs/cases.md).
 */
function typeCodeOf(departmentUscc: string, implementationCode: string): string {
  const baseCode = implementationCode.slice(19);
  const digits = baseCode.slice(6, 9);
  return `${departmentUscc}${/^\d{3}$/.test(digits) ? digits : '001'}`;
}

/** Primitive form fields only, as they appear on the certificate, under the form's (zh) labels. */
function certificateFields(formData: Record<string, unknown>, labels: Record<string, string>): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(formData)
      .filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]))
      .map(([k, v]) => [labels[k] ?? k, v]),
  );
}

/** Issues the signed electronic certificate of an approved case (in the caller's transaction). */
export async function issueCertificate(t: TxCtx, row: CaseRow, today: string): Promise<CertificateRow> {
  const department = await getDepartment(t, row.departmentId);
  const holderCode = row.applicantKind === 'person' ? (await getPerson(t, row.applicantId)).idNumberMasked : (await getLegalEntity(t, row.applicantId)).uscc;
  const identifier = buildCertificateIdentifier({
    typeCode: typeCodeOf(department.uscc, row.implementationCode),
    issuerCode: department.uscc,
    // yyyymmdd + serial: unique per implementation, hence per type and issuer.
    serial: row.caseNo.slice(-12),
    version: '001',
  });
  const content = {
    identifier,
    name: row.resultName,
    holder: { kind: row.applicantKind, name: row.applicantName, code: holderCode },
    issuer: { name: department.name, code: department.uscc },
    item: row.itemName,
    caseNo: row.caseNo,
    fields: certificateFields(row.formData, await formLabels(t, row.implementationCode, row.guideVersion)),
    issuedOn: today,
    validUntil: null,
  };
  const key = platformSigningKey(t.config);
  const cert = {
    id: newId(),
    identifier,
    caseId: row.id,
    caseNo: row.caseNo,
    name: row.resultName,
    holderKind: row.applicantKind,
    holderId: row.applicantId,
    holderName: row.applicantName,
    issuerDepartmentId: row.departmentId,
    content,
    signature: signContent(content, key.privateKey),
    keyId: key.keyId,
    publicKey: key.publicKey,
  };
  await certificateRepo.insert(t.tx, cert);
  t.audit({ action: 'certificate.issue', objectType: 'certificate', objectId: identifier, summary: { caseNo: row.caseNo, name: row.resultName, keyId: key.keyId } });
  return (await certificateRepo.byIdentifier(t.tx, identifier))!;
}

/**
 * Public verification: the check character, whether the platform issued it, its status, and the
 * signature recomputed over the stored content. Offline: canonical JSON of `content`, SM2/SM3 with
 * the published key.
 */
export async function verifyCertificate(ctx: Ctx, identifier: string) {
  const parsed = parseCertificateIdentifier(identifier);
  const normalized = identifier.trim().toUpperCase();
  const cert = parsed.ok ? await certificateRepo.byIdentifier(ctx.database.db, normalized) : undefined;
  return {
    identifier: normalized,
    checkCharacterValid: parsed.ok,
    found: Boolean(cert),
    status: cert?.status ?? null,
    signatureValid: cert ? verifyContent(cert.content, cert.signature, cert.publicKey) : null,
    content: cert?.content ?? null,
    signature: cert?.signature ?? null,
    keyId: cert?.keyId ?? null,
    publicKey: cert?.publicKey ?? null,
  };
}

export function publicKeyInfo(ctx: Ctx) {
  const key = platformSigningKey(ctx.config);
  return {
    algorithm: 'SM2' as const,
    hash: 'SM3' as const,
    signerId: SIGNER_ID,
    publicKey: key.publicKey,
    keyId: key.keyId,
    canonicalization: 'JSON with object keys sorted by code point, no whitespace, undefined members dropped, UTF-8 (the `content` object of the verification answer)',
  };
}

// ---------- status and wallet ----------

export const certificateStatuses = ['valid', 'cancelled', 'expired', 'revoked', 'withdrawn', 'void'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

/** GB/T 36904 practice codes: 10 valid, 50 cancelled, 60 expired, 70 revoked, 80 withdrawn, 99 void. */
export const certificateStatusCodes = { valid: '10', cancelled: '50', expired: '60', revoked: '70', withdrawn: '80', void: '99' } as const satisfies Record<CertificateStatus, string>;

/** Only a valid certificate changes status, and every change is final. */
export const certificateTransitions = {
  valid: ['cancelled', 'expired', 'revoked', 'withdrawn', 'void'],
  cancelled: [],
  expired: [],
  revoked: [],
  withdrawn: [],
  void: [],
} as const satisfies Record<CertificateStatus, readonly CertificateStatus[]>;

function presentCertificate(c: CertificateRow) {
  return {
    identifier: c.identifier,
    name: c.name,
    caseNo: c.caseNo,
    holder: { kind: c.holderKind, name: c.holderName },
    status: c.status,
    statusCode: certificateStatusCodes[c.status],
    statusReason: c.statusReason,
    issuedAt: c.issuedAt.toISOString(),
    validUntil: c.validUntil,
    content: c.content,
    signature: c.signature,
    keyId: c.keyId,
  };
}

/** 注销 / 吊销 / 撤销 / 作废 / 过期: by staff of the issuing department holding `cases.certificate.manage`. */
export async function changeCertificateStatus(ctx: Ctx, identifier: string, input: { status: Exclude<CertificateStatus, 'valid'>; reason: string; legalBasis?: string }) {
  return transact(ctx, async (t) => {
    const cert = await certificateRepo.byIdentifier(t.tx, identifier.trim().toUpperCase());
    if (!cert) throw notFound('certificate', identifier);
    const department = await getDepartment(t, cert.issuerDepartmentId);
    if (!can(t.actor, casePermissions.certificates, { regionPath: department.regionPath, departmentId: department.id })) throw new AppError('auth.out_of_scope');
    const allowed: readonly CertificateStatus[] = certificateTransitions[cert.status];
    if (!allowed.includes(input.status)) throw new AppError('workflow.action_not_allowed', { extra: { status: cert.status, allowed } });
    const updated = await certificateRepo.setStatus(t.tx, cert.id, cert.status, input.status, [input.reason, input.legalBasis].filter(Boolean).join(' / '));
    if (!updated) throw new AppError('resource.stale');
    t.audit({ action: `certificate.${input.status}`, objectType: 'certificate', objectId: cert.identifier, summary: { from: cert.status, to: input.status, reason: input.reason } });
    await enqueueNotification(t.tx, { channel: 'site', recipientKind: cert.holderKind, recipientId: cert.holderId, template: 'cases.certificate_status', params: { identifier: cert.identifier, name: cert.name, status: input.status, reason: input.reason } });
    return presentCertificate(updated);
  });
}

/** The certificate wallet (证照库) of the signed-in person or entity. */
export async function myCertificates(ctx: Ctx, q: { page: number; pageSize: number }) {
  const { kind, subjectId } = ctx.actor;
  if ((kind !== 'person' && kind !== 'entity') || !subjectId) return pageOf([], 0, q);
  const { rows, total } = await certificateRepo.listForHolder(ctx.database.db, { kind, id: subjectId }, q);
  return pageOf(rows.map(presentCertificate), total, q);
}

const statusZh = { valid: '有效', cancelled: '已注销', expired: '已过期', revoked: '已吊销', withdrawn: '已撤销', void: '已作废' } as const satisfies Record<CertificateStatus, string>;

/** The public verification page a certificate's QR code points to. */
function verifyUrlOf(ctx: Ctx, identifier: string): string {
  return `${(ctx.config.PUBLIC_URL ?? '').replace(/\/$/, '')}/certificates/${identifier}/verify`;
}

/**
 * The certificate as a PDF, for its holder and for staff who may read the issuing department's
 * cases; anyone else gets 404. pdfmake is loaded on the first call.
 */
export async function certificatePdf(ctx: Ctx, identifier: string): Promise<{ identifier: string; pdf: Buffer }> {
  const normalized = identifier.trim().toUpperCase();
  const cert = await certificateRepo.byIdentifier(ctx.database.db, normalized);
  if (!cert) throw notFound('certificate', normalized);
  const holder = (ctx.actor.kind === 'person' || ctx.actor.kind === 'entity') && ctx.actor.kind === cert.holderKind && ctx.actor.subjectId === cert.holderId;
  if (!holder) {
    const department = await getDepartment(ctx, cert.issuerDepartmentId).catch(() => undefined);
    if (!department || !can(ctx.actor, casePermissions.read, { regionPath: department.regionPath, departmentId: department.id })) throw notFound('certificate', normalized);
  }
  const content = cert.content as { name?: string; holder?: { kind?: string; name?: string; code?: string }; issuer?: { name?: string; code?: string }; item?: string; fields?: Record<string, unknown>; issuedOn?: string; validUntil?: string | null };
  const { renderCertificatePdf } = await import('./certificates/pdf.ts');
  const pdf = await renderCertificatePdf({
    identifier: cert.identifier,
    name: content.name ?? cert.name,
    holder: { kind: cert.holderKind, name: content.holder?.name ?? cert.holderName, code: content.holder?.code ?? null },
    issuer: { name: content.issuer?.name ?? '', code: content.issuer?.code ?? null },
    item: content.item ?? null,
    caseNo: cert.caseNo,
    fields: content.fields ?? {},
    issuedOn: content.issuedOn ?? cert.issuedAt.toISOString().slice(0, 10),
    validUntil: content.validUntil ?? cert.validUntil,
    status: cert.status,
    statusLabel: statusZh[cert.status],
    signature: cert.signature,
    keyId: cert.keyId,
    verifyUrl: verifyUrlOf(ctx, cert.identifier),
  });
  return { identifier: cert.identifier, pdf };
}

/** An SVG QR code of the certificate's public verification page (the portal's /certificates/{identifier}/verify, which calls the verify API). */
export async function certificateQrSvg(ctx: Ctx, identifier: string): Promise<string> {
  const parsed = parseCertificateIdentifier(identifier);
  if (!parsed.ok) throw new AppError('cases.certificate_invalid_identifier');
  const normalized = identifier.trim().toUpperCase();
  if (!(await certificateRepo.byIdentifier(ctx.database.db, normalized))) throw notFound('certificate', normalized);
  return QRCode.toString(verifyUrlOf(ctx, normalized), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
