import { formLabels } from './forms-service.ts';
import QRCode from 'qrcode';
import { registerErrors } from '../../platform/errors.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { publicOrigin } from '../../platform/config/index.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan, can } from '../../platform/auth/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { casePermissions } from './policy.ts';
import { getLegalEntity, getPerson } from '../identity/index.ts';
import { getDepartment } from '../org/index.ts';
import { buildCertificateIdentifier, parseCertificateIdentifier } from './certificates/identifier.ts';
import { certificateContentFields } from './certificates/content.ts';
import {
  formatVerificationCode,
  newVerificationCode,
  openVerificationCode,
  randomSerial,
  sealVerificationCode,
  verificationCodeMatches,
} from './certificates/verification-code.ts';
import type { CertificatePdfInput } from './certificates/pdf.ts';
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

registerErrors({
  'cases.certificate_code_wrong': {
    status: 403,
    zh: '核验码不正确（请核对证照上印制的核验码）',
    en: 'Wrong verification code (check the code printed on the certificate)',
  },
});

/**
 * Issues the signed electronic certificate of an approved case (in the caller's transaction).
 * The identifier's serial part is the issue date plus 10 random characters (not the case number,
 * which 办件公示 publishes); the signed content carries only the form fields the certificate type's
 * allow-list names (certificates/content.ts); a random verification code is sealed beside it.
 */
export async function issueCertificate(t: TxCtx, row: CaseRow, today: string): Promise<CertificateRow> {
  const department = await getDepartment(t, row.departmentId);
  const holderCode = row.applicantKind === 'person' ? (await getPerson(t, row.applicantId)).idNumberMasked : (await getLegalEntity(t, row.applicantId)).uscc;
  let identifier = '';
  for (let attempt = 0; ; attempt++) {
    identifier = buildCertificateIdentifier({
      typeCode: typeCodeOf(department.uscc, row.implementationCode),
      issuerCode: department.uscc,
      serial: randomSerial(today),
      version: '001',
    });
    if (!(await certificateRepo.byIdentifier(t.tx, identifier))) break;
    if (attempt >= 3) throw new Error('could not draw a free certificate serial');
  }
  const content = {
    identifier,
    name: row.resultName,
    holder: { kind: row.applicantKind, name: row.applicantName, code: holderCode },
    issuer: { name: department.name, code: department.uscc },
    item: row.itemName,
    caseNo: row.caseNo,
    fields: certificateContentFields(row.resultName, row.formData, await formLabels(t, row.implementationCode, row.guideVersion)),
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
    verificationCodeSealed: sealVerificationCode(t.config.secrets.dataKey, newVerificationCode()),
  };
  await certificateRepo.insert(t.tx, cert);
  t.audit({
    action: 'certificate.issue',
    objectType: 'certificate',
    objectId: identifier,
    summary: { caseNo: row.caseNo, name: row.resultName, keyId: key.keyId },
  });
  return (await certificateRepo.byIdentifier(t.tx, identifier))!;
}

/** Who may read a certificate's full content without its code: the holder, or staff who may read the issuing department's cases. */
async function privilegedReader(ctx: Ctx, cert: CertificateRow): Promise<'holder' | 'staff' | null> {
  const { kind, subjectId } = ctx.actor;
  if ((kind === 'person' || kind === 'entity') && kind === cert.holderKind && subjectId === cert.holderId) return 'holder';
  if (kind !== 'staff') return null;
  const department = await getDepartment(ctx, cert.issuerDepartmentId).catch(() => undefined);
  return department && can(ctx.actor, casePermissions.read, { regionPath: department.regionPath, departmentId: department.id }) ? 'staff' : null;
}

