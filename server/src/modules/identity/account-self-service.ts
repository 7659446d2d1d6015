import { transact, type Ctx } from '../../platform/context.ts';
import { sessionsChanged } from '../../platform/auth/actor-cache.ts';
import { AppError } from '../../platform/errors.ts';
import { sealPersonal } from '../../platform/crypto/index.ts';
import { maskPhone } from '../../platform/validators.ts';
import { accountRepo, personRepo, type AccountRow } from './repository.ts';
import { citizenRepo } from './account-repository.ts';
import { verifyPassword } from './passwords.ts';
import { assertMobile, consumeSmsCode, phoneIndexOf } from './sms-codes.ts';
import { contactPhoneOf } from './people-service.ts';
import { publishSignedOut } from './sign-out-events.ts';

async function myAccount(ctx: Ctx): Promise<AccountRow> {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account) throw new AppError('auth.required');
  return account;
}

/** 登录设备: the account's live sessions, this one marked. */
export async function listMySessions(ctx: Ctx) {
  const account = await myAccount(ctx);
  const rows = await citizenRepo.sessionsOf(ctx.database.db, account.id);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === ctx.actor.sessionId,
  }));
}

/** Ends one of my sessions (another device); 404 when it is not mine. */
export async function endMySession(ctx: Ctx, sessionId: string): Promise<void> {
  const account = await myAccount(ctx);
  await transact(ctx, async (t) => {
    if (!(await citizenRepo.deleteSession(t.tx, account.id, sessionId))) throw new AppError('resource.not_found');
    t.afterCommit(() => sessionsChanged(sessionId));
    t.audit({ action: 'account.session_end', objectType: 'account', objectId: account.id, summary: { sessionId } });
  });
}

/** 退出其他设备 ("sign out everywhere"): every session of the account but this one ends at once. */
export async function signOutEverywhere(ctx: Ctx): Promise<{ ended: number }> {
  const account = await myAccount(ctx);
  return transact(ctx, async (t) => {
    const ended = await citizenRepo.deleteOtherSessions(t.tx, account.id, ctx.actor.sessionId);
    t.afterCommit(() => sessionsChanged(account.id));
    t.audit({ action: 'account.sign_out_everywhere', objectType: 'account', objectId: account.id, summary: { ended } });
    await publishSignedOut(t, account.id, 'everywhere');
    return { ended };
  });
}

/**
 * 更换手机号: a `change_mobile` code sent to the current number (when the account has one) and one
 * sent to the new number, both right. The new number must be free; a sign-in name that was the old
 * number becomes the new one. The person's number stays sealed; the audit holds masks.
 */
export async function changeMobile(ctx: Ctx, input: { newMobile: string; newCode: string; oldCode?: string }): Promise<{ phoneMasked: string }> {
  const account = await myAccount(ctx);
  if (account.kind !== 'person' || !account.personId) throw new AppError('auth.forbidden');
  assertMobile(input.newMobile, 'newMobile');
  const index = phoneIndexOf(ctx, input.newMobile);
  const taken = async (db: Ctx['database']['db']) =>
    (await citizenRepo.accountsByPhoneIndex(db, index)).some((a) => a.id !== account.id) ||
    ((await accountRepo.byUsername(db, input.newMobile))?.id ?? account.id) !== account.id;
  if (await taken(ctx.database.db)) throw new AppError('auth.mobile_registered', { fields: [{ field: 'newMobile', code: 'mobile_registered' }] });
  const oldMobile = await contactPhoneOf(ctx, account.personId);
  if (oldMobile) {
    if (!input.oldCode) throw new AppError('request.invalid', { fields: [{ field: 'oldCode', code: 'required' }] });
    await consumeSmsCode(ctx, { mobile: oldMobile, purpose: 'change_mobile', code: input.oldCode }, 'oldCode');
  }
  await consumeSmsCode(ctx, { mobile: input.newMobile, purpose: 'change_mobile', code: input.newCode }, 'newCode');
  const phoneMasked = maskPhone(input.newMobile);
  await transact(ctx, async (t) => {
    if (await taken(t.tx)) throw new AppError('auth.mobile_registered', { fields: [{ field: 'newMobile', code: 'mobile_registered' }] });
    await citizenRepo.updatePerson(t.tx, account.personId!, {
      phoneSealed: sealPersonal(t.config.secrets.dataKey, input.newMobile),
      phoneMasked,
      phoneIndex: index,
    });
    if (oldMobile && account.username === oldMobile) await accountRepo.update(t.tx, account.id, { username: input.newMobile });
    t.audit({
      action: 'account.mobile_change',
      objectType: 'account',
      objectId: account.id,
      summary: { from: oldMobile ? maskPhone(oldMobile) : null, to: phoneMasked, usernameChanged: !!oldMobile && account.username === oldMobile },
    });
  });
  return { phoneMasked };
}

/** Audit actions that are reads of a person's personal data, shown in 数据使用记录. */
const READ_ACTIONS = ['person.id_number.read'];

/** 数据使用记录: who read my personal data (the audit of full ID number reads), with the reason they gave. */
export async function myDataUsage(ctx: Ctx, q: { page: number; pageSize: number }) {
  const account = await myAccount(ctx);
  if (!account.personId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { rows, total } = await citizenRepo.personalDataReads(ctx.database.db, account.personId, READ_ACTIONS, q);
  return {
    items: rows.map((r) => ({
      at: r.at.toISOString(),
      actorName: r.actorName,
      actorKind: r.actorKind,
      action: r.action,
      reason: typeof r.summary.reason === 'string' ? r.summary.reason : null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * 注销账户: with the password, the account is disabled for good (`active` false, `closed_at`) and
 * every session ends. The person record, cases and certificates are kept as the law requires.
 */
export async function closeMyAccount(ctx: Ctx, input: { password: string }): Promise<void> {
  const account = await myAccount(ctx);
  if (account.kind === 'staff') throw new AppError('auth.forbidden');
  if (!(await verifyPassword(account.passwordHash, input.password)))
    throw new AppError('auth.wrong_password', { fields: [{ field: 'password', code: 'wrong_password' }] });
  const now = ctx.now?.() ?? new Date();
  await transact(ctx, async (t) => {
    await accountRepo.update(t.tx, account.id, { active: false, closedAt: now });
    const ended = await citizenRepo.deleteOtherSessions(t.tx, account.id, undefined);
    t.afterCommit(() => sessionsChanged(account.id));
    const person = account.personId ? await personRepo.byId(t.tx, account.personId) : undefined;
    t.audit({ action: 'account.close', objectType: 'account', objectId: account.id, summary: { sessionsEnded: ended, personId: person?.id ?? null } });
    await publishSignedOut(t, account.id, 'closed');
  });
}
