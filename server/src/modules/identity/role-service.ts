import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { holdsIn, isKnownPermission, listPermissions, permissionsBeyond, regionWithin, type Actor, type FullScope } from '../../platform/auth/index.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { findRegion, getDepartment } from '../org/index.ts';
import { roleRepo, type RoleRow } from './repository.ts';
import { builtInRole, builtInRoles } from './roles.ts';
import { allRoles } from './role-cache.ts';

/** Roles: the built-in ones (defined in code, roles.ts) and custom ones owned by a region or department. */

const ROLE_MANAGE = 'identity.role.manage';

export function ownerOf(row: Pick<RoleRow, 'ownerRegionPath' | 'ownerDepartmentId'>): FullScope {
  return { regionPath: row.ownerRegionPath, departmentId: row.ownerDepartmentId };
}

function presentRole(r: RoleRow) {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    permissions: builtInRole(r.code)?.permissions ?? r.permissions,
    builtIn: r.builtIn,
    ownerRegionCode: r.builtIn ? '' : r.ownerRegionCode,
    ownerDepartmentId: r.builtIn ? null : r.ownerDepartmentId,
  };
}

/** Do two scopes overlap (one region inside the other, departments compatible)? */
function overlaps(a: FullScope, b: FullScope): boolean {
  const regions = regionWithin(a.regionPath, b.regionPath) || regionWithin(b.regionPath, a.regionPath);
  return regions && (a.departmentId === null || b.departmentId === null || a.departmentId === b.departmentId);
}

/** Built-in roles, and the custom roles whose owner scope overlaps one of the actor's grants. */
export async function listRoles(ctx: Ctx) {
  const rows = await allRoles(ctx);
  const sees = (r: RoleRow) => r.builtIn || ctx.actor.grants.some((g) => overlaps({ regionPath: g.regionPath, departmentId: g.departmentId }, ownerOf(r)));
  return rows.filter(sees).map(presentRole);
}

export function permissionCatalogue() {
  return listPermissions().map((p) => ({ code: p.code, name: p.zh, nameEn: p.en }));
}

function assertKnownPermissions(permissions: string[]) {
  const unknown = permissions.filter((p) => !isKnownPermission(p) || p === '*');
  if (unknown.length) throw new AppError('request.invalid', { fields: [{ field: 'permissions', code: 'invalid_value' }], detail: unknown.join(', ') });
}

function assertWithinHoldings(actor: Actor, permissions: string[], owner: FullScope) {
  const beyond = permissionsBeyond(actor, permissions, owner);
  if (beyond.length) throw new AppError('auth.forbidden', { fields: [{ field: 'permissions', code: 'beyond_granter' }], detail: beyond.join(', ') });
}

/** The owner scope of a new role: the one asked for, else the creator's (first) role-manage grant. */
async function resolveOwner(t: TxCtx, input: { ownerRegionCode?: string; ownerDepartmentId?: string | null }) {
  let region: { code: string; path: string };
  let departmentId: string | null;
  if (input.ownerRegionCode !== undefined) {
    const found = input.ownerRegionCode === '' ? { code: '', path: '' } : await findRegion(t, input.ownerRegionCode);
    if (!found) throw new AppError('request.invalid', { fields: [{ field: 'ownerRegionCode', code: 'not_found' }] });
    region = { code: found.code, path: found.path };
    departmentId = input.ownerDepartmentId ?? null;
  } else {
    const grant = t.actor.grants.find((g) => g.permissions.includes('*') || g.permissions.includes(ROLE_MANAGE));
    const path = grant?.regionPath ?? '';
    region = { code: path.split('/').at(-1) ?? '', path };
    departmentId = input.ownerDepartmentId !== undefined ? input.ownerDepartmentId : (grant?.departmentId ?? null);
  }
  if (departmentId) {
    const department = await getDepartment(t, departmentId).catch(() => undefined);
    if (!department || !regionWithin(department.regionPath, region.path))
      throw new AppError('request.invalid', { fields: [{ field: 'ownerDepartmentId', code: 'not_found' }] });
  }
  const owner = { regionPath: region.path, departmentId };
  if (!holdsIn(t.actor, ROLE_MANAGE, owner)) throw new AppError('auth.out_of_scope', { fields: [{ field: 'ownerRegionCode', code: 'out_of_scope' }] });
  return { regionCode: region.code, ...owner };
}

