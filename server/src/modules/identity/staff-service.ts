import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { can, holdsEverywhere, holdsIn, permissionsBeyond, regionWithin, scopesOf, type Actor, type FullScope } from '../../platform/auth/index.ts';
import { holdsCityWide } from '../../platform/auth/city-wide.ts';
import { departmentIdsWithin, findDepartments, findRegion, getDepartment } from '../org/index.ts';
import { accountRepo, roleRepo, sessionRepo, staffRepo, type AccountRow, type AssignmentRow, type StaffRow } from './repository.ts';
import { ownerOf, pickKeys } from './role-service.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { builtInRole, type BuiltInRole } from './roles.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { cachedStaffPage, staffListChanged } from './staff-page-cache.ts';

const STAFF_MANAGE = 'identity.staff.manage';
const ROLE_MANAGE = 'identity.role.manage';
const READ_SENSITIVE = 'identity.person.read_sensitive';

export interface RoleAssignmentInput {
  roleCode: string;
  departmentId?: string | null;
  regionCode: string;
}

/** Staff as the API shows them; `knownAccounts`: their accounts when the caller read them already. */
async function present(
  ctx: Ctx,
  rows: StaffRow[],
  knownAccounts?: Pick<AccountRow, 'staffId' | 'username' | 'lockedUntil'>[],
  knownAssignments?: { staffId: string; roleCode: string; departmentId: string | null; regionCode: string }[],
) {
  const db = ctx.database.db;
  const ids = rows.map((r) => r.id);
  const [accounts, assignments, depts] = await Promise.all([
    knownAccounts ?? accountRepo.byStaffIds(db, ids),
    knownAssignments ?? staffRepo.assignments(db, ids),
    findDepartments(ctx, [...new Set(rows.map((r) => r.departmentId))]),
  ]);
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const account = accounts.find((a) => a.staffId === r.id);
    return {
      id: r.id,
      username: account?.username ?? '',
      name: r.name,
      phoneMasked: r.phoneMasked,
      departmentId: r.departmentId,
      departmentName: deptName.get(r.departmentId) ?? '',
      regionCode: r.regionCode,
      lawEnforcementCertNo: r.lawEnforcementCertNo,
      active: r.active,
      locked: Boolean(account?.lockedUntil && account.lockedUntil > new Date()),
      version: r.version,
      roles: assignments.filter((a) => a.staffId === r.id).map((a) => ({ roleCode: a.roleCode, departmentId: a.departmentId, regionCode: a.regionCode })),
    };
  });
}

/** Departments whose staff the actor may manage (undefined: all); those of whole regions in one statement. */
async function manageableDepartmentIds(ctx: Ctx): Promise<string[] | undefined> {
  const { all, scopes } = scopesOf(ctx.actor, STAFF_MANAGE);
  if (all) return undefined;
  const bound = scopes.flatMap((s) => (s.departmentId ? [s.departmentId] : []));
  const regionPaths = scopes.flatMap((s) => (s.departmentId ? [] : [s.regionPath]));
  const inRegions = regionPaths.length ? await departmentIdsWithin(ctx, regionPaths) : [];
  return [...new Set([...bound, ...inRegions])];
}

export async function listStaff(ctx: Ctx, q: { page: number; pageSize: number; q?: string; departmentId?: string; active?: boolean }) {
  // Keyed by the grants that decide the scope (not the ids they resolve to, which cost a statement).
  const key = JSON.stringify([scopesOf(ctx.actor, STAFF_MANAGE), q.page, q.pageSize, q.q ?? null, q.departmentId ?? null, q.active ?? null]);
  const { rows, accounts, assignments, total } = await cachedStaffPage(ctx, key, async () =>
    staffRepo.list(ctx.database.db, { ...q, departmentIds: await manageableDepartmentIds(ctx) }),
  );
  return pageOf(await present(ctx, rows, accounts, assignments), total, q);
}

