import { and, asc, count, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { newId, rawRows } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { offsetOf, pageOf } from '../../platform/db/paging.ts';
import type { Scope } from '../../platform/auth/index.ts';
import { getDepartment } from '../org/index.ts';
import { catalogFees, catalogGuideVersions, catalogIntermediaries, catalogPowers } from './tables.ts';
import { assertCan, catalogPermissions as P } from './policy.ts';
import { todayInChina } from './service.ts';
import type { FeeCreate, FeeUpdate, IntermediaryCreate, IntermediaryUpdate, ListEntryQuery, PowerCreate, PowerUpdate } from './schemas.ts';

/**
 * The fee catalog (收费目录), the power and responsibility list (权责清单) and the intermediary service
 * list (中介服务清单): paged lists with search, create, edit and retire, for `catalog.list.manage`
 * (catalog reviewers). An entry tied to a department is in that department's scope; one without
 * (a fee or intermediary named by text only) is for any holder of the permission. Every change is
 * audited with the fields it changed. Retired entries leave the public lists; a retired fee can no
 * longer be cited by a guide (`fee_not_effective`), the published guides that cite it keep it.
 */

type FeeRow = typeof catalogFees.$inferSelect;
type PowerRow = typeof catalogPowers.$inferSelect;
type IntermediaryRow = typeof catalogIntermediaries.$inferSelect;
type Status = z.infer<typeof ListEntryQuery>['status'];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function statusFilter(retiredAt: PgColumn, status: Status): SQL | undefined {
  return status === 'active' ? isNull(retiredAt) : status === 'retired' ? isNotNull(retiredAt) : undefined;
}

function textFilter(q: string | undefined, contains: PgColumn[], prefix: PgColumn[]): SQL | undefined {
  if (!q) return undefined;
  const e = escapeLike(q);
  return or(...contains.map((c) => like(c, `%${e}%`)), ...prefix.map((c) => like(c, `${e.toUpperCase()}%`)), ...prefix.map((c) => like(c, `${e}%`)));
}

async function paged<R extends { code: string }, T>(ctx: Ctx, table: PgTable & { code: PgColumn }, where: SQL | undefined, q: { page: number; pageSize: number }, present: (r: R) => T) {
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(table as PgTable).where(where).orderBy(asc(table.code)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(table as PgTable).where(where),
  ]);
  return pageOf((rows as R[]).map(present), total?.n ?? 0, q);
}

const lifecycle = (r: { retiredAt: Date | null; retireReason: string | null; version: number }) => ({
  retired: r.retiredAt !== null,
  retiredAt: r.retiredAt?.toISOString() ?? null,
  retireReason: r.retireReason,
  version: r.version,
});

/** Fields whose value changed, as `{ before, after }` for the audit summary. */
function changed<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] === undefined || JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue;
    b[k] = before[k];
    a[k] = after[k];
  }
  return { before: b, after: a };
}

function checkVersion(row: { version: number }, version: number) {
  if (row.version !== version) throw new AppError('resource.stale', { extra: { currentVersion: row.version } });
}

async function duplicateCode(t: TxCtx, table: PgTable & { code: PgColumn; id: PgColumn }, code: string) {
  const found = await t.tx.select({ id: table.id }).from(table as PgTable).where(eq(table.code, code));
  if (found.length) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
}

/** Department by id → its name and scope; an unknown id is a field error, not a 404. */
async function departmentOf(t: TxCtx, id: string, field: string) {
  const d = await getDepartment(t, id).catch(() => {
    throw new AppError('request.invalid', { fields: [{ field, code: 'not_found' }] });
  });
  return { id: d.id, name: d.name, regionPath: d.regionPath, scope: { regionPath: d.regionPath, departmentId: d.id } satisfies Scope };
}

/** A department given by id (resolved, scoped) or by name only (any list manager). */
async function departmentByIdOrName(t: TxCtx, id: string | null | undefined, name: string | null | undefined, fields: { id: string; name: string }) {
  if (id) return departmentOf(t, id, fields.id);
  const trimmed = name?.trim();
  if (!trimmed) throw new AppError('request.invalid', { fields: [{ field: fields.id, code: 'required' }] });
  return { id: null, name: trimmed, regionPath: null, scope: undefined };
}

function assertManage(t: TxCtx, scope: Scope | undefined) {
  assertCan(t.actor, P.lists, scope ?? {});
}