/** A custom role, owned by a scope the creator manages roles in, holding only what the creator holds there. */
export async function createRole(
  ctx: Ctx,
  input: { code: string; name: string; nameEn: string; permissions: string[]; ownerRegionCode?: string; ownerDepartmentId?: string | null },
) {
  assertKnownPermissions(input.permissions);
  return transact(ctx, async (t) => {
    if (builtInRole(input.code) || (await roleRepo.byCode(t.tx, input.code)))
      throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    const owner = await resolveOwner(t, input);
    assertWithinHoldings(t.actor, input.permissions, owner);
    const row = {
      code: input.code,
      name: input.name,
      nameEn: input.nameEn,
      permissions: [...new Set(input.permissions)],
      builtIn: false,
      ownerRegionCode: owner.regionCode,
      ownerRegionPath: owner.regionPath,
      ownerDepartmentId: owner.departmentId,
    };
    await roleRepo.insert(t.tx, row);
    await bumpGeneration(t, 'auth');
    t.audit({
      action: 'role.create',
      objectType: 'role',
      objectId: input.code,
      summary: { after: { ...input, ownerRegionCode: owner.regionCode, ownerDepartmentId: owner.departmentId } },
      scope: owner,
    });
    return presentRole(row);
  });
}

type RoleChange = { name?: string; nameEn?: string; permissions?: string[] };

/**
 * Only an actor managing roles over the role's whole owner scope edits it; added permissions must be
 * theirs there. A built-in role is defined in code and rewritten at every start: changing its name or
 * permissions here would be answered 200 and undone at the next start, so it is refused.
 */
export async function updateRole(ctx: Ctx, code: string, input: RoleChange) {
  const given = (['name', 'nameEn', 'permissions'] as const).filter((k) => input[k] !== undefined);
  if (!given.length) throw new AppError('request.invalid', { fields: [{ field: 'body', code: 'nothing_to_change' }] });
  if (input.permissions) assertKnownPermissions(input.permissions);
  return transact(ctx, async (t) => {
    const before = await roleRepo.byCode(t.tx, code);
    if (!before) throw notFound('role', code);
    const owner = ownerOf(before);
    if (!holdsIn(t.actor, ROLE_MANAGE, owner)) throw new AppError('auth.out_of_scope', { fields: [{ field: 'code', code: 'outside_role_owner' }] });
    const builtIn = before.builtIn ? builtInRole(code) : undefined;
    if (before.builtIn) {
      const kept = { name: builtIn?.name ?? before.name, nameEn: builtIn?.nameEn ?? before.nameEn, permissions: presentRole(before).permissions };
      const changed = given.filter((k) => (k === 'permissions' ? !samePermissions(input.permissions!, kept.permissions) : input[k] !== kept[k]));
      if (changed.length)
        throw new AppError('resource.conflict', {
          fields: changed.map((field) => ({ field, code: 'built_in_role' })),
          detail: 'built-in roles are defined by the platform and keep their names and permissions; create a custom role instead',
        });
    }
    const patch = { ...input, ...(input.permissions ? { permissions: [...new Set(input.permissions)] } : {}) };
    if (patch.permissions)
      assertWithinHoldings(
        t.actor,
        patch.permissions.filter((p) => !before.permissions.includes(p)),
        owner,
      );
    const row = (await roleRepo.update(t.tx, code, patch))!;
    // Every session holding the role sees the new permissions on its next request, in every process.
    await bumpGeneration(t, 'auth');
    t.audit({
      action: 'role.update',
      objectType: 'role',
      objectId: code,
      summary: { before: pickKeys(before, Object.keys(patch)), after: patch },
      scope: owner,
    });
    return presentRole(row);
  });
}

function samePermissions(a: readonly string[], b: readonly string[]) {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((p) => y.has(p));
}

export function pickKeys(obj: object, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, (obj as Record<string, unknown>)[k]]));
}

/**
 * Keeps the roles table in step with the built-in roles defined in code (run at every start).
 * Writes only what differs, and audits it: a release that changes a role's permissions leaves a trace.
 */
export async function syncBuiltInRoles(ctx: Ctx) {
  await transact(ctx, async (t) => {
    const existing = new Map((await roleRepo.all(t.tx)).map((r) => [r.code, r]));
    const created: string[] = [];
    const changed: { code: string; added: string[]; removed: string[]; renamed: boolean }[] = [];
    for (const r of builtInRoles()) {
      const row = {
        code: r.code,
        name: r.name,
        nameEn: r.nameEn,
        permissions: r.permissions,
        builtIn: true,
        ownerRegionCode: '',
        ownerRegionPath: '',
        ownerDepartmentId: null,
      };
      const old = existing.get(r.code);
      if (!old) created.push(r.code);
      else {
        const added = r.permissions.filter((p) => !old.permissions.includes(p));
        const removed = old.permissions.filter((p) => !r.permissions.includes(p));
        const renamed = old.name !== r.name || old.nameEn !== r.nameEn;
        if (!added.length && !removed.length && !renamed && old.builtIn && old.ownerRegionPath === '' && old.ownerDepartmentId === null) continue;
        changed.push({ code: r.code, added, removed, renamed });
      }
      await roleRepo.upsert(t.tx, row);
    }
    if (created.length || changed.length) await bumpGeneration(t, 'auth');
    if (created.length || changed.length)
      t.audit({ action: 'role.sync_built_in', objectType: 'role', objectId: '*', summary: { created, changed }, scope: { regionPath: '' } });
  });
}
