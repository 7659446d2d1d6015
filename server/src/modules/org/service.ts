import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { departmentRepo, regionRepo, serviceCenterRepo, type DepartmentRow, type RegionRow } from './repository.ts';
import { assertCan } from '../../platform/auth/index.ts';
import { orgPermissions, regionRootsFor } from './policy.ts';
import type { z } from 'zod';
import type {
  DepartmentCreate,
  DepartmentListQuery,
  DepartmentUpdate,
  RegionCreate,
  RegionListQuery,
  ServiceCenterCreate,
  ServiceCenterUpdate,
  ServiceWindowCreate,
  ServiceWindowUpdate,
} from './schemas.ts';

const levelOrder = ['province', 'city', 'district', 'street', 'community'] as const;

/**
 * Regions and departments are read by nearly every request and changed by a few admins: kept per
 * `org` generation (platform/meta/generation-cache.ts; every change below bumps it in its
 * transaction). Regions: all of them. Departments: those asked for, filled as they are asked.
 * A code or id not in the cache is looked up in the database, so a row inserted elsewhere is found.
 */
const cachedRegions = generationCache('org', async (ctx) => new Map((await regionRepo.all(ctx.database.db)).map((r) => [r.code, r])));
const cachedDepartments = generationCache('org', async () => new Map<string, DepartmentRow>());

async function regionsByCodes(ctx: Ctx, codes: string[]): Promise<Map<string, RegionRow>> {
  // Inside a transaction: its own reads (the cache is bypassed there, and loading every region would not pay).
  const known = 'tx' in ctx ? new Map<string, RegionRow>() : await cachedRegions(ctx);
  const missing = codes.filter((c) => !known.has(c));
  const found = missing.length ? await regionRepo.findMany(ctx.database.db, missing) : [];
  return new Map([...codes.flatMap((c) => (known.has(c) ? [[c, known.get(c)!] as const] : [])), ...found.map((r) => [r.code, r] as const)]);
}

async function departmentsByIds(ctx: Ctx, ids: string[]): Promise<DepartmentRow[]> {
  const known = await cachedDepartments(ctx);
  const missing = [...new Set(ids.filter((id) => !known.has(id)))];
  if (missing.length) for (const row of await departmentRepo.findMany(ctx.database.db, missing)) known.set(row.id, row);
  return [...new Set(ids)].flatMap((id) => (known.has(id) ? [known.get(id)!] : []));
}

// ---------- regions ----------

/** The region, or throws not found. Other modules resolve region paths through this. */
export async function getRegion(ctx: Ctx, code: string): Promise<RegionRow> {
  const row = await findRegion(ctx, code);
  if (!row) throw notFound('region', code);
  return row;
}

export async function findRegion(ctx: Ctx, code: string): Promise<RegionRow | undefined> {
  return (await regionsByCodes(ctx, [code])).get(code);
}

export async function listAllRegions(ctx: Ctx): Promise<RegionRow[]> {
  return [...(await cachedRegions(ctx)).values()];
}

export async function listRegions(ctx: Ctx, q: z.infer<typeof RegionListQuery>, opts: { public?: boolean } = {}) {
  const roots = opts.public ? [''] : regionRootsFor(ctx.actor, orgPermissions.region);
  const { rows, total } = await regionRepo.list(ctx.database.db, q, roots);
  return pageOf(rows, total, q);
}

export async function createRegion(ctx: Ctx, input: z.infer<typeof RegionCreate>) {
  return transact(ctx, async (t) => {
    if (await regionRepo.find(t.tx, input.code)) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    let path = input.code;
    if (input.parentCode) {
      const parent = await regionRepo.find(t.tx, input.parentCode);
      if (!parent) throw new AppError('request.invalid', { fields: [{ field: 'parentCode', code: 'not_found' }] });
      if (levelOrder.indexOf(input.level) <= levelOrder.indexOf(parent.level)) {
        throw new AppError('request.invalid', {
          fields: [{ field: 'level', code: 'invalid_value' }],
          detail: `a ${input.level} cannot sit under a ${parent.level}`,
        });
      }
      path = `${parent.path}/${input.code}`;
      assertCan(t.actor, orgPermissions.region, { regionPath: parent.path, departmentId: null });
    } else {
      assertCan(t.actor, orgPermissions.region, { regionPath: input.code, departmentId: null });
    }
    const row = { ...input, path };
    await regionRepo.insert(t.tx, row);
    await bumpGeneration(t, 'org');
    t.audit({ action: 'region.create', objectType: 'region', objectId: input.code, summary: { after: row } });
    return (await regionRepo.find(t.tx, input.code))!;
  });
}

