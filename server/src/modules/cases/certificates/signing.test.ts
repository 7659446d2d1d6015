import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import smCrypto from 'sm-crypto';
import { sm2 } from '../../../platform/crypto/index.ts';
import { loadConfig, testConfig } from '../../../platform/config/index.ts';
import { keyIdOf, platformSigningKey, publicKeyOf, signContent, SIGNER_ID, verifyContent } from './signing.ts';

/**
 * GM/T 0003.5-2012 (= GB/T 32918.5-2017) Annex A.2: signature example on the recommended curve
 * sm2p256v1, message "message digest", default signer ID 1234567812345678.
 */
const sample = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  xA: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  yA: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  ZA: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  e: 'F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};
// Recommended curve parameters (GB/T 32918.5), for the independent Z_A computation below.
const curve = {
  a: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC',
  b: '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93',
  xG: '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7',
  yG: 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
};
const sm3hex = (b: Buffer) => createHash('sm3').update(b).digest('hex').toUpperCase();
const publicKey = `04${sample.xA}${sample.yA}`.toLowerCase();

describe('SM2 against the GM/T 0003.5 sample', () => {
  it('the sample private key gives the sample public key', () => {
    expect(publicKeyOf(sample.d)).toBe(publicKey);
  });

  it('Z_A (GM/T 0009: SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA)) and e = SM3(Z_A‖M) match the published values', () => {
    const id = Buffer.from(SIGNER_ID, 'ascii');
    const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
    const za = sm3hex(Buffer.concat([entl, id, ...[curve.a, curve.b, curve.xG, curve.yG, sample.xA, sample.yA].map((h) => Buffer.from(h, 'hex'))]));
    expect(za).toBe(sample.ZA);
    expect(sm3hex(Buffer.concat([Buffer.from(za, 'hex'), Buffer.from('message digest')]))).toBe(sample.e);
  });

  it('the published signature (r, s) verifies with the published public key through platform/crypto', () => {
    const sig = (sample.r + sample.s).toLowerCase();
    expect(sm2.verify('message digest', sig, publicKey, SIGNER_ID)).toBe(true);
    expect(sm2.verify('message digesT', sig, publicKey, SIGNER_ID)).toBe(false);
    // Another signer ID changes Z_A: the same signature must not verify.
    expect(sm2.verify('message digest', sig, publicKey, 'ALICE123@YAHOO.COM')).toBe(false);
  });

  it('signing with the published random k reproduces (r, s) exactly', () => {
    // sm-crypto takes precomputed points (k, x1 of kG); its BigInteger class is borrowed from getPoint().
    const probe = smCrypto.sm2.getPoint() as unknown as { k: { constructor: new (hex: string, radix: number) => unknown } };
    const BigInt16 = probe.k.constructor;
    const kG = publicKeyOf(sample.k);
    const point = { k: new BigInt16(sample.k, 16), x1: new BigInt16(kG.slice(2, 66), 16) };
    const sig = smCrypto.sm2.doSignature('message digest', sample.d.toLowerCase(), { hash: true, der: false, userId: SIGNER_ID, pointPool: [point] } as never);
    expect(sig.toUpperCase()).toBe(sample.r + sample.s);
  });
});

describe('certificate content signing', () => {
  const content = { identifier: '1.2.156.3005.2.X', holder: { name: '张三' }, fields: { 经营场所: '示范市中山路1号' }, issuedAt: '2026-11-25' };

  it('round-trips, independent of key order', () => {
    const { privateKey, publicKey: pub } = sm2.generateKeyPair();
    const sig = signContent(content, privateKey);
    expect(verifyContent({ issuedAt: '2026-11-25', fields: content.fields, holder: content.holder, identifier: content.identifier }, sig, pub)).toBe(true);
  });

  it('fails when one byte of the content, the signature or the key changes', () => {
    const { privateKey, publicKey: pub } = sm2.generateKeyPair();
    const sig = signContent(content, privateKey);
    expect(verifyContent({ ...content, issuedAt: '2026-11-26' }, sig, pub)).toBe(false);
    expect(verifyContent({ ...content, fields: { 经营场所: '示范市中山路2号' } }, sig, pub)).toBe(false);
    const flipped = sig[10] === '0' ? '1' : '0';
    expect(verifyContent(content, sig.slice(0, 10) + flipped + sig.slice(11), pub)).toBe(false);
    expect(verifyContent(content, sig, sm2.generateKeyPair().publicKey)).toBe(false);
    expect(verifyContent(content, 'not-hex', pub)).toBe(false);
  });
});

describe('platform signing key', () => {
  it('is generated once per configuration and kept in config.secrets', () => {
    const config = testConfig();
    const a = platformSigningKey(config);
    const b = platformSigningKey(config);
    expect(a).toEqual(b);
    expect(config.secrets.signingPublicKey).toBe(a.publicKey);
    expect(a.keyId).toBe(keyIdOf(a.publicKey));
  });

  it('comes from SIGNING_PRIVATE_KEY when set', () => {
    const k = platformSigningKey(testConfig({ SIGNING_PRIVATE_KEY: sample.d }));
    expect(k.publicKey).toBe(publicKey);
    // A malformed key stops the start (config validation), not the first signature.
    expect(() => loadConfig({ SIGNING_PRIVATE_KEY: 'xyz' })).toThrow(/SIGNING_PRIVATE_KEY: must be 64 hex characters/);
  });
});
