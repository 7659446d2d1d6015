import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { transact, type Ctx } from '../../platform/context.ts';
import { openPersonal, sealPersonal } from '../../platform/crypto/index.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { keyRepo, type KeyRow } from './repository.ts';

/** A key signs for this many days before the maintenance job replaces it (docs/oidc.md). */
export const KEY_ROTATE_DAYS = 30;
/** A replaced key stays in the JWKS this many days, so tokens it signed still verify. */
export const KEY_RETAIN_DAYS = 7;
export const KEYS_GENERATION = 'oidc_keys';
const DAY = 86_400_000;

export interface SigningKeys {
  /** Private JWKs for the provider, the signing key first. */
  jwks: Record<string, unknown>[];
  kids: string[];
}

function newKey(ctx: Ctx) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('base64url')}`;
  const meta = { kid, alg: 'ES256', use: 'sig' };
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), ...meta };
  return {
    kid,
    alg: 'ES256',
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
    privateSealed: sealPersonal(ctx.config.secrets.dataKey, JSON.stringify(privateJwk)),
  };
}

/**
 * Adds a new signing key; the keys that signed until now are retired (they no longer sign) and stay
 * published for KEY_RETAIN_DAYS. Every process picks the new key set up on its next request.
 */
export async function rotateKeys(ctx: Ctx, reason: 'rotation' | 'first key' = 'rotation'): Promise<{ kid: string; retired: string[] }> {
  const now = new Date();
  const key = newKey(ctx);
  return transact(ctx, async (t) => {
    await keyRepo.insert(t.tx, { ...key, createdAt: now });
    const retired = (await keyRepo.retireOthers(t.tx, key.kid, now, new Date(now.getTime() + KEY_RETAIN_DAYS * DAY))).map((r) => r.kid);
    await bumpGeneration(t, KEYS_GENERATION);
    t.audit({ action: 'oidc.key_rotated', objectType: 'oidc_key', objectId: key.kid, summary: { reason, retired } });
    return { kid: key.kid, retired };
  });
}

/** The job: a first key, a rotation when the signing key is old, expired keys dropped. */
export async function maintainKeys(ctx: Ctx): Promise<void> {
  const now = new Date();
  const keys = await keyRepo.published(ctx.database.db, now);
  const signing = keys.find((k) => !k.retiredAt);
  if (!signing) await rotateKeys(ctx, 'first key');
  else if (now.getTime() - signing.createdAt.getTime() > KEY_ROTATE_DAYS * DAY) await rotateKeys(ctx);
  await transact(
    ctx,
    async (t) => {
      const dropped = await keyRepo.deleteExpired(t.tx, now);
      if (dropped.length) await bumpGeneration(t, KEYS_GENERATION);
    },
    { unaudited: 'expired verification keys leave the JWKS on the schedule set when they were retired (audited then)' },
  );
}

function present(ctx: Ctx, rows: KeyRow[]): SigningKeys {
  return {
    jwks: rows.map((r) => JSON.parse(openPersonal(ctx.config.secrets.dataKey, r.privateSealed)) as Record<string, unknown>),
    kids: rows.map((r) => r.kid),
  };
}

const cachedKeys = generationCache(KEYS_GENERATION, async (ctx) => present(ctx, await keyRepo.published(ctx.database.db, new Date())));

/** The published keys, the signing one first; makes the first key when there is none. */
export async function signingKeys(ctx: Ctx): Promise<SigningKeys> {
  const keys = await cachedKeys(ctx);
  if (keys.jwks.length) return keys;
  await rotateKeys(ctx, 'first key');
  return cachedKeys(ctx);
}
