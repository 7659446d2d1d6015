import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { can, isKnownPermission, listPermissions, scopesOf } from '../../platform/auth/index.ts';
import { findDepartments, findRegion, getDepartment, listDepartments } from '../org/index.ts';
import { accountRepo, roleRepo, staffRepo, type StaffRow } from './repository.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { builtInRole, builtInRoles } from './roles.ts';

const STAFF_MANAGE = 'identity.staff.manage';
const ROLE_MANAGE = 'identity.role.manage';

export interface RoleAssignmentInput {
  roleCode: string;
  departmentId?: string | null;
  regionCode: string;
}

async function present(ctx: Ctx, rows: StaffRow[]) {
  const db = ctx.database.db;
  const ids = rows.map((r) => r.id);
  const [accounts, assignments, depts] = await Promise.all([
    accountRepo.byStaffIds(db, ids),
    staffRepo.assignments(db, ids),
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

/** Departments whose staff the actor may manage. */
async function manageableDepartmentIds(ctx: Ctx): Promise<string[] | undefined> {
  const { all, scopes } = scopesOf(ctx.actor, STAFF_MANAGE);
  if (all) return undefined;
  const ids = new Set<string>();
  for (const s of scopes) {
    if (s.departmentId) ids.add(s.departmentId);
    else {
      const page = await listDepartments({ ...ctx, actor: { ...ctx.actor, grants: [{ role: 'scope', permissions: ['org.department.manage'], departmentId: null, regionPath: s.regionPath }] } }, { page: 1, pageSize: 100 });
      page.items.forEach((d) => ids.add(d.id));
    }
  }
  return [...ids];
}

export async function listStaff(ctx: Ctx, q: { page: number; pageSize: number; q?: string; departmentId?: string; active?: boolean }) {
  const departmentIds = await manageableDepartmentIds(ctx);
  const { rows, total } = await staffRepo.list(ctx.database.db, { ...q, departmentIds });
  return pageOf(await present(ctx, rows), total, q);
}

export async function getStaff(ctx: Ctx, id: string) {
  const row = await staffRepo.byId(ctx.database.db, id);
  if (!row) throw notFound('staff', id);
  return (await present(ctx, [row]))[0]!;
}

async function assertMayManageDepartment(ctx: Ctx, departmentId: string) {
  const department = await getDepartment(ctx, departmentId).catch(() => undefined);
  if (!department) throw new AppError('request.invalid', { fields: [{ field: 'departmentId', code: 'not_found' }] });
  if (!can(ctx.actor, STAFF_MANAGE, { regionPath: department.regionPath, departmentId })) throw new AppError('auth.out_of_scope');
  return department;
}

async function resolveAssignments(t: TxCtx, staffId: string, roles: RoleAssignmentInput[]) {
  const rows = [];
  for (const [i, r] of roles.entries()) {
    if (!builtInRole(r.roleCode) && !(await roleRepo.byCode(t.tx, r.roleCode))) {
      throw new AppError('request.invalid', { fields: [{ field: `roles.${i}.roleCode`, code: 'not_found' }] });
    }
    const region = r.regionCode === '' ? { code: '', path: '' } : await findRegion(t, r.regionCode);
    if (!region) throw new AppError('request.invalid', { fields: [{ field: `roles.${i}.regionCode`, code: 'not_found' }] });
    if (r.departmentId) await assertMayManageDepartment(t, r.departmentId);
    // Nobody hands out more than they hold: the granted scope must sit inside the granter's own.
    if (!can(t.actor, STAFF_MANAGE, { regionPath: region.path, departmentId: r.departmentId ?? undefined })) throw new AppError('auth.out_of_scope', { fields: [{ field: `roles.${i}.regionCode`, code: 'out_of_scope' }] });
    const perms = builtInRole(r.roleCode)?.permissions ?? (await roleRepo.byCode(t.tx, r.roleCode))?.permissions ?? [];
    if (perms.includes('*') && !can(t.actor, '*')) throw new AppError('auth.forbidden', { fields: [{ field: `roles.${i}.roleCode`, code: 'out_of_scope' }] });
    rows.push({ id: newId(), staffId, roleCode: r.roleCode, departmentId: r.departmentId ?? null, regionCode: region.code, regionPath: region.path });
  }
  return rows;
}

export async function createStaff(
  ctx: Ctx,
  input: { username: string; name: string; departmentId: string; password: string; phone?: string | null; lawEnforcementCertNo?: string | null; roles: RoleAssignmentInput[] },
) {
  assertStrongPassword(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
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
    t.audit({ action: 'staff.create', objectType: 'staff', objectId: id, summary: { after: { username: input.username, name: input.name, departmentId: department.id, roles: input.roles } } });
    return (await present(t, [(await staffRepo.byId(t.tx, id))!]))[0]!;
  });
}

export async function updateStaff(
  ctx: Ctx,
  id: string,
  input: { name?: string; departmentId?: string; active?: boolean; lawEnforcementCertNo?: string | null; roles?: RoleAssignmentInput[]; resetPassword?: string; unlock?: boolean; version?: number },
) {
  const passwordHash = input.resetPassword ? (assertStrongPassword(input.resetPassword, 'resetPassword'), await hashPassword(input.resetPassword)) : undefined;
  return transact(ctx, async (t) => {
    const before = await staffRepo.byId(t.tx, id);
    if (!before) throw notFound('staff', id);
    await assertMayManageDepartment(t, before.departmentId);
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
    const beforeRoles = (await staffRepo.assignments(t.tx, [id])).map((a) => ({ roleCode: a.roleCode, departmentId: a.departmentId, regionCode: a.regionCode }));
    if (input.roles) await staffRepo.replaceAssignments(t.tx, id, await resolveAssignments(t, id, input.roles));
    const [account] = await accountRepo.byStaffIds(t.tx, [id]);
    if (account && (passwordHash || input.unlock || input.active !== undefined)) {
      await accountRepo.update(t.tx, account.id, {
        ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      });
    }
    t.audit({
      action: 'staff.update',
      objectType: 'staff',
      objectId: id,
      summary: { before: { ...pickKeys(before, Object.keys(patch)), ...(input.roles ? { roles: beforeRoles } : {}) }, after: { ...patch, ...(input.roles ? { roles: input.roles } : {}), ...(passwordHash ? { passwordReset: true } : {}), ...(input.unlock ? { unlocked: true } : {}) } },
    });
    return (await present(t, [updated]))[0]!;
  });
}

function pickKeys(obj: object, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, (obj as Record<string, unknown>)[k]]));
}

