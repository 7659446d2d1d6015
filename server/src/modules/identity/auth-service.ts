import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, hmacSm3 } from '../../platform/crypto/index.ts';
import type { Actor, Grant } from '../../platform/auth/index.ts';
import { allPermissions } from '../../platform/auth/index.ts';
import { getDepartment, findDepartments, findRegion } from '../org/index.ts';
import { accountRepo, entityRepo, personRepo, sessionRepo, staffRepo, type AccountRow } from './repository.ts';
import { hitRateLimit, peekRateLimit, resetRateLimit } from '../../platform/http/rate-limit.ts';
import { assertStrongPassword, burnVerify, hashPassword, verifyPassword } from './passwords.ts';
import { builtInRole } from './roles.ts';
import { currentSessionEpoch, sessionsChanged, type ActorCache } from '../../platform/auth/actor-cache.ts';
import { generationsEpoch, parseGenerations, recentGenerations, rememberGenerations } from '../../platform/meta/generations.ts';
import { allRoles } from './role-cache.ts';
import { cachedStaffMe, rememberStaffMe } from './me-cache.ts';
import { publishSignedOut } from './sign-out-events.ts';
import { staffListChanged } from './staff-page-cache.ts';

export const SESSION_COOKIE = 'yiwang_session';
/** Marks a browser in which an account has signed in before ("known client"); see login(). */
export const KNOWN_CLIENT_COOKIE = 'yiwang_known';
export const KNOWN_CLIENT_DAYS = 180;
const SESSION_MAX_HOURS = 12;
/** Rate-window buckets (platform/http/rate-limit.ts) of sign-in failures. */
const ADDRESS_FAILURES = 'login.address_failures';
const KNOWN_CLIENT_FAILURES = 'login.known_client_failures';

export const tokenDigest = (ctx: Ctx, token: string) => hmacSm3(ctx.config.secrets.sessionSecret, token);

const knownClientMac = (ctx: Ctx, accountId: string, issued: number) =>
  hmacSm3(ctx.config.secrets.sessionSecret, `known-client|${accountId}|${issued}`).slice(0, 32);

/** Does the known-client cookie hold a valid, unexpired mark of this account? */
function isKnownClient(ctx: Ctx, accountId: string, cookie: string | undefined, now: Date): boolean {
  for (const mark of (cookie ?? '').split('~').slice(0, 5)) {
    const [id, issuedText, mac] = mark.split('.');
    const issued = Number(issuedText);
    if (id !== accountId || !Number.isInteger(issued) || !mac) continue;
    if (now.getTime() / 1000 - issued > KNOWN_CLIENT_DAYS * 86_400) continue;
    if (mac === knownClientMac(ctx, accountId, issued)) return true;
  }
  return false;
}

/** The new cookie value after a good sign-in: this account's fresh mark first, up to four others kept. */
function markKnownClient(ctx: Ctx, accountId: string, cookie: string | undefined, now: Date): string {
  const issued = Math.floor(now.getTime() / 1000);
  const others = (cookie ?? '').split('~').filter((m) => /^[0-9a-f-]{36}\.\d+\.[0-9a-f]{32}$/.test(m) && !m.startsWith(`${accountId}.`));
  return [`${accountId}.${issued}.${knownClientMac(ctx, accountId, issued)}`, ...others.slice(0, 4)].join('~');
}

/**
 * Signs in, with throttling that an attacker can neither get round nor turn against the city:
 *
 * - Per client address (`request.ip`, which honours TRUST_PROXY): after LOGIN_ADDRESS_MAX_FAILURES
 *   failed sign-ins within LOGIN_ADDRESS_WINDOW_MINUTES the address gets `auth.too_many_attempts`
 *   (429, Retry-After) before any password is checked, so guessing from it stops. Good sign-ins do
 *   not count, so a busy NAT address of honest users is not throttled by their own traffic.
 * - Per account: after LOGIN_MAX_FAILURES failures in a row the account is locked for
 *   LOGIN_LOCK_MINUTES (`auth.locked`, 423, Retry-After), again before the password is checked.
 * - Known clients: a browser in which the account has signed in before holds a signed mark (cookie
 *   KNOWN_CLIENT_COOKIE, KNOWN_CLIENT_DAYS). Neither the address limit nor the account lock applies
 *   to it, so an attacker who locks accounts or floods a shared address does not lock their owners
 *   out; its own failures are limited separately (LOGIN_MAX_FAILURES per LOGIN_LOCK_MINUTES).
 *
 * Counters live in the database (rate_windows and the account row): every process agrees.
 */
