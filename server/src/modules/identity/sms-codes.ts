import { randomInt } from 'node:crypto';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { blindIndex, hmacSm3 } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { isMobilePhone, maskPhone } from '../../platform/validators.ts';
import { citizenRepo, smsCodeRepo, type SmsPurpose } from './account-repository.ts';
import './account-policy.ts';

/** A code is good for this long after it is sent. */
export const SMS_CODE_TTL_SECONDS = 300;

const nowOf = (ctx: Ctx) => ctx.now?.() ?? new Date();

/** The keyed digest a mobile number is found by (persons.phone_index, sms_codes.phone_index). */
export const phoneIndexOf = (ctx: Pick<Ctx, 'config'>, phone: string) => blindIndex(ctx.config.secrets.dataKey, `phone:${phone}`);

const codeDigest = (ctx: Ctx, id: string, code: string) => hmacSm3(ctx.config.secrets.sessionSecret, `sms-code|${id}|${code}`);

/**
 * Demo and development without an SMS gateway: the code is answered to the caller so a tester can
 * go on (docs/identity.md). Never in production, never when a gateway is configured.
 */
export const smsCodeEchoed = (ctx: Pick<Ctx, 'config'>) => ctx.config.NODE_ENV !== 'production' && !ctx.config.SMS_GATEWAY_URL;

export function assertMobile(phone: string, field = 'mobile'): void {
  if (!isMobilePhone(phone)) throw new AppError('request.invalid', { fields: [{ field, code: 'phone' }] });
}

/**
 * Sends a one-time code to a mobile number through the outbox's SMS channel. Limits, counted in the
 * database before anything is written: SMS_SENDS_PER_PHONE_HOUR/DAY per number and
 * SMS_SENDS_PER_ADDRESS_HOUR/DAY per client address (429 `auth.sms_too_many` with Retry-After).
 * A sign-in code goes only to a number that has an account; the answer is the same either way, so
 * the route does not tell who is registered. Earlier unused codes of the number and purpose end.
 */
export async function sendSmsCode(ctx: Ctx, input: { mobile: string; purpose: SmsPurpose }): Promise<{ expiresInSeconds: number; demoCode?: string }> {
  assertMobile(input.mobile);
  const now = nowOf(ctx);
  const db = ctx.database.db;
  const index = phoneIndexOf(ctx, input.mobile);
  const ip = ctx.ip ?? 'unknown';
  const c = ctx.config;
  const limits = [
    ['sms.phone.hour', index, c.SMS_SENDS_PER_PHONE_HOUR, 3600],
    ['sms.phone.day', index, c.SMS_SENDS_PER_PHONE_DAY, 86_400],
    ['sms.address.hour', ip, c.SMS_SENDS_PER_ADDRESS_HOUR, 3600],
    ['sms.address.day', ip, c.SMS_SENDS_PER_ADDRESS_DAY, 86_400],
  ] as const;
  for (const [bucket, key, max, windowSeconds] of limits) {
    const hit = await hitRateLimit(db, bucket, key, { max, windowSeconds }, now);
    if (!hit.ok) throw new AppError('auth.sms_too_many', { extra: { retryAfterSeconds: hit.retryAfterSeconds } });
  }
  if (input.purpose === 'login' && (await citizenRepo.accountsByPhoneIndex(db, index)).length === 0) {
    return { expiresInSeconds: SMS_CODE_TTL_SECONDS };
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = newId();
  await transact(ctx, async (t) => {
    await smsCodeRepo.retireUnused(t.tx, index, input.purpose, now);
    await smsCodeRepo.insert(t.tx, {
      id,
      phoneIndex: index,
      purpose: input.purpose,
      codeHash: codeDigest(ctx, id, code),
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000),
      createdAt: now,
    });
    await enqueueNotification(t.tx, {
      channel: 'sms',
      recipientKind: 'phone',
      recipientId: index,
      address: input.mobile,
      template: 'identity.sms_code',
      params: { code, purpose: input.purpose, text: `【一网通办】您的验证码是 ${code}，5 分钟内有效。请勿告诉他人。` },
    });
    t.audit({ action: 'sms_code.send', objectType: 'sms_code', objectId: id, summary: { purpose: input.purpose, mobileMasked: maskPhone(input.mobile) } });
  });
  if (smsCodeEchoed(ctx)) ctx.log.info({ mobileMasked: maskPhone(input.mobile), purpose: input.purpose, code }, 'SMS code (no SMS gateway: shown for testing)');
  return { expiresInSeconds: SMS_CODE_TTL_SECONDS, ...(smsCodeEchoed(ctx) ? { demoCode: code } : {}) };
}

type Outcome = 'ok' | 'sms_code_invalid' | 'sms_code_expired' | 'sms_code_exhausted';

/**
 * Checks and uses up the newest code sent to a number for a purpose, in its own transaction so a
 * wrong try is counted even though the caller's request then fails. A code is refused when it is
 * older than SMS_CODE_TTL_SECONDS, used, or after SMS_CODE_MAX_ATTEMPTS wrong tries.
 */
export async function consumeSmsCode(ctx: Ctx, input: { mobile: string; purpose: SmsPurpose; code: string }, field = 'smsCode'): Promise<void> {
  const now = nowOf(ctx);
  const index = phoneIndexOf(ctx, input.mobile);
  const outcome = await transact(ctx, async (t: TxCtx): Promise<Outcome> => {
    const row = await smsCodeRepo.newestUnused(t.tx, index, input.purpose);
    if (!row || row.expiresAt <= now) return 'sms_code_expired';
    if (row.attempts >= ctx.config.SMS_CODE_MAX_ATTEMPTS) return 'sms_code_exhausted';
    if (row.codeHash !== codeDigest(ctx, row.id, input.code.trim())) {
      await smsCodeRepo.addAttempt(t.tx, row.id);
      t.audit({ action: 'sms_code.wrong', objectType: 'sms_code', objectId: row.id, summary: { purpose: input.purpose, attempts: row.attempts + 1 } });
      return row.attempts + 1 >= ctx.config.SMS_CODE_MAX_ATTEMPTS ? 'sms_code_exhausted' : 'sms_code_invalid';
    }
    await smsCodeRepo.markUsed(t.tx, row.id, now);
    t.audit({ action: 'sms_code.use', objectType: 'sms_code', objectId: row.id, summary: { purpose: input.purpose } });
    return 'ok';
  });
  if (outcome !== 'ok') throw new AppError(`auth.${outcome}`, { fields: [{ field, code: outcome }] });
}