type EntryTable = PgTable & { id: PgColumn; code: PgColumn };
interface EntryRow {
  id: string;
  version: number;
  retiredAt: Date | null;
}
interface Audited {
  /** `catalog.fee`, `catalog.power`, …: the audit action's prefix. */
  action: string;
  objectType: string;
}

/** An edit or retirement must start from the version the user read, and a retired entry stays as it is. */
function assertChangeable(old: EntryRow, version: number, retiring = false) {
  checkVersion(old, version);
  if (old.retiredAt) throw new AppError('workflow.action_not_allowed', { detail: retiring ? 'already retired' : 'retired' });
}

/** Writes an edit with version + 1 and audits the fields it changed; an edit that changes nothing writes nothing. */
async function saveEdit<R extends EntryRow>(t: TxCtx, table: EntryTable, old: R, next: Partial<R>, what: Audited, code: string): Promise<R> {
  const diff = changed(old, next);
  if (Object.keys(diff.after).length === 0) return old;
  const [saved] = await t.tx
    .update(table)
    .set({ ...next, version: old.version + 1, updatedAt: new Date() } as never)
    .where(eq(table.id, old.id))
    .returning();
  t.audit({ action: `${what.action}.update`, objectType: what.objectType, objectId: code, summary: diff });
  return saved as R;
}

/** Retires an entry with its reason (it leaves the public lists), audited. */
async function retireEntry<R extends EntryRow>(t: TxCtx, table: EntryTable, old: R, reason: string, what: Audited, code: string): Promise<R> {
  const [saved] = await t.tx
    .update(table)
    .set({ retiredAt: new Date(), retireReason: reason, version: old.version + 1, updatedAt: new Date() } as never)
    .where(eq(table.id, old.id))
    .returning();
  t.audit({ action: `${what.action}.retire`, objectType: what.objectType, objectId: code, summary: { reason } });
  return saved as R;
}

const FEE: Audited = { action: 'catalog.fee', objectType: 'catalog_fee' };
const POWER: Audited = { action: 'catalog.power', objectType: 'catalog_power' };
const INTERMEDIARY: Audited = { action: 'catalog.intermediary', objectType: 'catalog_intermediary' };

// ------------------------------------------------------------------ 收费目录

export function presentFee(r: FeeRow, today = todayInChina()) {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    basis: r.basis,
    standard: r.standard,
    collectingDepartmentId: r.collectingDepartmentId,
    collectingDepartmentName: r.collectingDepartmentName,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    effective: !r.retiredAt && r.effectiveFrom <= today && (!r.effectiveTo || r.effectiveTo >= today),
    ...lifecycle(r),
  };
}

export async function listFees(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: Status }) {
  const c = catalogFees;
  const where = and(statusFilter(c.retiredAt, q.status ?? 'active'), textFilter(q.q, [c.name, c.basis, c.collectingDepartmentName], [c.code]));
  const today = todayInChina();
  return paged<FeeRow, ReturnType<typeof presentFee>>(ctx, c, where, q, (r) => presentFee(r, today));
}

/**
 * How many implementations cite each fee: in their published version, and in a draft or submitted one
 * (what retiring the fee affects: published guides keep it, working versions must drop it).
 */
export async function feeCitations(ctx: Ctx, codes: string[]): Promise<Map<string, { published: number; working: number }>> {
  const out = new Map(codes.map((c) => [c, { published: 0, working: 0 }]));
  if (codes.length === 0) return out;
  const v = catalogGuideVersions;
  const rows = await rawRows<{ code: string; working: boolean; n: number | string }>(
    ctx.database.db,
    sql`SELECT f->>'feeCode' AS code, ${v.status} <> 'published' AS working, count(DISTINCT ${v.implementationId}) AS n
        FROM ${v} CROSS JOIN LATERAL jsonb_array_elements(${v.guide}->'fees') AS f
        WHERE ${inArray(v.status, ['published', 'draft', 'submitted'])} AND f->>'feeCode' IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})
        GROUP BY 1, 2`,
  );
  for (const r of rows) {
    const c = out.get(r.code);
    if (c) c[r.working ? 'working' : 'published'] = Number(r.n);
  }
  return out;
}

/** The workbench's fee list: each entry with the implementations citing it. */
export async function listFeesForWorkbench(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: Status }) {
  const page = await listFees(ctx, q);
  const cited = await feeCitations(ctx, page.items.map((f) => f.code));
  return { ...page, items: page.items.map((f) => ({ ...f, citedBy: cited.get(f.code)! })) };
}

