import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken } from '../../platform/crypto/index.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { actorFor, tokenDigest } from './auth-service.ts';
import { accountRepo, sessionRepo, type AccountRow } from './repository.ts';
import { citizenRepo } from './account-repository.ts';
import { assertMobile, consumeSmsCode, phoneIndexOf } from './sms-codes.ts';

const SESSION_MAX_HOURS = 12;

/**
 * Opens a session for an account inside the caller's transaction (registration, sign-in by SMS
 * code): the same row and audit event as a password sign-in (auth-service.ts login).
 */
export async function openSession(
  t: TxCtx,
  account: AccountRow,
  actor: Actor,
  method: 'sms' | 'register',
  userAgent?: string,
): Promise<{ token: string; actor: Actor }> {
  const now = t.now?.() ?? new Date();
  const token = randomToken();
  const sessionId = newId();
  await sessionRepo.insert(t.tx, {
    id: sessionId,
    tokenHash: tokenDigest(t, token),
    accountId: account.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000),
    ip: t.ip ?? 'unknown',
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  await accountRepo.update(t.tx, account.id, { lastLoginAt: now });
  t.audit({ action: 'account.login', objectType: 'account', objectId: account.id, summary: { sessionId, method } });
  return { token, actor: { ...actor, sessionId } };
}

/**
 * Signs a citizen in with a mobile number and an SMS code (purpose `login`). The code is checked
 * first (wrong, expired and used codes are refused and counted); then the number's one open person
 * account is signed in. A closed or disabled account is refused like a wrong password.
 */
export async function loginBySmsCode(ctx: Ctx, input: { mobile: string; smsCode: string; userAgent?: string }): Promise<{ token: string; actor: Actor }> {
  assertMobile(input.mobile);
  await consumeSmsCode(ctx, { mobile: input.mobile, purpose: 'login', code: input.smsCode });
  const found = (await citizenRepo.accountsByPhoneIndex(ctx.database.db, phoneIndexOf(ctx, input.mobile))).filter((a) => a.active);
  if (found.length !== 1) throw new AppError('auth.invalid_credentials');
  const account = found[0]!;
  const actor = await actorFor(ctx, account);
  return transact({ ...ctx, actor }, (t) => openSession(t, account, actor, 'sms', input.userAgent));
}
