import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeUscc, isValidIdNumber, isValidUscc, maskIdNumber, normalizeIdNumber, upgradeLegacyIdNumber, completeIdNumber } from './validators.ts';

describe('citizen ID number (GB 11643)', () => {
  it('accepts a valid number with X check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check digit', () => {
    expect(isValidIdNumber('13070119931030228X')).toBe(false);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
  it('rejects impossible birth dates and wrong lengths', () => {
    expect(isValidIdNumber(completeIdNumber('11010519490231002'))).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
  it('upgrades a 15-digit legacy number', () => {
    const upgraded = upgradeLegacyIdNumber('110105491231002');
    expect(upgraded).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105491231002')).toBe('11010519491231002X');
  });
  it('masks all but the first and last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('detects every single-digit change (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const valid = '11010519491231002X';
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        return !isValidIdNumber(changed) || changed.slice(6, 14) !== valid.slice(6, 14);
      }),
    );
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts valid codes', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350200776049653A')).toBe(true);
  });
  it('rejects a wrong check character and forbidden letters', () => {
    expect(isValidUscc('91350100M000100Y4A')).toBe(false);
    expect(isValidUscc('91350100M000100I43')).toBe(false);
  });
  it('completes a body into a valid code', () => {
    expect(completeUscc('91350100M000100Y4')).toBe('91350100M000100Y43');
  });
});
