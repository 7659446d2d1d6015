import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, hmacSm3 } from '../../platform/crypto/index.ts';
import type { Actor, Grant } from '../../platform/auth/index.ts';
import { allPermissions } from '../../platform/auth/index.ts';
import { getDepartment, findDepartments, findRegion } from '../org/index.ts';
import { accountRepo, entityRepo, personRepo, roleRepo, sessionRepo, staffRepo, throttleRepo, type AccountRow } from './repository.ts';
import { assertStrongPassword, burnVerify, hashPassword, verifyPassword } from './passwords.ts';
import { builtInRole } from './roles.ts';

export const SESSION_COOKIE = 'yiwang_session';
const SESSION_MAX_HOURS = 12;
const IP_WINDOW_MS = 15 * 60_000;
const IP_MAX_FAILURES = 30;

const tokenDigest = (ctx: Ctx, token: string) => hmacSm3(ctx.config.secrets.sessionSecret, token);

/**
 * Signs in. Failures count per account (lockout after LOGIN_MAX_FAILURES for LOGIN_LOCK_MINUTES)
 * and per client address (throttle), both in the database so every server process agrees.
 */
export async function login(ctx: Ctx, input: { username: string; password: string; userAgent?: string }): Promise<{ token: string; actor: Actor }> {
  const db = ctx.database.db;
  const now = new Date();
  const ip = ctx.ip ?? 'unknown';
  const throttle = await throttleRepo.get(db, ip);
  if (throttle && throttle.failures >= IP_MAX_FAILURES && now.getTime() - throttle.windowStart.getTime() < IP_WINDOW_MS) {
    throw new AppError('rate.limited', { extra: { retryAfterSeconds: Math.ceil((throttle.windowStart.getTime() + IP_WINDOW_MS - now.getTime()) / 1000) } });
  }
  const account = await accountRepo.byUsername(db, input.username.trim());
  if (!account || !account.active) {
    await burnVerify(input.password);
    await throttleRepo.recordFailure(db, ip, now, IP_WINDOW_MS);
    throw new AppError('auth.invalid_credentials');
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError('auth.locked', { extra: { retryAfterSeconds: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000) } });
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await throttleRepo.recordFailure(db, ip, now, IP_WINDOW_MS);
    await transact(ctx, async (t) => {
      const failures = await accountRepo.addFailure(t.tx, account.id);
      if (failures >= ctx.config.LOGIN_MAX_FAILURES) {
        const lockedUntil = new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000);
        await accountRepo.update(t.tx, account.id, { lockedUntil, failedLogins: 0 });
        t.audit({ action: 'account.locked', objectType: 'account', objectId: account.id, summary: { failures, lockedUntil: lockedUntil.toISOString() } });
      }
    });
    throw new AppError('auth.invalid_credentials');
  }
  const token = randomToken();
  const actor = await actorFor(ctx, account);
  await transact({ ...ctx, actor }, async (t) => {
    const sessionId = newId();
    await sessionRepo.insert(t.tx, {
      id: sessionId,
      tokenHash: tokenDigest(ctx, token),
      accountId: account.id,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000),
      ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await accountRepo.update(t.tx, account.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    t.audit({ action: 'account.login', objectType: 'account', objectId: account.id, summary: { sessionId } });
    actor.sessionId = sessionId;
  });
  return { token, actor };
}

/** The actor behind a session cookie, or undefined when the session is unknown, expired or idle. */
export async function resolveActor(ctx: Ctx, token: string): Promise<Actor | undefined> {
  const db = ctx.database.db;
  const found = await sessionRepo.byTokenHash(db, tokenDigest(ctx, token));
  if (!found || !found.account.active) return undefined;
  const now = new Date();
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - found.session.lastSeenAt.getTime() > idleMs) {
    await sessionRepo.delete(db, found.session.id);
    return undefined;
  }
  // Touch at most once a minute: the idle clock needs no finer grain, and it saves a write per request.
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) await sessionRepo.touch(db, found.session.id, now);
  const actor = await actorFor(ctx, found.account);
  actor.sessionId = found.session.id;
  return actor;
}

/** The actor of a named account (demo seeds and CLI commands act as a given user). */
export async function actorForUsername(ctx: Ctx, username: string): Promise<Actor> {
  const account = await accountRepo.byUsername(ctx.database.db, username);
  if (!account) throw new Error(`no account ${username}`);
  return actorFor(ctx, account);
}