export async function renameRegion(ctx: Ctx, code: string, name: string) {
  return transact(ctx, async (t) => {
    const before = await regionRepo.find(t.tx, code);
    if (!before) throw notFound('region', code);
    assertCan(t.actor, orgPermissions.region, { regionPath: before.path, departmentId: null });
    await regionRepo.rename(t.tx, code, name);
    await bumpGeneration(t, 'org');
    t.audit({ action: 'region.update', objectType: 'region', objectId: code, summary: { before: { name: before.name }, after: { name } } });
    return (await regionRepo.find(t.tx, code))!;
  });
}

// ---------- departments ----------

async function presentDepartments(ctx: Ctx, rows: DepartmentRow[]) {
  const regionsByCode = await regionsByCodes(ctx, [...new Set(rows.map((r) => r.regionCode))]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    nameEn: r.nameEn,
    uscc: r.uscc,
    regionCode: r.regionCode,
    regionName: regionsByCode.get(r.regionCode)?.name ?? r.regionCode,
    regionPath: r.regionPath,
    parentId: r.parentId,
    kind: r.kind,
    phone: r.phone,
    address: r.address,
    active: r.active,
    version: r.version,
  }));
}

export type DepartmentView = Awaited<ReturnType<typeof presentDepartments>>[number];

/** A department for other modules (name, region path); throws when missing. */
export async function getDepartment(ctx: Ctx, id: string): Promise<DepartmentView> {
  const [row] = await departmentsByIds(ctx, [id]);
  if (!row) throw notFound('department', id);
  return (await presentDepartments(ctx, [row]))[0]!;
}

export async function findDepartments(ctx: Ctx, ids: string[]): Promise<DepartmentView[]> {
  return presentDepartments(ctx, await departmentsByIds(ctx, ids));
}

export async function findDepartmentByUscc(ctx: Ctx, uscc: string): Promise<DepartmentView | undefined> {
  const row = await departmentRepo.findByUscc(ctx.database.db, uscc);
  return row ? (await presentDepartments(ctx, [row]))[0] : undefined;
}

export async function listDepartments(ctx: Ctx, q: z.infer<typeof DepartmentListQuery>, opts: { public?: boolean } = {}) {
  const roots = opts.public ? [''] : regionRootsFor(ctx.actor, orgPermissions.department);
  const regionPrefix = q.regionCode ? ((await regionRepo.find(ctx.database.db, q.regionCode))?.path ?? '-') : undefined;
  const { rows, total } = await departmentRepo.list(ctx.database.db, q, roots, regionPrefix, opts.public);
  return pageOf(await presentDepartments(ctx, rows), total, q);
}

/** Ids of all departments inside any of these region subtrees (for other modules' scope filters). */
export async function departmentIdsWithin(ctx: Ctx, regionPaths: string[]): Promise<string[]> {
  return departmentRepo.idsWithin(ctx.database.db, regionPaths);
}

export async function createDepartment(ctx: Ctx, input: z.infer<typeof DepartmentCreate>) {
  return transact(ctx, async (t) => {
    const region = await regionRepo.find(t.tx, input.regionCode);
    if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
    // A new department belongs to the region, or under its parent: a department-bound grant creates only sub-departments of its own.
    assertCan(t.actor, orgPermissions.department, { regionPath: region.path, departmentId: input.parentId ?? null });
    if (await departmentRepo.findByUscc(t.tx, input.uscc)) throw new AppError('resource.conflict', { fields: [{ field: 'uscc', code: 'duplicate' }] });
    if (input.parentId) await assertParentInScope(t, input.parentId);
    const id = newId();
    const row = {
      id,
      name: input.name,
      shortName: input.shortName,
      nameEn: input.nameEn ?? null,
      uscc: input.uscc,
      regionCode: region.code,
      regionPath: region.path,
      parentId: input.parentId ?? null,
      kind: input.kind,
      phone: input.phone ?? null,
      address: input.address ?? null,
    };
    await departmentRepo.insert(t.tx, row);
    await bumpGeneration(t, 'org');
    t.audit({ action: 'department.create', objectType: 'department', objectId: id, summary: { after: row } });
    return (await presentDepartments(t, [(await departmentRepo.find(t.tx, id))!]))[0]!;
  });
}

