/**
 * Electronic certificate identifiers (电子证照标识, GB/T 36904-2018):
 * `1.2.156.3005.2.{type code}.{issuer code}.{serial}.{version}.{check}`.
 *
 * - type code: USCC (18) of the authority that defines the certificate type + 3 digits;
 * - issuer code: the issuer's USCC (18), or a 6-digit administrative division code (seen in
 *   certificates in circulation; both are accepted);
 * - serial: digits and capital letters, free length;
 * - version: 3 digits (`001`);
 * - check: ISO/IEC 7064 MOD 37,36 over type + issuer + serial + version concatenated.
 */

export const CERTIFICATE_OID_PREFIX = '1.2.156.3005.2';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

function valueOf(ch: string): number {
  const v = ALPHABET.indexOf(ch);
  if (v < 0) throw new RangeError(`character ${JSON.stringify(ch)} is not in 0-9A-Z`);
  return v;
}

/**
 * ISO/IEC 7064 hybrid system MOD 37,36 (M = 36, characters 0-9A-Z): the check character for `data`.
 * P₀ = M; for each character a: S = (P + a) mod M (0 → M), P = 2S mod (M + 1); the check c makes
 * (P + c) mod M = 1.
 */
export function mod3736CheckChar(data: string): string {
  if (data.length === 0) throw new RangeError('empty input');
  let p = M;
  for (const ch of data) {
    let s = (p + valueOf(ch)) % M;
    if (s === 0) s = M;
    p = (2 * s) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

/** True when the last character of `value` is the MOD 37,36 check character of the rest. */
export function isValidMod3736(value: string): boolean {
  if (value.length < 2 || !/^[0-9A-Z]+$/.test(value)) return false;
  return mod3736CheckChar(value.slice(0, -1)) === value.slice(-1);
}

export interface CertificateIdentifierParts {
  /** USCC of the type-defining authority (18) + 3 digits. */
  typeCode: string;
  /** The issuer's USCC (18) or a 6-digit division code. */
  issuerCode: string;
  serial: string;
  /** 3 digits. */
  version: string;
}

const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const ISSUER_CODE = /^(?:[0-9A-HJ-NPQRTUWXY]{18}|\d{6})$/;
const SERIAL = /^[0-9A-Z]{1,64}$/;
const VERSION = /^\d{3}$/;

/** Which part of an identifier is malformed, if any. */
export function partErrors(p: CertificateIdentifierParts): string[] {
  const bad: string[] = [];
  if (!TYPE_CODE.test(p.typeCode)) bad.push('typeCode');
  if (!ISSUER_CODE.test(p.issuerCode)) bad.push('issuerCode');
  if (!SERIAL.test(p.serial)) bad.push('serial');
  if (!VERSION.test(p.version)) bad.push('version');
  return bad;
}

/** Builds the full identifier with its check character; throws on a malformed part. */
export function buildCertificateIdentifier(p: CertificateIdentifierParts): string {
  const bad = partErrors(p);
  if (bad.length) throw new RangeError(`malformed certificate identifier part(s): ${bad.join(', ')}`);
  const check = mod3736CheckChar(p.typeCode + p.issuerCode + p.serial + p.version);
  return [CERTIFICATE_OID_PREFIX, p.typeCode, p.issuerCode, p.serial, p.version, check].join('.');
}

export type ParsedIdentifier = { ok: true; parts: CertificateIdentifierParts; check: string } | { ok: false; reason: 'format' | 'check' };

/** Parses and checks an identifier (case-insensitive; returned parts are upper case). */
export function parseCertificateIdentifier(value: string): ParsedIdentifier {
  const v = value.trim().toUpperCase();
  if (!v.startsWith(`${CERTIFICATE_OID_PREFIX}.`)) return { ok: false, reason: 'format' };
  const rest = v.slice(CERTIFICATE_OID_PREFIX.length + 1).split('.');
  if (rest.length !== 5) return { ok: false, reason: 'format' };
  const [typeCode, issuerCode, serial, version, check] = rest as [string, string, string, string, string];
  const parts = { typeCode, issuerCode, serial, version };
  if (partErrors(parts).length || !/^[0-9A-Z]$/.test(check)) return { ok: false, reason: 'format' };
  if (mod3736CheckChar(typeCode + issuerCode + serial + version) !== check) return { ok: false, reason: 'check' };
  return { ok: true, parts, check };
}