function feeDateErrors(from: string, to: string | null | undefined): FieldError[] {
  return to && to < from ? [{ field: 'effectiveTo', code: 'before_effective_from' }] : [];
}

export async function createFee(ctx: Ctx, input: z.infer<typeof FeeCreate>) {
  return transact(ctx, async (t) => {
    const dept = await departmentByIdOrName(t, input.collectingDepartmentId, input.collectingDepartmentName, { id: 'collectingDepartmentId', name: 'collectingDepartmentName' });
    assertManage(t, dept.scope);
    const dates = feeDateErrors(input.effectiveFrom, input.effectiveTo);
    if (dates.length) throw new AppError('request.invalid', { fields: dates });
    await duplicateCode(t, catalogFees, input.code);
    const row = {
      id: newId(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      basis: input.basis,
      standard: input.standard,
      collectingDepartmentId: dept.id,
      collectingDepartmentName: dept.name,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
    };
    const [saved] = await t.tx.insert(catalogFees).values(row).returning();
    t.audit({ action: `${FEE.action}.create`, objectType: FEE.objectType, objectId: input.code, summary: { after: { ...row, id: undefined } } });
    return presentFee(saved!);
  });
}

async function lockFee(t: TxCtx, code: string) {
  const [row] = await t.tx.select().from(catalogFees).where(eq(catalogFees.code, code)).for('update');
  if (!row) throw notFound('catalog fee', code);
  assertManage(t, row.collectingDepartmentId ? (await departmentOf(t, row.collectingDepartmentId, 'collectingDepartmentId')).scope : undefined);
  return row;
}

export async function updateFee(ctx: Ctx, code: string, input: z.infer<typeof FeeUpdate>) {
  return transact(ctx, async (t) => {
    const old = await lockFee(t, code);
    assertChangeable(old, input.version);
    const dept = await departmentByIdOrName(t, input.collectingDepartmentId, input.collectingDepartmentName, { id: 'collectingDepartmentId', name: 'collectingDepartmentName' });
    assertManage(t, dept.scope);
    const dates = feeDateErrors(input.effectiveFrom, input.effectiveTo);
    if (dates.length) throw new AppError('request.invalid', { fields: dates });
    const next = {
      name: input.name,
      kind: input.kind,
      basis: input.basis,
      standard: input.standard,
      collectingDepartmentId: dept.id,
      collectingDepartmentName: dept.name,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
    };
    return presentFee(await saveEdit(t, catalogFees, old, next, FEE, code));
  });
}

export async function retireFee(ctx: Ctx, code: string, input: { reason: string; version: number }) {
  return transact(ctx, async (t) => {
    const old = await lockFee(t, code);
    assertChangeable(old, input.version, true);
    return presentFee(await retireEntry(t, catalogFees, old, input.reason, FEE, code));
  });
}

// ------------------------------------------------------------------ 权责清单

export function presentPower(r: PowerRow) {
  return {
    code: r.code,
    name: r.name,
    powerType: r.powerType,
    basis: r.basis,
    responsibilities: r.responsibilities,
    accountability: r.accountability,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    regionPath: r.regionPath,
    ...lifecycle(r),
  };
}

export async function listPowers(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: Status }) {
  const c = catalogPowers;
  const where = and(statusFilter(c.retiredAt, q.status ?? 'active'), textFilter(q.q, [c.name, c.departmentName, c.powerType], [c.code]));
  return paged<PowerRow, ReturnType<typeof presentPower>>(ctx, c, where, q, presentPower);
}

export async function createPower(ctx: Ctx, input: z.infer<typeof PowerCreate>) {
  return transact(ctx, async (t) => {
    const dept = await departmentOf(t, input.departmentId, 'departmentId');
    assertManage(t, dept.scope);
    await duplicateCode(t, catalogPowers, input.code);
    const row = { id: newId(), ...input, departmentName: dept.name, regionPath: dept.regionPath };
    const [saved] = await t.tx.insert(catalogPowers).values(row).returning();
    t.audit({ action: `${POWER.action}.create`, objectType: POWER.objectType, objectId: input.code, summary: { after: { ...row, id: undefined } } });
    return presentPower(saved!);
  });
}