export async function updateDepartment(ctx: Ctx, id: string, input: z.infer<typeof DepartmentUpdate>) {
  return transact(ctx, async (t) => {
    const before = await departmentRepo.find(t.tx, id);
    if (!before) throw notFound('department', id);
    assertCan(t.actor, orgPermissions.department, { regionPath: before.regionPath, departmentId: before.id });
    if (input.parentId && input.parentId !== before.parentId) await assertParentInScope(t, input.parentId);
    const patch: Partial<DepartmentRow> = {};
    if (input.regionCode && input.regionCode !== before.regionCode) {
      const region = await regionRepo.find(t.tx, input.regionCode);
      if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
      assertCan(t.actor, orgPermissions.department, { regionPath: region.path, departmentId: before.id });
      patch.regionCode = region.code;
      patch.regionPath = region.path;
    }
    if (input.uscc && input.uscc !== before.uscc) {
      if (await departmentRepo.findByUscc(t.tx, input.uscc)) throw new AppError('resource.conflict', { fields: [{ field: 'uscc', code: 'duplicate' }] });
      patch.uscc = input.uscc;
    }
    for (const key of ['name', 'shortName', 'nameEn', 'kind', 'phone', 'address', 'active', 'parentId'] as const) {
      if (input[key] !== undefined) (patch as Record<string, unknown>)[key] = input[key];
    }
    const updated = await departmentRepo.update(t.tx, id, input.version ?? before.version, patch);
    await bumpGeneration(t, 'org');
    if (!updated) throw new AppError('resource.stale');
    t.audit({ action: 'department.update', objectType: 'department', objectId: id, summary: { before: pick(before, Object.keys(patch)), after: patch } });
    return (await presentDepartments(t, [updated]))[0]!;
  });
}

// ---------- service centers and windows ----------

export async function listServiceCenters(ctx: Ctx, q: { page: number; pageSize: number; q?: string }, opts: { public?: boolean } = {}) {
  const roots = opts.public ? [''] : regionRootsFor(ctx.actor, orgPermissions.serviceCenter);
  const { rows, total } = await serviceCenterRepo.list(ctx.database.db, q, roots);
  const regionsByCode = new Map(
    (
      await regionRepo.findMany(
        ctx.database.db,
        rows.map((r) => r.center.regionCode),
      )
    ).map((r) => [r.code, r.name]),
  );
  return pageOf(
    rows.map(({ center, windowCount }) => ({
      id: center.id,
      name: center.name,
      regionCode: center.regionCode,
      regionName: regionsByCode.get(center.regionCode) ?? center.regionCode,
      address: center.address,
      hours: center.hours,
      phone: center.phone,
      windowCount,
      version: center.version,
    })),
    total,
    q,
  );
}

export async function getServiceCenter(ctx: Ctx, id: string) {
  const center = await serviceCenterRepo.find(ctx.database.db, id);
  if (!center) throw notFound('service_center', id);
  assertCan(ctx.actor, orgPermissions.serviceCenter, { regionPath: center.regionPath });
  const [region, windows] = await Promise.all([regionRepo.find(ctx.database.db, center.regionCode), serviceCenterRepo.windows(ctx.database.db, id)]);
  return {
    id: center.id,
    name: center.name,
    regionCode: center.regionCode,
    regionName: region?.name ?? center.regionCode,
    address: center.address,
    hours: center.hours,
    phone: center.phone,
    windowCount: windows.length,
    version: center.version,
  };
}

/** The function codes departments use (scjg, rsj, …), for pickers. */
export async function listDepartmentKinds(ctx: Ctx): Promise<{ kind: string; example: string }[]> {
  return departmentRepo.kinds(ctx.database.db);
}

export async function createServiceCenter(ctx: Ctx, input: z.infer<typeof ServiceCenterCreate>) {
  return transact(ctx, async (t) => {
    const region = await regionRepo.find(t.tx, input.regionCode);
    if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
    assertCan(t.actor, orgPermissions.serviceCenter, { regionPath: region.path, departmentId: null });
    const id = newId();
    const row = { id, ...input, phone: input.phone ?? null, regionPath: region.path };
    await serviceCenterRepo.insert(t.tx, row);
    t.audit({ action: 'service_center.create', objectType: 'service_center', objectId: id, summary: { after: row } });
    return { ...row, regionName: region.name, windowCount: 0, version: 1 };
  });
}

export async function updateServiceCenter(ctx: Ctx, id: string, input: z.infer<typeof ServiceCenterUpdate>) {
  return transact(ctx, async (t) => {
    const before = await serviceCenterRepo.find(t.tx, id);
    if (!before) throw notFound('service_center', id);
    assertCan(t.actor, orgPermissions.serviceCenter, { regionPath: before.regionPath, departmentId: null });
    const patch: Record<string, unknown> = { ...input };
    if (input.regionCode) {
      const region = await regionRepo.find(t.tx, input.regionCode);
      if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
      assertCan(t.actor, orgPermissions.serviceCenter, { regionPath: region.path, departmentId: null });
      patch.regionPath = region.path;
    }
    const row = (await serviceCenterRepo.update(t.tx, id, patch))!;
    t.audit({
      action: 'service_center.update',
      objectType: 'service_center',
      objectId: id,
      summary: { before: pick(before, Object.keys(patch)), after: patch },
    });
    const region = await regionRepo.find(t.tx, row.regionCode);
    const windows = await serviceCenterRepo.windows(t.tx, id);
    return { ...row, regionName: region?.name ?? row.regionCode, windowCount: windows.length };
  });
}

