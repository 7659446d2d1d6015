import { randomInt, timingSafeEqual } from 'node:crypto';
import { openPersonal, sealPersonal, sm3 } from '../../../platform/crypto/index.ts';

/**
 * Random parts of a certificate (issue 11 §3), in Crockford's base32 (no I, L, O, U: nothing to
 * misread on paper): the serial part of new identifiers, and the verification code printed on the
 * certificate and carried in its QR code.
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomCrockford(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += CROCKFORD[randomInt(CROCKFORD.length)];
  return s;
}

/** Serial part of a new identifier: the issue date (yyyymmdd, readable) and 10 random characters (50 bits), so it cannot be derived from the case number. */
export function randomSerial(issuedOn: string): string {
  return `${issuedOn.replaceAll('-', '')}${randomCrockford(10)}`;
}

/** A new verification code: 12 characters (60 bits), without hyphens (the stored form). */
export function newVerificationCode(): string {
  return randomCrockford(12);
}

/** As printed: XXXX-XXXX-XXXX. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What a person typed, as stored: upper case, spaces and hyphens dropped, O → 0 and I/L → 1 (Crockford). */
export function normalizeVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function sealVerificationCode(dataKey: string, code: string): string {
  return sealPersonal(dataKey, code);
}

export function openVerificationCode(dataKey: string, sealed: string | null): string | null {
  return sealed ? openPersonal(dataKey, sealed) : null;
}

/** Constant-time comparison of a presented code with the sealed one (digests of equal length). */
export function verificationCodeMatches(dataKey: string, sealed: string | null, presented: string): boolean {
  const stored = openVerificationCode(dataKey, sealed);
  const a = Buffer.from(sm3(`certificate-code:${normalizeVerificationCode(presented)}`), 'hex');
  const b = Buffer.from(sm3(`certificate-code:${stored ?? ''}`), 'hex');
  return timingSafeEqual(a, b) && stored !== null;
}