async function lockPower(t: TxCtx, code: string) {
  const [row] = await t.tx.select().from(catalogPowers).where(eq(catalogPowers.code, code)).for('update');
  if (!row) throw notFound('catalog power', code);
  assertManage(t, { regionPath: row.regionPath, departmentId: row.departmentId });
  return row;
}

export async function updatePower(ctx: Ctx, code: string, input: z.infer<typeof PowerUpdate>) {
  return transact(ctx, async (t) => {
    const old = await lockPower(t, code);
    assertChangeable(old, input.version);
    const dept = await departmentOf(t, input.departmentId, 'departmentId');
    assertManage(t, dept.scope);
    const { version: _v, ...fields } = input;
    return presentPower(await saveEdit(t, catalogPowers, old, { ...fields, departmentName: dept.name, regionPath: dept.regionPath }, POWER, code));
  });
}

export async function retirePower(ctx: Ctx, code: string, input: { reason: string; version: number }) {
  return transact(ctx, async (t) => {
    const old = await lockPower(t, code);
    assertChangeable(old, input.version, true);
    return presentPower(await retireEntry(t, catalogPowers, old, input.reason, POWER, code));
  });
}

// ------------------------------------------------------------------ 中介服务清单

export function presentIntermediary(r: IntermediaryRow) {
  return {
    code: r.code,
    name: r.name,
    basis: r.basis,
    requiredFor: r.requiredFor,
    providerRequirements: r.providerRequirements,
    timeLimit: r.timeLimit,
    feeNote: r.feeNote,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    ...lifecycle(r),
  };
}

export async function listIntermediaries(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: Status }) {
  const c = catalogIntermediaries;
  const where = and(statusFilter(c.retiredAt, q.status ?? 'active'), textFilter(q.q, [c.name, c.requiredFor, c.departmentName], [c.code]));
  return paged<IntermediaryRow, ReturnType<typeof presentIntermediary>>(ctx, c, where, q, presentIntermediary);
}

function intermediaryFields(input: z.infer<typeof IntermediaryUpdate> | z.infer<typeof IntermediaryCreate>) {
  return {
    name: input.name,
    basis: input.basis,
    requiredFor: input.requiredFor,
    providerRequirements: input.providerRequirements,
    timeLimit: input.timeLimit || null,
    feeNote: input.feeNote || null,
  };
}

export async function createIntermediary(ctx: Ctx, input: z.infer<typeof IntermediaryCreate>) {
  return transact(ctx, async (t) => {
    const dept = await departmentByIdOrName(t, input.departmentId, input.departmentName, { id: 'departmentId', name: 'departmentName' });
    assertManage(t, dept.scope);
    await duplicateCode(t, catalogIntermediaries, input.code);
    const row = { id: newId(), code: input.code, ...intermediaryFields(input), departmentId: dept.id, departmentName: dept.name };
    const [saved] = await t.tx.insert(catalogIntermediaries).values(row).returning();
    t.audit({ action: `${INTERMEDIARY.action}.create`, objectType: INTERMEDIARY.objectType, objectId: input.code, summary: { after: { ...row, id: undefined } } });
    return presentIntermediary(saved!);
  });
}

async function lockIntermediary(t: TxCtx, code: string) {
  const [row] = await t.tx.select().from(catalogIntermediaries).where(eq(catalogIntermediaries.code, code)).for('update');
  if (!row) throw notFound('catalog intermediary', code);
  assertManage(t, row.departmentId ? (await departmentOf(t, row.departmentId, 'departmentId')).scope : undefined);
  return row;
}

export async function updateIntermediary(ctx: Ctx, code: string, input: z.infer<typeof IntermediaryUpdate>) {
  return transact(ctx, async (t) => {
    const old = await lockIntermediary(t, code);
    assertChangeable(old, input.version);
    const dept = await departmentByIdOrName(t, input.departmentId, input.departmentName, { id: 'departmentId', name: 'departmentName' });
    assertManage(t, dept.scope);
    const next = { ...intermediaryFields(input), departmentId: dept.id, departmentName: dept.name };
    return presentIntermediary(await saveEdit(t, catalogIntermediaries, old, next, INTERMEDIARY, code));
  });
}

export async function retireIntermediary(ctx: Ctx, code: string, input: { reason: string; version: number }) {
  return transact(ctx, async (t) => {
    const old = await lockIntermediary(t, code);
    assertChangeable(old, input.version, true);
    return presentIntermediary(await retireEntry(t, catalogIntermediaries, old, input.reason, INTERMEDIARY, code));
  });
}
