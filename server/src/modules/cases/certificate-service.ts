import type { Ctx, TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
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

/** Primitive form fields only, as they appear on the certificate. */
function certificateFields(formData: Record<string, unknown>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(formData).filter((e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1])));
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
    fields: certificateFields(row.formData),
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