export async function actorFor(ctx: Ctx, account: AccountRow): Promise<Actor> {
  const db = ctx.database.db;
  const base = { id: account.id, mustChangePassword: account.mustChangePassword };
  if (account.kind === 'staff' && account.staffId) {
    const member = await staffRepo.byId(db, account.staffId);
    const assignments = await staffRepo.assignments(db, [account.staffId]);
    const customRoles = new Map((await roleRepo.byCodes(db, [...new Set(assignments.map((a) => a.roleCode))])).map((r) => [r.code, r]));
    const grants: Grant[] = assignments.map((a) => ({
      role: a.roleCode,
      permissions: builtInRole(a.roleCode)?.permissions ?? customRoles.get(a.roleCode)?.permissions ?? [],
      departmentId: a.departmentId,
      regionPath: a.regionPath,
    }));
    return { ...base, kind: 'staff', name: member?.name ?? account.username, grants: member?.active === false ? [] : grants, departmentId: member?.departmentId, subjectId: account.staffId };
  }
  if (account.kind === 'entity' && account.entityId) {
    const entity = await entityRepo.byId(db, account.entityId);
    return { ...base, kind: 'entity', name: entity?.name ?? account.username, grants: [], subjectId: account.entityId };
  }
  const person = account.personId ? await personRepo.byId(db, account.personId) : undefined;
  return { ...base, kind: 'person', name: person?.name ?? account.username, grants: [], subjectId: account.personId ?? undefined };
}

export async function logout(ctx: Ctx): Promise<void> {
  const sessionId = ctx.actor.sessionId;
  if (!sessionId || !ctx.actor.id) return;
  await transact(ctx, async (t) => {
    await sessionRepo.delete(t.tx, sessionId);
    t.audit({ action: 'account.logout', objectType: 'account', objectId: ctx.actor.id!, summary: { sessionId } });
  });
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account) throw new AppError('auth.required');
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('auth.wrong_password', { fields: [{ field: 'currentPassword', code: 'wrong_password' }] });
  }
  assertStrongPassword(input.newPassword);
  if (input.newPassword === input.currentPassword) throw new AppError('auth.weak_password', { fields: [{ field: 'newPassword', code: 'same_as_old' }] });
  const passwordHash = await hashPassword(input.newPassword);
  await transact(ctx, async (t) => {
    await accountRepo.update(t.tx, account.id, { passwordHash, mustChangePassword: false });
    await sessionRepo.deleteForAccount(t.tx, account.id, ctx.actor.sessionId);
    t.audit({ action: 'account.password_change', objectType: 'account', objectId: account.id, summary: { otherSessionsEnded: true } });
  });
}

/** What the web app needs to know about the signed-in actor. */
export async function describeMe(ctx: Ctx) {
  const actor = ctx.actor;
  const account = actor.id ? await accountRepo.byId(ctx.database.db, actor.id) : undefined;
  if (!account) throw new AppError('auth.required');
  const me: Record<string, unknown> = {
    id: account.id,
    username: account.username,
    kind: account.kind,
    displayName: actor.name,
    mustChangePassword: account.mustChangePassword,
    permissions: allPermissions(actor),
  };
  const db = ctx.database.db;
  if (account.personId) {
    const p = await personRepo.byId(db, account.personId);
    if (p) me.person = { id: p.id, name: p.name, idNumberMasked: p.idNumberMasked, phoneMasked: p.phoneMasked };
  }
  if (account.entityId) {
    const e = await entityRepo.byId(db, account.entityId);
    if (e) me.entity = { id: e.id, name: e.name, uscc: e.uscc, legalRepresentative: e.legalRepresentative };
  }
  if (account.staffId) {
    const s = await staffRepo.byId(db, account.staffId);
    if (s) {
      const department = await getDepartment(ctx, s.departmentId);
      const assignments = await staffRepo.assignments(db, [s.id]);
      const depts = new Map((await findDepartments(ctx, assignments.flatMap((a) => (a.departmentId ? [a.departmentId] : [])))).map((d) => [d.id, d.name]));
      const roleNames = new Map((await roleRepo.all(db)).map((r) => [r.code, r]));
      me.staff = {
        id: s.id,
        departmentId: s.departmentId,
        departmentName: department.name,
        regionCode: s.regionCode,
        regionName: (await findRegion(ctx, s.regionCode))?.name ?? s.regionCode,
        roles: await Promise.all(
          assignments.map(async (a) => ({
            code: a.roleCode,
            name: roleNames.get(a.roleCode)?.name ?? a.roleCode,
            nameEn: roleNames.get(a.roleCode)?.nameEn ?? a.roleCode,
            departmentId: a.departmentId,
            departmentName: a.departmentId ? (depts.get(a.departmentId) ?? null) : null,
            regionCode: a.regionCode,
            regionName: (await findRegion(ctx, a.regionCode))?.name ?? a.regionCode,
          })),
        ),
      };
    }
  }
  return me;
}