/** The scope a staff member belongs to: their department (none: the root, for the first admin). */
async function staffScope(ctx: Ctx, row: StaffRow): Promise<FullScope & { found: boolean }> {
  const department = await getDepartment(ctx, row.departmentId).catch(() => undefined);
  return department ? { regionPath: department.regionPath, departmentId: department.id, found: true } : { regionPath: '', departmentId: null, found: false };
}

/** Reading a staff member: only inside the reader's staff-manage scope, like the list. */
export async function getStaff(ctx: Ctx, id: string) {
  const row = await staffRepo.byId(ctx.database.db, id);
  if (!row) throw notFound('staff', id);
  const scope = await staffScope(ctx, row);
  const visible = scope.found
    ? can(ctx.actor, STAFF_MANAGE, { regionPath: scope.regionPath, departmentId: scope.departmentId })
    : holdsEverywhere(ctx.actor, STAFF_MANAGE);
  if (!visible) throw new AppError('auth.out_of_scope');
  return (await present(ctx, [row]))[0]!;
}

async function assertMayManageDepartment(ctx: Ctx, departmentId: string) {
  const department = await getDepartment(ctx, departmentId).catch(() => undefined);
  if (!department) throw new AppError('request.invalid', { fields: [{ field: 'departmentId', code: 'not_found' }] });
  if (!can(ctx.actor, STAFF_MANAGE, { regionPath: department.regionPath, departmentId })) throw new AppError('auth.out_of_scope');
  return department;
}

/**
 * Permissions that only someone holding them may hand out, whatever role carries them: everything,
 * power over staff and roles, reading full ID numbers, the organisation (regions, departments) and
 * the platform's own powers (audit trail, calendar, jobs). Operational built-in roles hold none.
 */
export function guardedPermission(permission: string): boolean {
  return (
    permission === '*' ||
    [STAFF_MANAGE, ROLE_MANAGE, READ_SENSITIVE].includes(permission) ||
    permission.startsWith('platform.') ||
    permission.startsWith('org.')
  );
}

type AssignableRole = { code: string; permissions: readonly string[]; builtIn: BuiltInRole | undefined; owner: FullScope };

async function findAssignableRole(t: TxCtx, code: string): Promise<AssignableRole | undefined> {
  const b = builtInRole(code);
  if (b) return { code, permissions: b.permissions, builtIn: b, owner: { regionPath: '', departmentId: null } };
  const row = await roleRepo.byCode(t.tx, code);
  return row && !row.builtIn ? { code, permissions: row.permissions, builtIn: undefined, owner: ownerOf(row) } : undefined;
}

/**
 * The one rule for a role assignment (new or already held by a staff member being changed): the
 * granter manages staff over the whole target scope; a custom role is used only inside the scope
 * that owns it; and the assignment carries only permissions the granter holds there, except an
 * operational built-in role with no guarded permission, which a staff manager hands out in scope.
 */
function assertMayAssign(actor: Actor, role: AssignableRole, scope: FullScope, field: string) {
  if (!holdsIn(actor, STAFF_MANAGE, scope)) throw new AppError('auth.out_of_scope', { fields: [{ field: `${field}.regionCode`, code: 'out_of_scope' }] });
  if (
    !role.builtIn &&
    !(regionWithin(scope.regionPath, role.owner.regionPath) && (role.owner.departmentId === null || role.owner.departmentId === scope.departmentId))
  ) {
    throw new AppError('auth.out_of_scope', { fields: [{ field: `${field}.regionCode`, code: 'outside_role_owner' }] });
  }
  const operational = role.builtIn && !role.builtIn.administrative && !role.permissions.some(guardedPermission);
  if (operational) return;
  const beyond = permissionsBeyond(actor, role.permissions, scope);
  if (beyond.length) throw new AppError('auth.forbidden', { fields: [{ field: `${field}.roleCode`, code: 'beyond_granter' }], detail: beyond.join(', ') });
}

