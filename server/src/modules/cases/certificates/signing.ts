import { canonicalJson } from '../../../platform/audit/chain.ts';
import { storeSecrets, type Config } from '../../../platform/config/index.ts';
import { sm2, sm3 } from '../../../platform/crypto/index.ts';
import smCrypto from 'sm-crypto';

/**
 * Certificates are signed with SM2 (GM/T 0003) over SM3 with the Z_A user-ID digest of GM/T 0009,
 * using the default signer ID `1234567812345678` so that any conformant tool verifies them
 * offline with the published public key (GET /api/public/certificates/public-key).
 */
export const SIGNER_ID = '1234567812345678';

/** The exact bytes that are signed: canonical JSON (keys sorted, no undefined, UTF-8). */
export function canonicalContent(content: Record<string, unknown>): string {
  return canonicalJson(content);
}

export interface SigningKey {
  privateKey: string;
  /** Uncompressed point, hex `04‖x‖y`. */
  publicKey: string;
  /** First 16 hex digits of SM3(public key bytes): lets verifiers pick the right key after a rotation. */
  keyId: string;
}

export function keyIdOf(publicKeyHex: string): string {
  return sm3(Buffer.from(publicKeyHex, 'hex')).slice(0, 16);
}

// sm-crypto has this function; its type declarations omit it.
const sm2x = smCrypto.sm2 as typeof smCrypto.sm2 & { getPublicKeyFromPrivateKey(privateKeyHex: string): string };

/** The uncompressed public key (hex `04‖x‖y`) of a private key. */
export function publicKeyOf(privateKeyHex: string): string {
  return sm2x.getPublicKeyFromPrivateKey(privateKeyHex.toLowerCase());
}

/**
 * The platform signing key: SIGNING_PRIVATE_KEY (config, 64 hex checked at start) wins (set it when
 * several server processes run, so they all sign with the same key); otherwise the key kept in
 * DATA_DIR/secrets.json; otherwise one is generated on first use and saved there (not in tests).
 */
export function platformSigningKey(config: Config): SigningKey {
  const configured = config.SIGNING_PRIVATE_KEY;
  if (configured) {
    const privateKey = configured.toLowerCase();
    const publicKey = publicKeyOf(privateKey);
    return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
  }
  let { signingPrivateKey, signingPublicKey } = config.secrets;
  if (!signingPrivateKey || !signingPublicKey) {
    const pair = sm2.generateKeyPair();
    // Another process on the same DATA_DIR may have made the key first: the stored one wins.
    const offered = { signingPrivateKey: pair.privateKey, signingPublicKey: pair.publicKey };
    const kept = config.NODE_ENV === 'test' ? offered : storeSecrets(config.dataDir, offered);
    signingPrivateKey = kept.signingPrivateKey ?? pair.privateKey;
    signingPublicKey = kept.signingPublicKey ?? pair.publicKey;
    config.secrets.signingPrivateKey = signingPrivateKey;
    config.secrets.signingPublicKey = signingPublicKey;
  }
  return { privateKey: signingPrivateKey, publicKey: signingPublicKey, keyId: keyIdOf(signingPublicKey) };
}

/** Signature hex `r‖s` (64 + 64) over the canonical content. */
export function signContent(content: Record<string, unknown>, privateKeyHex: string): string {
  return sm2.sign(canonicalContent(content), privateKeyHex, SIGNER_ID);
}

export function verifyContent(content: Record<string, unknown>, signatureHex: string, publicKeyHex: string): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  return sm2.verify(canonicalContent(content), signatureHex.toLowerCase(), publicKeyHex.toLowerCase(), SIGNER_ID);
}