export async function login(
  ctx: Ctx,
  input: { username: string; password: string; userAgent?: string; knownClient?: string },
): Promise<{ token: string; actor: Actor; knownClient: string }> {
  const db = ctx.database.db;
  const now = new Date();
  const ip = ctx.ip ?? 'unknown';
  const addressLimit = { max: ctx.config.LOGIN_ADDRESS_MAX_FAILURES, windowSeconds: ctx.config.LOGIN_ADDRESS_WINDOW_MINUTES * 60 };
  const knownLimit = { max: ctx.config.LOGIN_MAX_FAILURES, windowSeconds: ctx.config.LOGIN_LOCK_MINUTES * 60 };
  const account = await accountRepo.byUsername(db, input.username.trim());
  const known = !!account && isKnownClient(ctx, account.id, input.knownClient, now);

  if (!known) {
    const address = await peekRateLimit(db, ADDRESS_FAILURES, ip, now);
    if (address.count >= addressLimit.max) throw new AppError('auth.too_many_attempts', { extra: { retryAfterSeconds: address.retryAfterSeconds } });
  }
  if (!account || !account.active) {
    await burnVerify(ctx.config, input.password);
    await hitRateLimit(db, ADDRESS_FAILURES, ip, addressLimit, now);
    throw new AppError('auth.invalid_credentials');
  }
  if (known) {
    const own = await peekRateLimit(db, KNOWN_CLIENT_FAILURES, account.id, now);
    if (own.count >= knownLimit.max) throw new AppError('auth.locked', { extra: { retryAfterSeconds: own.retryAfterSeconds } });
  } else if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError('auth.locked', { extra: { retryAfterSeconds: Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000) } });
  }

  if (!(await verifyPassword(account.passwordHash, input.password))) {
    await hitRateLimit(db, ADDRESS_FAILURES, ip, addressLimit, now);
    if (known) {
      const { count } = await hitRateLimit(db, KNOWN_CLIENT_FAILURES, account.id, knownLimit, now);
      await transact(ctx, async (t) => {
        t.audit({ action: 'account.login_failed', objectType: 'account', objectId: account.id, summary: { knownClient: true, failures: count } });
      });
    } else {
      await transact(ctx, async (t) => {
        const failures = await accountRepo.addFailure(t.tx, account.id);
        t.audit({ action: 'account.login_failed', objectType: 'account', objectId: account.id, summary: { knownClient: false, failures } });
        if (failures >= ctx.config.LOGIN_MAX_FAILURES) {
          const lockedUntil = new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000);
          await accountRepo.update(t.tx, account.id, { lockedUntil, failedLogins: 0 });
          // The staff list shows the lock (staff-page-cache.ts); nobody's powers change, so not `auth`.
          if (account.kind === 'staff') await staffListChanged(t);
          t.audit({ action: 'account.locked', objectType: 'account', objectId: account.id, summary: { failures, lockedUntil: lockedUntil.toISOString() } });
        }
      });
    }
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
      // The application's clock, not the database's default: the idle check compares with it.
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3600_000),
      ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    // A sign-in from a known client leaves a lock against unknown clients in place.
    const locked = !!account.lockedUntil && account.lockedUntil > now;
    await accountRepo.update(t.tx, account.id, locked ? { lastLoginAt: now } : { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    t.audit({ action: 'account.login', objectType: 'account', objectId: account.id, summary: { sessionId, knownClient: known } });
    actor.sessionId = sessionId;
  });
  if (known) await resetRateLimit(db, KNOWN_CLIENT_FAILURES, account.id);
  return { token, actor, knownClient: markKnownClient(ctx, account.id, input.knownClient, now) };
}

