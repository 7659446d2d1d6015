/**
 * Check characters of the codes every Chinese government system meets (DOMAIN.md §3).
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit of the first 17 characters. */
export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) return false;
  return idNumberCheckDigit(v.slice(0, 17)) === v[17];
}

/** A 15-digit legacy number becomes 18: insert "19" before the year, append the check digit. */
export function upgradeLegacyIdNumber(value15: string): string {
  if (!/^\d{15}$/.test(value15)) throw new Error('not a 15-digit ID number');
  const first17 = `${value15.slice(0, 6)}19${value15.slice(6)}`;
  return first17 + idNumberCheckDigit(first17);
}

/** Normalises an ID number (upper-case X, legacy 15 upgraded) or returns undefined when invalid. */
export function normalizeIdNumber(value: string): string | undefined {
  const v = value.trim().toUpperCase();
  const full = /^\d{15}$/.test(v) ? upgradeLegacyIdNumber(v) : v;
  return isValidIdNumber(full) ? full : undefined;
}

/** 4201**********1234: the first four and last four stay. */
export function maskIdNumber(value: string): string {
  return value.length < 8 ? '*'.repeat(value.length) : `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  return value.length < 7 ? '*'.repeat(value.length) : `${value.slice(0, 3)}****${value.slice(-4)}`;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of the first 17 characters, or undefined if one is not allowed. */
export function usccCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(first17[i] ?? '?');
    if (value < 0) return undefined;
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v)) return false;
  return usccCheckCharacter(v.slice(0, 17)) === v[17];
}

/** Makes a valid USCC from a 17-character body (demo data and tests). */
export function completeUscc(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (!check) throw new Error(`invalid USCC body ${first17}`);
  return first17 + check;
}

export function completeIdNumber(first17: string): string {
  return first17 + idNumberCheckDigit(first17);
}

export function isMobilePhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}