async function resolveAssignments(t: TxCtx, staffId: string, roles: RoleAssignmentInput[]) {
  // Nobody changes their own powers: another manager has to.
  if (t.actor.kind === 'staff' && t.actor.subjectId === staffId) throw new AppError('auth.forbidden', { fields: [{ field: 'roles', code: 'own_roles' }] });
  const rows = [];
  for (const [i, r] of roles.entries()) {
    const role = await findAssignableRole(t, r.roleCode);
    if (!role) throw new AppError('request.invalid', { fields: [{ field: `roles.${i}.roleCode`, code: 'not_found' }] });
    const region = r.regionCode === '' ? { code: '', path: '' } : await findRegion(t, r.regionCode);
    if (!region) throw new AppError('request.invalid', { fields: [{ field: `roles.${i}.regionCode`, code: 'not_found' }] });
    if (r.departmentId) await assertMayManageDepartment(t, r.departmentId);
    assertMayAssign(t.actor, role, { regionPath: region.path, departmentId: r.departmentId ?? null }, `roles.${i}`);
    rows.push({ id: newId(), staffId, roleCode: r.roleCode, departmentId: r.departmentId ?? null, regionCode: region.code, regionPath: region.path });
  }
  return rows;
}

/**
 * Changing a staff member (name, password, roles, unlock…) is acting on their powers: the actor
 * must be able to have granted every role the member holds. A district admin cannot reset the
 * password of a city-wide administrator in their district's service hall.
 */
async function assertMayChange(t: TxCtx, assignments: AssignmentRow[]) {
  for (const a of assignments) {
    const role = (await findAssignableRole(t, a.roleCode)) ?? {
      code: a.roleCode,
      permissions: ['*'],
      builtIn: undefined,
      owner: { regionPath: '', departmentId: null },
    };
    try {
      assertMayAssign(t.actor, role, { regionPath: a.regionPath, departmentId: a.departmentId }, 'roles');
    } catch {
      throw new AppError('auth.out_of_scope', { fields: [{ field: 'roles', code: 'holds_more' }], detail: `${a.roleCode} @ ${a.regionCode || '*'}` });
    }
  }
}

export async function createStaff(
  ctx: Ctx,
  input: {
    username: string;
    name: string;
    departmentId: string;
    password: string;
    phone?: string | null;
    lawEnforcementCertNo?: string | null;
    roles: RoleAssignmentInput[];
  },
) {
  assertStrongPassword(input.password, 'password', [input.username, input.name]);
  const passwordHash = await hashPassword(ctx.config, input.password);
  return transact(ctx, async (t) => {
    const department = await assertMayManageDepartment(t, input.departmentId);
    if (await accountRepo.byUsername(t.tx, input.username)) throw new AppError('resource.conflict', { fields: [{ field: 'username', code: 'duplicate' }] });
    const id = newId();
    await staffRepo.insert(t.tx, {
      id,
      name: input.name,
      departmentId: department.id,
      regionCode: department.regionCode,
      phoneMasked: input.phone ? `${input.phone.slice(0, 3)}****${input.phone.slice(-4)}` : null,
      lawEnforcementCertNo: input.lawEnforcementCertNo ?? null,
    });
    await accountRepo.insert(t.tx, { id: newId(), username: input.username, kind: 'staff', passwordHash, mustChangePassword: true, staffId: id });
    const assignments = await resolveAssignments(t, id, input.roles);
    await staffRepo.replaceAssignments(t.tx, id, assignments);
    await staffListChanged(t);
    t.audit({
      action: 'staff.create',
      objectType: 'staff',
      objectId: id,
      summary: { after: { username: input.username, name: input.name, departmentId: department.id, roles: input.roles } },
      scope: { regionPath: department.regionPath, departmentId: department.id },
    });
    return (await present(t, [(await staffRepo.byId(t.tx, id))!]))[0]!;
  });
}