/** A natural person's name as the public sees it: the surname only (张明 → 张*); an entity's name is public registration data. */
function maskedHolderName(kind: string, name: string): string {
  if (kind !== 'person') return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

type SignedContent = { issuer?: { name?: string; code?: string }; issuedOn?: string; validUntil?: string | null };

/**
 * Verification (GB/T 36904 check character, whether the platform issued it, status, and the SM2
 * signature recomputed over the stored content). Anyone with the identifier gets only what a
 * verifier needs: authentic or not, status, type, issuer, the holder's name masked, dates. The
 * signed content and its signature (which would let anyone test guesses of a phone number against
 * it) go to the holder, to staff in scope, or to whoever presents the verification code (`code`;
 * a wrong one is 403 `cases.certificate_code_wrong`). Offline check of the full answer: canonical
 * JSON of `content`, SM2/SM3 with the published key.
 */
export async function verifyCertificate(ctx: Ctx, identifier: string, code?: string) {
  const parsed = parseCertificateIdentifier(identifier);
  const normalized = identifier.trim().toUpperCase();
  const cert = parsed.ok ? await certificateRepo.byIdentifier(ctx.database.db, normalized) : undefined;
  let access: 'public' | 'holder' | 'staff' | 'code' = 'public';
  if (code !== undefined) {
    if (!cert || !verificationCodeMatches(ctx.config.secrets.dataKey, cert.verificationCodeSealed, code)) throw new AppError('cases.certificate_code_wrong');
    access = 'code';
  } else if (cert) {
    access = (await privilegedReader(ctx, cert)) ?? 'public';
  }
  const full = access !== 'public';
  const content = (cert?.content ?? {}) as SignedContent;
  const storedCode = cert && (access === 'holder' || access === 'staff') ? openVerificationCode(ctx.config.secrets.dataKey, cert.verificationCodeSealed) : null;
  return {
    identifier: normalized,
    checkCharacterValid: parsed.ok,
    found: Boolean(cert),
    status: cert?.status ?? null,
    statusCode: cert ? certificateStatusCodes[cert.status] : null,
    signatureValid: cert ? verifyContent(cert.content, cert.signature, cert.publicKey) : null,
    name: cert?.name ?? null,
    holder: cert ? { kind: cert.holderKind, name: full ? cert.holderName : maskedHolderName(cert.holderKind, cert.holderName) } : null,
    issuer: cert ? { name: content.issuer?.name ?? '', code: content.issuer?.code ?? null } : null,
    issuedOn: cert ? (content.issuedOn ?? cert.issuedAt.toISOString().slice(0, 10)) : null,
    validUntil: cert ? (content.validUntil ?? cert.validUntil) : null,
    access,
    content: full && cert ? cert.content : null,
    signature: full && cert ? cert.signature : null,
    keyId: cert?.keyId ?? null,
    publicKey: cert?.publicKey ?? null,
    verificationCode: storedCode ? formatVerificationCode(storedCode) : null,
  };
}

/**
 * A new verification code for a certificate, replacing the old one (a leaked code stops working;
 * a certificate issued before codes existed gets its first). For the holder, or staff of the
 * issuing department who manage certificates; anyone else gets 404.
 */
export async function renewVerificationCode(ctx: Ctx, identifier: string) {
  return transact(ctx, async (t) => {
    const normalized = identifier.trim().toUpperCase();
    const cert = await certificateRepo.byIdentifier(t.tx, normalized);
    if (!cert) throw notFound('certificate', normalized);
    const reader = await privilegedReader(t, cert);
    let allowed = reader === 'holder';
    if (reader === 'staff') {
      const department = await getDepartment(t, cert.issuerDepartmentId);
      allowed = can(t.actor, casePermissions.certificates, { regionPath: department.regionPath, departmentId: department.id });
    }
    if (!allowed) throw notFound('certificate', normalized);
    const code = newVerificationCode();
    await certificateRepo.setVerificationCode(t.tx, cert.id, sealVerificationCode(t.config.secrets.dataKey, code));
    t.audit({
      action: 'certificate.verification_code',
      objectType: 'certificate',
      objectId: cert.identifier,
      summary: { by: reader, replaced: cert.verificationCodeSealed !== null },
    });
    return { identifier: cert.identifier, verificationCode: formatVerificationCode(code) };
  });
}

export function publicKeyInfo(ctx: Ctx) {
  const key = platformSigningKey(ctx.config);
  return {
    algorithm: 'SM2' as const,
    hash: 'SM3' as const,
    signerId: SIGNER_ID,
    publicKey: key.publicKey,
    keyId: key.keyId,
    canonicalization:
      'JSON with object keys sorted by code point, no whitespace, undefined members dropped, UTF-8 (the `content` object of the verification answer)',
  };
}

// ---------- status and wallet ----------

export const certificateStatuses = ['valid', 'cancelled', 'expired', 'revoked', 'withdrawn', 'void'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

/** GB/T 36904 practice codes: 10 valid, 50 cancelled, 60 expired, 70 revoked, 80 withdrawn, 99 void. */
export const certificateStatusCodes = { valid: '10', cancelled: '50', expired: '60', revoked: '70', withdrawn: '80', void: '99' } as const satisfies Record<
  CertificateStatus,
  string
>;

/** Only a valid certificate changes status, and every change is final. */
export const certificateTransitions = {
  valid: ['cancelled', 'expired', 'revoked', 'withdrawn', 'void'],
  cancelled: [],
  expired: [],
  revoked: [],
  withdrawn: [],
  void: [],
} as const satisfies Record<CertificateStatus, readonly CertificateStatus[]>;

function presentCertificate(c: CertificateRow, verificationCode: string | null = null) {
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
    verificationCode,
  };
}

/** 注销 / 吊销 / 撤销 / 作废 / 过期: by staff of the issuing department holding `cases.certificate.manage`. */
export async function changeCertificateStatus(
  ctx: Ctx,
  identifier: string,
  input: { status: Exclude<CertificateStatus, 'valid'>; reason: string; legalBasis?: string },
) {
  return transact(ctx, async (t) => {
    const cert = await certificateRepo.byIdentifier(t.tx, identifier.trim().toUpperCase());
    if (!cert) throw notFound('certificate', identifier);
    const department = await getDepartment(t, cert.issuerDepartmentId);
    assertCan(t.actor, casePermissions.certificates, { regionPath: department.regionPath, departmentId: department.id });
    const allowed: readonly CertificateStatus[] = certificateTransitions[cert.status];
    if (!allowed.includes(input.status)) throw new AppError('workflow.action_not_allowed', { extra: { currentStatus: cert.status, allowed } });
    const updated = await certificateRepo.setStatus(t.tx, cert.id, cert.status, input.status, [input.reason, input.legalBasis].filter(Boolean).join(' / '));
    if (!updated) throw new AppError('resource.stale');
    t.audit({
      action: `certificate.${input.status}`,
      objectType: 'certificate',
      objectId: cert.identifier,
      summary: { from: cert.status, to: input.status, reason: input.reason },
    });
    await enqueueNotification(t.tx, {
      channel: 'site',
      recipientKind: cert.holderKind,
      recipientId: cert.holderId,
      template: 'cases.certificate_status',
      params: { identifier: cert.identifier, name: cert.name, status: input.status, reason: input.reason },
    });
    return presentCertificate(updated);
  });
}

/** The certificate wallet (证照库) of the signed-in person or entity. */
export async function myCertificates(ctx: Ctx, q: { page: number; pageSize: number }) {
  const { kind, subjectId } = ctx.actor;
  if ((kind !== 'person' && kind !== 'entity') || !subjectId) return pageOf([], 0, q);
  const { rows, total } = await certificateRepo.listForHolder(ctx.database.db, { kind, id: subjectId }, q);
  const key = ctx.config.secrets.dataKey;
  return pageOf(
    rows.map((c) => {
      const code = openVerificationCode(key, c.verificationCodeSealed);
      return presentCertificate(c, code ? formatVerificationCode(code) : null);
    }),
    total,
    q,
  );
}

const statusZh = { valid: '有效', cancelled: '已注销', expired: '已过期', revoked: '已吊销', withdrawn: '已撤销', void: '已作废' } as const satisfies Record<
  CertificateStatus,
  string
>;

/**
 * The verification page a certificate's QR code points to. For the holder and staff in scope it
 * carries the verification code in the fragment (`#code=…`), which browsers do not send to the
 * server: the page posts it. Anyone else gets the address without the code.
 */
export async function certificateQrTarget(ctx: Ctx, identifier: string): Promise<string> {
  const normalized = identifier.trim().toUpperCase();
  const cert = await certificateRepo.byIdentifier(ctx.database.db, normalized);
  if (!cert) throw notFound('certificate', normalized);
  const code = (await privilegedReader(ctx, cert)) ? openVerificationCode(ctx.config.secrets.dataKey, cert.verificationCodeSealed) : null;
  return verifyUrlOf(ctx, cert.identifier, code);
}

function verifyUrlOf(ctx: Ctx, identifier: string, code: string | null): string {
  const base = `${publicOrigin(ctx.config)}/certificates/${identifier}/verify`;
  return code ? `${base}#code=${formatVerificationCode(code)}` : base;
}

/** What the PDF shows (holder and in-scope staff only; anyone else 404). */
export async function certificatePdfInput(ctx: Ctx, identifier: string): Promise<CertificatePdfInput> {
  const normalized = identifier.trim().toUpperCase();
  const cert = await certificateRepo.byIdentifier(ctx.database.db, normalized);
  if (!cert || !(await privilegedReader(ctx, cert))) throw notFound('certificate', normalized);
  const code = openVerificationCode(ctx.config.secrets.dataKey, cert.verificationCodeSealed);
  const content = cert.content as {
    name?: string;
    holder?: { kind?: string; name?: string; code?: string };
    issuer?: { name?: string; code?: string };
    item?: string;
    fields?: Record<string, unknown>;
    issuedOn?: string;
    validUntil?: string | null;
  };
  return {
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
    verifyUrl: verifyUrlOf(ctx, cert.identifier, code),
    verificationCode: code ? formatVerificationCode(code) : null,
  };
}

/**
 * The certificate as a PDF, for its holder and for staff who may read the issuing department's
 * cases; anyone else gets 404. It prints the verification code and its QR code carries it.
 * pdfmake is loaded on the first call.
 */
export async function certificatePdf(ctx: Ctx, identifier: string): Promise<{ identifier: string; pdf: Buffer }> {
  const input = await certificatePdfInput(ctx, identifier);
  const { renderCertificatePdf } = await import('./certificates/pdf.ts');
  return { identifier: input.identifier, pdf: await renderCertificatePdf(ctx.config, input) };
}

/** An SVG QR code of the certificate's verification page (with the code for the holder and staff in scope; see certificateQrTarget). */
export async function certificateQrSvg(ctx: Ctx, identifier: string): Promise<string> {
  const parsed = parseCertificateIdentifier(identifier);
  if (!parsed.ok) throw new AppError('cases.certificate_invalid_identifier');
  return QRCode.toString(await certificateQrTarget(ctx, identifier), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