/**
 * The actor behind a session cookie, or undefined when the session is unknown, expired or idle.
 * One statement reads the session, its account and the generation counters; within
 * CACHE_RECHECK_SECONDS of that read the same session needs none (the row and the counters are
 * trusted from `cache` and platform/meta/generations.ts, unless a session, an account or a
 * generation changed in this process meanwhile, which forgets them at once). The actor itself comes
 * from `cache` while the auth generation has not moved (platform/auth/actor-cache.ts). The session
 * row's `active` and `mustChangePassword` flags therefore take effect at once in this process and
 * within CACHE_RECHECK_SECONDS in another.
 */
export async function resolveActor(ctx: Ctx, token: string, cache?: ActorCache): Promise<Actor | undefined> {
  const db = ctx.database.db;
  const tokenHash = tokenDigest(ctx, token);
  const maxAgeMs = ctx.config.CACHE_RECHECK_SECONDS * 1000;
  let generations = maxAgeMs > 0 ? recentGenerations(ctx.database, maxAgeMs) : undefined;
  let found = generations ? cache?.recentSession<SessionLookup>(tokenHash, maxAgeMs) : undefined;
  if (!found) {
    const epoch = currentSessionEpoch();
    const startedAt = performance.now();
    const generationEpoch = generationsEpoch();
    found = await sessionRepo.byTokenHash(db, tokenHash);
    if (!found) return undefined;
    generations = parseGenerations(found.generations);
    rememberGenerations(ctx.database, generations, generationEpoch);
    cache?.rememberSession(tokenHash, found, { epoch, startedAt, ids: [found.session.id, found.account.id] });
  }
  if (ctx.generations) ctx.generations.values = generations;
  if (!found.account.active) return undefined;
  const now = new Date();
  if (found.session.expiresAt <= now) {
    cache?.forgetSession(tokenHash);
    return undefined;
  }
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  if (now.getTime() - found.session.lastSeenAt.getTime() > idleMs) {
    cache?.forgetSession(tokenHash);
    cache?.delete(found.session.id);
    await sessionRepo.delete(db, found.session.id);
    return undefined;
  }
  // Touch at most once a minute: the idle clock needs no finer grain, and it saves a write per request.
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) {
    await sessionRepo.touch(db, found.session.id, now);
    found.session.lastSeenAt = now;
  }
  const generation = generations!.auth ?? 0;
  let actor = cache?.get(found.session.id, generation);
  if (!actor || actor.id !== found.account.id) {
    actor = await actorFor(ctx, found.account);
    cache?.set(found.session.id, generation, actor);
  }
  // An agent acting for an enterprise in this session (agents.ts switchActingFor): the enterprise is the subject, the account stays theirs.
  const acting =
    found.session.actingEntityId && actor.kind === 'person'
      ? { kind: 'entity' as const, subjectId: found.session.actingEntityId, name: found.session.actingEntityName ?? actor.name }
      : {};
  return { ...actor, ...acting, sessionId: found.session.id, mustChangePassword: found.account.mustChangePassword };
}
type SessionLookup = NonNullable<Awaited<ReturnType<typeof sessionRepo.byTokenHash>>>;

/** The actor of a named account (demo seeds and CLI commands act as a given user). */
export async function actorForUsername(ctx: Ctx, username: string): Promise<Actor> {
  const account = await accountRepo.byUsername(ctx.database.db, username);
  if (!account) throw new Error(`no account ${username}`);
  return actorFor(ctx, account);
}

/** What building an actor reads of an account (the session statement selects just these). */
export type ActorAccount = Pick<AccountRow, 'id' | 'username' | 'kind' | 'mustChangePassword' | 'personId' | 'entityId' | 'staffId'>;

