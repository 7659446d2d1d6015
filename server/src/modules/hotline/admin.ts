import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { randomToken, sm3 } from '../../platform/crypto/index.ts';
import { apiKeyRepo, categoryRepo, limitRepo, type ApiKeyRow, type CategoryRow, type LimitRow } from './repository.ts';
import { ticketKinds, ticketUrgencies } from './tables.ts';
import type { CategoryCreate, CategoryUpdate, LimitParams, LimitUpdate } from './schemas.ts';
import { defaultLimit, WORKING_DAY_MINUTES } from './limits.ts';
import { assertCityWideManager, hotlinePermissions as P, mayManageKey } from './policy.ts';
import { allCategories, bumpHotline } from './reference.ts';

export function presentCategory(c: CategoryRow) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    parentId: c.parentId,
    routing: c.routing,
    departmentKind: c.departmentKind,
    limitDays: c.limitDays,
    notAccepted: c.notAccepted,
    referTo: c.referTo,
    active: c.active,
  };
}

export async function listCategories(ctx: Ctx) {
  return (await allCategories(ctx)).map(presentCategory);
}

export async function createCategory(ctx: Ctx, input: z.infer<typeof CategoryCreate>) {
  assertCityWideManager(ctx.actor);
  return transact(ctx, async (t) => {
    if (await categoryRepo.findByCode(t.tx, input.code)) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    if (input.parentId && !(await categoryRepo.find(t.tx, input.parentId)))
      throw new AppError('request.invalid', { fields: [{ field: 'parentId', code: 'not_found' }] });
    const row = {
      id: newId(),
      ...input,
      parentId: input.parentId ?? null,
      departmentKind: input.departmentKind ?? null,
      limitDays: input.limitDays ?? null,
      referTo: input.referTo ?? null,
    };
    await categoryRepo.insert(t.tx, [row]);
    await bumpHotline(t);
    t.audit({ action: 'hotline.category.create', objectType: 'hotline_category', objectId: row.id, summary: { after: row } });
    return presentCategory((await categoryRepo.find(t.tx, row.id))!);
  });
}

/** Edit a category (default department kind, limit, referral) or deactivate it (active: false). */
export async function updateCategory(ctx: Ctx, id: string, input: z.infer<typeof CategoryUpdate>) {
  assertCityWideManager(ctx.actor);
  return transact(ctx, async (t) => {
    const before = await categoryRepo.find(t.tx, id);
    if (!before) throw notFound('hotline_category', id);
    const routing = input.routing ?? before.routing;
    const departmentKind = input.departmentKind === undefined ? before.departmentKind : input.departmentKind;
    if (routing === 'department' && !departmentKind) throw new AppError('request.invalid', { fields: [{ field: 'departmentKind', code: 'required' }] });
    const patch = Object.fromEntries(Object.entries({ ...input, departmentKind }).filter(([, v]) => v !== undefined));
    const row = await categoryRepo.update(t.tx, id, patch);
    await bumpHotline(t);
    const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== (before as Record<string, unknown>)[k]);
    t.audit({
      action: before.active && input.active === false ? 'hotline.category.deactivate' : 'hotline.category.update',
      objectType: 'hotline_category',
      objectId: id,
      summary: {
        code: before.code,
        changed,
        before: Object.fromEntries(changed.map((k) => [k, (before as Record<string, unknown>)[k]])),
        after: Object.fromEntries(changed.map((k) => [k, (patch as Record<string, unknown>)[k]])),
      },
    });
    return presentCategory(row!);
  });
}

const presentKey = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  regionPath: k.regionPath,
  departmentId: k.departmentId,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

/** The keys whose owner scope the reader covers. */
export async function listApiKeys(ctx: Ctx) {
  const rows = await apiKeyRepo.all(ctx.database.db);
  return rows.filter((k) => mayManageKey(ctx.actor, k)).map(presentKey);
}

/** The default owner of a key: the broadest scope in which the actor holds `hotline.manage`. */
function defaultOwner(ctx: Ctx): { regionPath: string; departmentId: string | null } {
  const grants = ctx.actor.grants.filter((g) => g.permissions.includes('*') || g.permissions.includes(P.manage));
  const broadest = [...grants].sort(
    (a, b) =>
      (a.regionPath === '' ? 0 : a.regionPath.split('/').length) - (b.regionPath === '' ? 0 : b.regionPath.split('/').length) ||
      Number(a.departmentId !== null) - Number(b.departmentId !== null),
  )[0];
  return { regionPath: broadest?.regionPath ?? '', departmentId: broadest?.departmentId ?? null };
}

/**
 * Issues an Open311 API key owned by a region (and optionally a department), by default the issuer's
 * broadest scope; the issuer must cover it. The key is shown once, only its SM3 digest is kept.
 */