export async function listWindows(ctx: Ctx, centerId: string, opts: { public?: boolean } = {}) {
  const center = await serviceCenterRepo.find(ctx.database.db, centerId);
  if (!center) throw notFound('service_center', centerId);
  if (!opts.public) assertCan(ctx.actor, orgPermissions.serviceCenter, { regionPath: center.regionPath });
  return serviceCenterRepo.windows(ctx.database.db, centerId);
}

export async function getWindow(ctx: Ctx, id: string) {
  const row = await serviceCenterRepo.findWindow(ctx.database.db, id);
  if (!row) throw notFound('window', id);
  return row;
}

/** A window as other modules record it (cases, evaluation): where it is and whom it serves; undefined when unknown. A public place: no permission. */
export interface WindowFacts {
  id: string;
  number: string;
  /** The public label: the service center, the window's number and name (示范市政务服务中心 A03 企业开办专窗). */
  label: string;
  serviceCenterId: string;
  regionPath: string;
  comprehensive: boolean;
  departmentIds: string[];
  active: boolean;
}

export async function findWindowFacts(ctx: Ctx, id: string): Promise<WindowFacts | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const window = await serviceCenterRepo.findWindow(ctx.database.db, id);
  if (!window) return undefined;
  const center = await serviceCenterRepo.find(ctx.database.db, window.serviceCenterId);
  if (!center) return undefined;
  return {
    id: window.id,
    number: window.number,
    label: `${center.name} ${window.number} ${window.name}`,
    serviceCenterId: center.id,
    regionPath: center.regionPath,
    comprehensive: window.comprehensive,
    departmentIds: window.departmentIds,
    active: window.active,
  };
}

export async function createWindow(ctx: Ctx, centerId: string, input: z.infer<typeof ServiceWindowCreate>) {
  return transact(ctx, async (t) => {
    const center = await serviceCenterRepo.find(t.tx, centerId);
    if (!center) throw notFound('service_center', centerId);
    assertCan(t.actor, orgPermissions.serviceCenter, { regionPath: center.regionPath, departmentId: null });
    await assertDepartmentsExist(t, input.departmentIds);
    if ((await serviceCenterRepo.windows(t.tx, centerId)).some((w) => w.number === input.number)) {
      throw new AppError('resource.conflict', { fields: [{ field: 'number', code: 'duplicate' }] });
    }
    const id = newId();
    const row = { id, serviceCenterId: centerId, ...input };
    await serviceCenterRepo.insertWindow(t.tx, row);
    t.audit({ action: 'window.create', objectType: 'window', objectId: id, summary: { after: row } });
    return (await serviceCenterRepo.findWindow(t.tx, id))!;
  });
}

export async function updateWindow(ctx: Ctx, id: string, input: z.infer<typeof ServiceWindowUpdate>) {
  return transact(ctx, async (t) => {
    const before = await serviceCenterRepo.findWindow(t.tx, id);
    if (!before) throw notFound('window', id);
    const center = (await serviceCenterRepo.find(t.tx, before.serviceCenterId))!;
    assertCan(t.actor, orgPermissions.serviceCenter, { regionPath: center.regionPath, departmentId: null });
    if (input.departmentIds) await assertDepartmentsExist(t, input.departmentIds);
    const row = (await serviceCenterRepo.updateWindow(t.tx, id, input))!;
    t.audit({ action: 'window.update', objectType: 'window', objectId: id, summary: { before: pick(before, Object.keys(input)), after: input } });
    return row;
  });
}

/** A parent department must exist and be one the actor manages. */
async function assertParentInScope(t: Ctx & { tx: import('../../platform/db/index.ts').Tx }, parentId: string) {
  const parent = await departmentRepo.find(t.tx, parentId);
  if (!parent) throw new AppError('request.invalid', { fields: [{ field: 'parentId', code: 'not_found' }] });
  assertCan(t.actor, orgPermissions.department, { regionPath: parent.regionPath, departmentId: parent.id });
}

async function assertDepartmentsExist(t: Ctx & { tx: import('../../platform/db/index.ts').Tx }, ids: string[]) {
  const found = await departmentRepo.findMany(t.tx, ids);
  const missing = ids.filter((id) => !found.some((d) => d.id === id));
  if (missing.length) throw new AppError('request.invalid', { fields: [{ field: 'departmentIds', code: 'not_found' }], detail: missing.join(', ') });
}

function pick<T extends object>(obj: T, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (obj as Record<string, unknown>)[k]]));
}
