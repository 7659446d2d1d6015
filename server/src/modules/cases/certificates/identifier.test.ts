import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildCertificateIdentifier, isValidMod3736, mod3736CheckChar, parseCertificateIdentifier } from './identifier.ts';
import { completeUscc } from '../../../platform/validators.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('ISO/IEC 7064 MOD 37,36', () => {
  it('worked by hand: "A" (value 10) → P = 2·10 mod 37 = 20 → check (37 − 20) mod 36 = 17 = "H"', () => {
    expect(mod3736CheckChar('A')).toBe('H');
    expect(isValidMod3736('AH')).toBe(true);
    // "0": S = 36 (0 → M), P = 72 mod 37 = 35, check = 2; "Z": S = (36+35) mod 36 = 35, P = 70 mod 37 = 33, check = 4
    expect(mod3736CheckChar('0')).toBe('2');
    expect(mod3736CheckChar('Z')).toBe('4');
  });

  it('agrees with the published examples of the standard', () => {
    for (const v of ['A12425GABC1234002M', 'B159D8FA01240000K', '188166C7342000003']) {
      expect(isValidMod3736(v)).toBe(true);
      expect(mod3736CheckChar(v.slice(0, -1))).toBe(v.slice(-1));
    }
    expect(isValidMod3736('A12425GABC1234002N')).toBe(false);
  });

  it('detects every single-character substitution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 60 }).map((a) => a.join('')),
        fc.nat(),
        fc.integer({ min: 1, max: 35 }),
        (data, pos, shift) => {
          const full = data + mod3736CheckChar(data);
          const i = pos % full.length;
          const changed = full.slice(0, i) + ALPHABET[(ALPHABET.indexOf(full[i]!) + shift) % 36] + full.slice(i + 1);
          expect(isValidMod3736(full)).toBe(true);
          expect(isValidMod3736(changed)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects characters outside 0-9A-Z', () => {
    expect(() => mod3736CheckChar('a1')).toThrow(RangeError);
    expect(isValidMod3736('a1')).toBe(false);
  });
});

describe('GB/T 36904 certificate identifier', () => {
  const typeCode = `${completeUscc('11100000000013127')}001`;
  const issuerUscc = completeUscc('11990100MB0000001');

  it('builds and parses back, with the check over type + issuer + serial + version', () => {
    const id = buildCertificateIdentifier({ typeCode, issuerCode: issuerUscc, serial: '2026000123', version: '001' });
    const segments = id.split('.');
    expect(segments.slice(0, 5).join('.')).toBe('1.2.156.3005.2');
    expect(segments.at(-1)).toBe(mod3736CheckChar(typeCode + issuerUscc + '2026000123' + '001'));
    const parsed = parseCertificateIdentifier(id.toLowerCase());
    expect(parsed).toEqual({ ok: true, parts: { typeCode, issuerCode: issuerUscc, serial: '2026000123', version: '001' }, check: segments.at(-1) });
  });

  it('accepts a 6-digit division code as issuer', () => {
    const id = buildCertificateIdentifier({ typeCode, issuerCode: '990100', serial: 'A0001', version: '001' });
    expect(parseCertificateIdentifier(id).ok).toBe(true);
  });

  it('tells a malformed identifier from a wrong check character', () => {
    const id = buildCertificateIdentifier({ typeCode, issuerCode: '990100', serial: 'A0001', version: '001' });
    const wrongCheck = id.slice(0, -1) + (id.endsWith('0') ? '1' : '0');
    expect(parseCertificateIdentifier(wrongCheck)).toEqual({ ok: false, reason: 'check' });
    expect(parseCertificateIdentifier('1.2.156.3005.2.x')).toEqual({ ok: false, reason: 'format' });
    expect(parseCertificateIdentifier(id.replace('.001.', '.1.'))).toEqual({ ok: false, reason: 'format' });
    expect(() => buildCertificateIdentifier({ typeCode: '123', issuerCode: '990100', serial: 'A', version: '001' })).toThrow(/typeCode/);
  });

  it('any single-character change in the coded parts is detected', () => {
    const id = buildCertificateIdentifier({ typeCode, issuerCode: issuerUscc, serial: 'Z9Y8X7', version: '002' });
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 35 }), (pos, shift) => {
        const start = '1.2.156.3005.2.'.length;
        const positions = [...id].map((c, i) => i).filter((i) => i >= start && id[i] !== '.');
        const i = positions[pos % positions.length]!;
        const changed = id.slice(0, i) + ALPHABET[(ALPHABET.indexOf(id[i]!) + shift) % 36] + id.slice(i + 1);
        expect(parseCertificateIdentifier(changed).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