// ---------- roles ----------

export async function listRoles(ctx: Ctx) {
  const rows = await roleRepo.all(ctx.database.db);
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, permissions: builtInRole(r.code)?.permissions ?? r.permissions, builtIn: r.builtIn }));
}

export function permissionCatalogue() {
  return listPermissions().map((p) => ({ code: p.code, name: p.zh, nameEn: p.en }));
}

function assertKnownPermissions(permissions: string[]) {
  const unknown = permissions.filter((p) => !isKnownPermission(p) || p === '*');
  if (unknown.length) throw new AppError('request.invalid', { fields: [{ field: 'permissions', code: 'invalid_value' }], detail: unknown.join(', ') });
}

export async function createRole(ctx: Ctx, input: { code: string; name: string; nameEn: string; permissions: string[] }) {
  assertKnownPermissions(input.permissions);
  return transact(ctx, async (t) => {
    if (builtInRole(input.code) || (await roleRepo.byCode(t.tx, input.code))) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    await roleRepo.upsert(t.tx, { ...input, builtIn: false });
    t.audit({ action: 'role.create', objectType: 'role', objectId: input.code, summary: { after: input } });
    return { ...input, builtIn: false };
  });
}

export async function updateRole(ctx: Ctx, code: string, input: { name?: string; nameEn?: string; permissions?: string[] }) {
  if (input.permissions) assertKnownPermissions(input.permissions);
  return transact(ctx, async (t) => {
    const before = await roleRepo.byCode(t.tx, code);
    if (!before) throw notFound('role', code);
    if (before.builtIn && input.permissions) throw new AppError('resource.conflict', { detail: 'built-in roles keep their permissions; create a custom role instead' });
    const row = (await roleRepo.update(t.tx, code, input))!;
    t.audit({ action: 'role.update', objectType: 'role', objectId: code, summary: { before: pickKeys(before, Object.keys(input)), after: input } });
    return { code: row.code, name: row.name, nameEn: row.nameEn, permissions: row.permissions, builtIn: row.builtIn };
  });
}

/** Keeps the roles table in step with the built-in roles defined in code (run at every start). */
export async function syncBuiltInRoles(ctx: Ctx) {
  await transact(ctx, async (t) => {
    for (const r of builtInRoles()) await roleRepo.upsert(t.tx, { ...r, builtIn: true });
  });
}
