import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import smCrypto from 'sm-crypto';

/** SM3 digest (GB/T 32905) as lowercase hex, from Node's OpenSSL. */
export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: string, data: string): string {
  return createHmac('sm3', key).update(data).digest('hex');
}

/**
 * Personal data at rest: SM4-CBC with a random IV, then HMAC-SM3 over IV and ciphertext
 * (encrypt-then-MAC, since this OpenSSL has no SM4-GCM). Format: v1.<iv>.<ct>.<mac> (base64url).
 */
export function sealPersonal(keyHex: string, plaintext: string): string {
  const key = Buffer.from(keyHex, 'hex');
  const encKey = key.subarray(0, 16);
  const macKey = key.subarray(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', encKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const mac = createHmac('sm3', macKey).update(iv).update(ct).digest();
  return ['v1', iv.toString('base64url'), ct.toString('base64url'), mac.toString('base64url')].join('.');
}

export function openPersonal(keyHex: string, sealed: string): string {
  const [version, ivB64, ctB64, macB64] = sealed.split('.');
  if (version !== 'v1' || !ivB64 || !ctB64 || !macB64) throw new Error('unknown sealed format');
  const key = Buffer.from(keyHex, 'hex');
  const iv = Buffer.from(ivB64, 'base64url');
  const ct = Buffer.from(ctB64, 'base64url');
  const expected = createHmac('sm3', key.subarray(16)).update(iv).update(ct).digest();
  const mac = Buffer.from(macB64, 'base64url');
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new Error('sealed data was altered');
  const decipher = createDecipheriv('sm4-cbc', key.subarray(0, 16), iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** A keyed digest that lets us find a row by ID number without storing the number in clear. */
export function blindIndex(keyHex: string, value: string): string {
  return hmacSm3(keyHex, `idx:${value.toUpperCase()}`);
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SM2 signatures per GM/T 0003 with the Z_A user-ID digest of GM/T 0009 (default ID
 * 1234567812345678), via sm-crypto: Node's built-in SM2 omits Z_A, so its signatures do not
 * verify in other conformant tools.
 */
export const sm2 = {
  generateKeyPair(): { privateKey: string; publicKey: string } {
    return smCrypto.sm2.generateKeyPairHex();
  },
  sign(message: string, privateKeyHex: string, userId?: string): string {
    return smCrypto.sm2.doSignature(message, privateKeyHex, { hash: true, der: false, userId });
  },
  verify(message: string, signatureHex: string, publicKeyHex: string, userId?: string): boolean {
    try {
      return smCrypto.sm2.doVerifySignature(message, signatureHex, publicKeyHex, { hash: true, der: false, userId });
    } catch {
      return false;
    }
  },
};