export async function issueApiKey(ctx: Ctx, input: { name: string; regionPath?: string; departmentId?: string | null }, key = `o311_${randomToken(24)}`) {
  const fallback = defaultOwner(ctx);
  const owner =
    input.regionPath === undefined
      ? { ...fallback, departmentId: input.departmentId === undefined ? fallback.departmentId : input.departmentId }
      : { regionPath: input.regionPath, departmentId: input.departmentId ?? null };
  if (!mayManageKey(ctx.actor, owner)) throw new AppError('auth.out_of_scope', { extra: { permission: P.manage, regionPath: owner.regionPath } });
  const name = input.name;
  return transact(ctx, async (t) => {
    const id = newId();
    await apiKeyRepo.insert(t.tx, { id, name, keyHash: sm3(key), prefix: key.slice(0, 9), createdBy: t.actor.id, ...owner });
    await bumpHotline(t);
    t.audit({ action: 'hotline.api_key.issue', objectType: 'hotline_api_key', objectId: id, summary: { name, prefix: key.slice(0, 9), ...owner } });
    const row = await apiKeyRepo.find(t.tx, id);
    return { ...presentKey(row!), key };
  });
}

/** Revokes a key; only its owner scope may (another scope's key is a 403, as if it were anyone's to see). */
export async function revokeApiKey(ctx: Ctx, id: string) {
  return transact(ctx, async (t) => {
    const before = await apiKeyRepo.findActive(t.tx, id);
    if (!before) throw notFound('hotline_api_key', id);
    if (!mayManageKey(t.actor, before)) throw new AppError('auth.out_of_scope', { extra: { permission: P.manage, regionPath: before.regionPath } });
    const row = await apiKeyRepo.revoke(t.tx, id, new Date());
    if (!row) throw notFound('hotline_api_key', id);
    await bumpHotline(t);
    t.audit({ action: 'hotline.api_key.revoke', objectType: 'hotline_api_key', objectId: id, summary: { name: row.name, regionPath: row.regionPath } });
    return presentKey(row);
  });
}

// ---------- limits (kind × urgency) ----------

/** `updatedAt` null: the row holds the default (never edited by an admin); version 0: no row stored yet. */
const presentLimit = (r: Omit<LimitRow, 'updatedAt'> & { updatedAt: Date | null }) => ({
  kind: r.kind,
  urgency: r.urgency,
  conclusionUnit: r.conclusionUnit,
  conclusionAmount: r.conclusionAmount,
  signMinutes: r.signMinutes,
  version: r.version,
  updatedAt: r.updatedBy && r.updatedAt ? r.updatedAt.toISOString() : null,
});

/** The whole table in kind × urgency order: stored rows, and the code defaults for any combination not stored. */
export async function listLimits(ctx: Ctx) {
  const rows = await limitRepo.all(ctx.database.db);
  return ticketKinds.flatMap((kind) =>
    ticketUrgencies.map((urgency) => {
      const row = rows.find((r) => r.kind === kind && r.urgency === urgency);
      return presentLimit(row ?? { kind, urgency, ...defaultLimit(kind, urgency), version: 0, updatedBy: null, updatedAt: null });
    }),
  );
}

/** The default rows (DOMAIN §6), written by the demo seed; a database without them uses the same defaults. */
export function defaultLimitRows() {
  return ticketKinds.flatMap((kind) => ticketUrgencies.map((urgency) => ({ kind, urgency, ...defaultLimit(kind, urgency) })));
}

/** Hours in a limit in working hours: up to five working days' worth. */
export const MAX_LIMIT_HOURS = 35;

/** Edits one row of the limits table; applies to tickets taken (or dispatched, for the sign limit) from now on. */
export async function updateLimit(ctx: Ctx, key: z.infer<typeof LimitParams>, input: z.infer<typeof LimitUpdate>) {
  const fields: { field: string; code: string }[] = [];
  if (input.conclusionUnit === 'working_hours' && input.conclusionAmount > MAX_LIMIT_HOURS)
    fields.push({ field: 'conclusionAmount', code: 'hotline.limit_hours_too_big' });
  const conclusionMinutes = input.conclusionAmount * (input.conclusionUnit === 'working_hours' ? 60 : WORKING_DAY_MINUTES);
  if (input.signMinutes > conclusionMinutes) fields.push({ field: 'signMinutes', code: 'hotline.sign_exceeds_conclusion' });
  if (fields.length) throw new AppError('request.invalid', { fields });
  assertCityWideManager(ctx.actor);
  return transact(ctx, async (t) => {
    const stored = await limitRepo.find(t.tx, key);
    const before = stored ?? { ...defaultLimit(key.kind, key.urgency), version: 0 };
    if (before.version !== input.version) throw new AppError('resource.stale');
    const after = { conclusionUnit: input.conclusionUnit, conclusionAmount: input.conclusionAmount, signMinutes: input.signMinutes };
    const values = { ...after, version: before.version + 1, updatedBy: t.actor.id, updatedAt: new Date() };
    const row = await limitRepo.save(t.tx, key, stored ? before.version : null, values);
    if (!row) throw new AppError('resource.stale');
    await bumpHotline(t);
    t.audit({
      action: 'hotline.limit.update',
      objectType: 'hotline_limit',
      objectId: `${key.kind}/${key.urgency}`,
      summary: { before: { conclusionUnit: before.conclusionUnit, conclusionAmount: before.conclusionAmount, signMinutes: before.signMinutes }, after },
    });
    return presentLimit(row);
  });
}