export async function updateStaff(
  ctx: Ctx,
  id: string,
  input: {
    name?: string;
    departmentId?: string;
    active?: boolean;
    lawEnforcementCertNo?: string | null;
    roles?: RoleAssignmentInput[];
    resetPassword?: string;
    unlock?: boolean;
    version?: number;
  },
) {
  const passwordHash = input.resetPassword
    ? (assertStrongPassword(input.resetPassword, 'resetPassword'), await hashPassword(ctx.config, input.resetPassword))
    : undefined;
  return transact(ctx, async (t) => {
    const before = await staffRepo.byId(t.tx, id);
    if (!before) throw notFound('staff', id);
    const home = await staffScope(t, before);
    if (home.found) await assertMayManageDepartment(t, before.departmentId);
    else if (!holdsEverywhere(t.actor, STAFF_MANAGE)) throw new AppError('auth.out_of_scope');
    const beforeAssignments = await staffRepo.assignments(t.tx, [id]);
    const self = t.actor.kind === 'staff' && t.actor.subjectId === id;
    if (!self) await assertMayChange(t, beforeAssignments);
    // One's own account: no reset (the password page asks for the current one), unlock, deactivation or move.
    const ownAccountField = input.resetPassword
      ? 'resetPassword'
      : input.unlock
        ? 'unlock'
        : input.active !== undefined
          ? 'active'
          : input.departmentId && input.departmentId !== before.departmentId
            ? 'departmentId'
            : undefined;
    if (self && ownAccountField) throw new AppError('auth.forbidden', { fields: [{ field: ownAccountField, code: 'own_account' }] });
    const patch: Partial<StaffRow> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.active !== undefined) patch.active = input.active;
    if (input.lawEnforcementCertNo !== undefined) patch.lawEnforcementCertNo = input.lawEnforcementCertNo;
    if (input.departmentId && input.departmentId !== before.departmentId) {
      const department = await assertMayManageDepartment(t, input.departmentId);
      patch.departmentId = department.id;
      patch.regionCode = department.regionCode;
    }
    const updated = await staffRepo.update(t.tx, id, input.version ?? before.version, patch);
    if (!updated) throw new AppError('resource.stale');
    const beforeRoles = beforeAssignments.map((a) => ({ roleCode: a.roleCode, departmentId: a.departmentId, regionCode: a.regionCode }));
    if (input.roles && !(self && sameAssignments(beforeRoles, input.roles))) {
      await staffRepo.replaceAssignments(t.tx, id, await resolveAssignments(t, id, input.roles));
    }
    const [account] = await accountRepo.byStaffIds(t.tx, [id]);
    if (account && (passwordHash || input.unlock || input.active !== undefined)) {
      await accountRepo.update(t.tx, account.id, {
        ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
      // Ended for good: reactivating the account must not revive a session opened before.
      if (input.active === false) await sessionRepo.deleteForAccount(t.tx, account.id);
    }
    // Cached actors of this account (and of everyone: one counter) are rebuilt on their next request.
    await bumpGeneration(t, 'auth');
    t.audit({
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      summary: {
        before: { ...pickKeys(before, Object.keys(patch)), ...(input.roles ? { roles: beforeRoles } : {}) },
        after: {
          ...patch,
          ...(input.roles ? { roles: input.roles } : {}),
          ...(passwordHash ? { passwordReset: true } : {}),
          ...(input.unlock ? { unlocked: true } : {}),
        },
      },
      scope: { regionPath: home.regionPath, departmentId: home.departmentId },
    });
    return (await present(t, [updated]))[0]!;
  });
}

function sameAssignments(a: RoleAssignmentInput[], b: RoleAssignmentInput[]) {
  const key = (r: RoleAssignmentInput) => `${r.roleCode}|${r.departmentId ?? ''}|${r.regionCode}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

// ---------- personal data ----------

/**
 * Reading a person's full ID number: a read_sensitive grant, bound to no department, whose region
 * covers the person's region. A person with no (known) region (an applicant whose case recorded
 * none) belongs to no district but to the whole installation: only a city-wide grant covers them.
 */
export async function assertMayReadPersonalData(ctx: Ctx, personRegionCode: string | null) {
  const region = personRegionCode ? await findRegion(ctx, personRegionCode) : undefined;
  const ok = region ? holdsIn(ctx.actor, READ_SENSITIVE, { regionPath: region.path, departmentId: null }) : holdsCityWide(ctx.actor, READ_SENSITIVE);
  if (!ok) throw new AppError('auth.out_of_scope');
}