export async function actorFor(ctx: Ctx, account: ActorAccount): Promise<Actor> {
  const db = ctx.database.db;
  const base = { id: account.id, mustChangePassword: account.mustChangePassword };
  if (account.kind === 'staff' && account.staffId) {
    const found = await staffRepo.withGrants(db, account.staffId);
    const grants: Grant[] = (found?.assignments ?? []).map((a) => ({
      role: a.roleCode,
      permissions: builtInRole(a.roleCode)?.permissions ?? a.rolePermissions,
      departmentId: a.departmentId,
      regionPath: a.regionPath,
    }));
    const member = found?.member;
    return {
      ...base,
      kind: 'staff',
      name: member?.name ?? account.username,
      grants: member?.active === false ? [] : grants,
      departmentId: member?.departmentId,
      subjectId: account.staffId,
    };
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
    t.afterCommit(() => sessionsChanged(sessionId));
    await publishSignedOut(t, ctx.actor.id!, 'logout');
  });
}

export async function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account) throw new AppError('auth.required');
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new AppError('auth.wrong_password', { fields: [{ field: 'currentPassword', code: 'wrong_password' }] });
  }
  assertStrongPassword(input.newPassword, 'newPassword', [account.username, ctx.actor.name]);
  if (input.newPassword === input.currentPassword) throw new AppError('auth.weak_password', { fields: [{ field: 'newPassword', code: 'same_as_old' }] });
  const passwordHash = await hashPassword(ctx.config, input.newPassword);
  await transact(ctx, async (t) => {
    await accountRepo.update(t.tx, account.id, { passwordHash, mustChangePassword: false });
    await sessionRepo.deleteForAccount(t.tx, account.id, ctx.actor.sessionId);
    await publishSignedOut(t, account.id, 'password_changed');
    t.afterCommit(() => sessionsChanged(account.id));
    t.audit({ action: 'account.password_change', objectType: 'account', objectId: account.id, summary: { otherSessionsEnded: true } });
  });
}

/** What the web app needs to know about the signed-in actor. */
export async function describeMe(ctx: Ctx) {
  const cached = await cachedStaffMe(ctx);
  if (cached) return cached;
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
    const found = await staffRepo.withGrants(db, account.staffId);
    if (found) {
      const s = found.member;
      const assignments = found.assignments;
      const departmentIds = [...new Set([s.departmentId, ...assignments.flatMap((a) => (a.departmentId ? [a.departmentId] : []))])];
      const [departments, roles] = await Promise.all([findDepartments(ctx, departmentIds), allRoles(ctx)]);
      const department = departments.find((d) => d.id === s.departmentId) ?? (await getDepartment(ctx, s.departmentId));
      const depts = new Map(departments.map((d) => [d.id, d.name]));
      const roleNames = new Map(roles.map((r) => [r.code, r]));
      // Region names: the departments already carry theirs; look up only the others, once each.
      const regionNames = new Map(departments.map((d) => [d.regionCode, d.regionName]));
      for (const code of new Set([s.regionCode, ...assignments.map((a) => a.regionCode)])) {
        if (!regionNames.has(code)) regionNames.set(code, (await findRegion(ctx, code))?.name ?? code);
      }
      me.staff = {
        id: s.id,
        departmentId: s.departmentId,
        departmentName: department.name,
        regionCode: s.regionCode,
        regionName: regionNames.get(s.regionCode) ?? s.regionCode,
        roles: assignments.map((a) => ({
          code: a.roleCode,
          name: roleNames.get(a.roleCode)?.name ?? a.roleCode,
          nameEn: roleNames.get(a.roleCode)?.nameEn ?? a.roleCode,
          departmentId: a.departmentId,
          departmentName: a.departmentId ? (depts.get(a.departmentId) ?? null) : null,
          regionCode: a.regionCode,
          regionName: regionNames.get(a.regionCode) ?? a.regionCode,
        })),
      };
      await rememberStaffMe(ctx, me);
    }
  }
  return me;
}
