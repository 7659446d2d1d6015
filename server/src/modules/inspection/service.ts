import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { constants as zlibConstants, createGunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';
import { and, asc, count, desc, eq, ilike, inArray, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { newId, rawRows } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hasBadCharacters } from '../../platform/http/input-guard.ts';
import { offsetOf, pageOf } from '../../platform/db/paging.ts';
import { can, scopesOf } from '../../platform/auth/index.ts';
import { sm3, sealPersonal, openPersonal } from '../../platform/crypto/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { findDepartments, findRegion, getDepartment } from '../org/index.ts';
import { getStaff } from '../identity/index.ts';
import { ALGORITHM_VERSION, EntityPool, commitmentOf, runDraw, sortExclusions, verifyDraw, type DrawExclusion, type DrawInputs, type DrawHashes } from './draw.ts';

const gzipAsync = promisify(gzip);
import { assertCan, inspectionPermissions as P } from './policy.ts';
import {
  inspectionAssignments as assignments,
  inspectionDrawInputs as drawInputs,
  inspectionDrawPools as drawPools,
  inspectionDraws as draws,
  inspectionEntities as entities,
  inspectionInspectors as inspectors,
  inspectionItems as items,
  inspectionPlans as plans,
  inspectionRelations as relations,
  inspectionResults as results,
  inspectionRules as rules,
  inspectionTasks as tasks,
} from './tables.ts';
import type { EntityInput, InspectorCreate, ItemCreate, ItemUpdate, ItemListQuery, PlanCreate, ResultCreate, RulesPut, TaskCreate, TaskListQuery, EntityListQuery } from './schemas.ts';

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /** A random-inspection result: a record for the entity's credit file. */
    'inspection.result.recorded': {
      resultId: string;
      taskId: string;
      uscc: string;
      outcome: string;
      followUp: string;
      inspectedOn: string;
      departmentIds: string[];
      itemIds: string[];
    };
  }
}

type TaskRow = typeof tasks.$inferSelect;
type DrawRow = typeof draws.$inferSelect;

/** Normalised address key: no spaces, full-width digits folded, upper-case; SM3 of that. */
export function addressKey(address: string): string {
  const norm = address
    .normalize('NFKC')
    .replace(/[\s,，。.、\-－—]/g, '')
    .toUpperCase();
  return sm3(`addr:${norm}`);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------- items and rules ----------

export async function createItem(ctx: Ctx, input: z.infer<typeof ItemCreate>) {
  const dept = await getDepartment(ctx, input.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  return transact(ctx, async (t) => {
    const id = newId();
    const row = { id, ...input, subItem: input.subItem ?? null };
    await t.tx.insert(items).values(row).catch((e: unknown) => {
      throw isUnique(e) ? new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] }) : e;
    });
    t.audit({ action: 'inspection.item.create', objectType: 'inspection_item', objectId: id, summary: { after: row } });
    return { ...row, departmentName: dept.name, active: true };
  });
}

function isUnique(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

export async function listItems(ctx: Ctx, q: z.infer<typeof ItemListQuery>) {
  const where = and(eq(items.active, true), q.departmentId ? eq(items.departmentId, q.departmentId) : undefined, q.q ? or(ilike(items.name, `%${q.q}%`), ilike(items.code, `${q.q}%`)) : undefined);
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(items).where(where).orderBy(asc(items.code)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(items).where(where),
  ]);
  const depts = new Map((await findDepartments(ctx, [...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d.name]));
  return pageOf(rows.map((r) => ({ ...r, departmentName: depts.get(r.departmentId) ?? '' })), total?.n ?? 0, q);
}

export async function updateItem(ctx: Ctx, id: string, input: z.infer<typeof ItemUpdate>) {
  const [item] = await ctx.database.db.select().from(items).where(eq(items.id, id));
  if (!item) throw notFound('inspection_item', id);
  const dept = await getDepartment(ctx, item.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  return transact(ctx, async (t) => {
    const [row] = await t.tx.update(items).set(input).where(eq(items.id, id)).returning();
    t.audit({ action: 'inspection.item.update', objectType: 'inspection_item', objectId: id, summary: { before: item, after: input } });
    return { ...row!, departmentName: dept.name };
  });
}

export async function putRules(ctx: Ctx, departmentId: string, input: z.infer<typeof RulesPut>) {
  const dept = await getDepartment(ctx, departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId });
  return transact(ctx, async (t) => {
    const [before] = await t.tx.select().from(rules).where(eq(rules.departmentId, departmentId));
    const id = before?.id ?? newId();
    const row = { id, departmentId, ...input, updatedAt: new Date() };
    if (before) await t.tx.update(rules).set(row).where(eq(rules.id, id));
    else await t.tx.insert(rules).values(row);
    t.audit({ action: 'inspection.rules.put', objectType: 'inspection_rules', objectId: id, summary: { departmentId, title: input.title } });
    return { ...row, departmentName: dept.name, updatedAt: row.updatedAt.toISOString() };
  });
}

export async function listRules(ctx: Ctx) {
  const rows = await ctx.database.db.select().from(rules).orderBy(asc(rules.title));
  const depts = new Map((await findDepartments(ctx, rows.map((r) => r.departmentId))).map((d) => [d.id, d.name]));
  return rows.map((r) => ({ ...r, departmentName: depts.get(r.departmentId) ?? '', updatedAt: r.updatedAt.toISOString() }));
}

// ---------- entity directory ----------

function regionRoots(ctx: Ctx): string[] {
  const { all, scopes } = scopesOf(ctx.actor, P.plan);
  return all ? [''] : [...new Set(scopes.map((s) => s.regionPath))];
}
const within = (path: string, roots: string[]) => roots.some((r) => r === '' || path === r || path.startsWith(`${r}/`));

/**
 * Inserts or updates entities by USCC (for imports and for other modules, e.g. business
 * registration). Caller validates; runs in the caller's transaction. Rows go to the database as
 * one JSON value per batch of 10,000 (json_to_recordset), one INSERT … ON CONFLICT statement each:
 * no query built per row, and the created/updated split is counted by the database.
 */
export async function upsertEntities(t: TxCtx, rows: (EntityInput & { regionPath: string })[], source = 'import'): Promise<{ created: number; updated: number }> {
  let created = 0;
  const now = new Date().toISOString();
  for (let i = 0; i < rows.length; i += 10_000) {
    const batch = rows.slice(i, i + 10_000).map((r) => ({
      uscc: r.uscc, name: r.name, entity_type: r.entityType, industry: r.industry, region_code: r.regionCode, region_path: r.regionPath,
      address: r.address, address_key: addressKey(r.address), risk_level: r.riskLevel ?? 'low', credit_level: r.creditLevel ?? 'B',
    }));
    const [counted] = await rawRows<{ created: number }>(
      t.tx,
      sql`WITH up AS (
            INSERT INTO ${entities} (uscc, name, entity_type, industry, region_code, region_path, address, address_key, risk_level, credit_level, source, updated_at)
            SELECT x.uscc, x.name, x.entity_type, x.industry, x.region_code, x.region_path, x.address, x.address_key, x.risk_level, x.credit_level, ${source}, ${now}::timestamptz
            FROM json_to_recordset(${JSON.stringify(batch)}::json) AS x(uscc text, name text, entity_type text, industry text, region_code text, region_path text, address text, address_key text, risk_level text, credit_level text)
            ON CONFLICT (uscc) DO UPDATE SET
              name = excluded.name, entity_type = excluded.entity_type, industry = excluded.industry, region_code = excluded.region_code,
              region_path = excluded.region_path, address = excluded.address, address_key = excluded.address_key, risk_level = excluded.risk_level,
              credit_level = excluded.credit_level, source = excluded.source, updated_at = excluded.updated_at
            RETURNING (xmax = 0) AS inserted)
          SELECT count(*) FILTER (WHERE inserted)::int AS created FROM up`,
    );
    created += Number(counted?.created ?? 0);
  }
  return { created, updated: rows.length - created };
}

export interface BadRowReport {
  row: number;
  field: string;
  code: string;
}

/** Columns of an import file (header row, Chinese or code names). */
const columns: Record<string, keyof EntityInput> = {
  uscc: 'uscc', 统一社会信用代码: 'uscc',
  name: 'name', 名称: 'name',
  entityType: 'entityType', 类型: 'entityType', 主体类型: 'entityType',
  industry: 'industry', 行业: 'industry',
  regionCode: 'regionCode', 区划代码: 'regionCode',
  address: 'address', 地址: 'address', 住所: 'address',
  riskLevel: 'riskLevel', 风险等级: 'riskLevel',
  creditLevel: 'creditLevel', 信用等级: 'creditLevel',
};

export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x.trim() !== '')) out.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) out.push(row);
  return out;
}

async function parseXlsx(buffer: Buffer): Promise<string[][]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const out: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (r) => {
    const values = (r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v)));
    out.push(values);
  });
  return out;
}

/** All-or-nothing import of the entity directory from CSV or xlsx; bad rows are reported, none imported. */
export async function importEntities(ctx: Ctx, file: Buffer, format: 'csv' | 'xlsx') {
  const { EntityInput: schema } = await import('./schemas.ts');
  const table = format === 'csv' ? parseCsv(file.toString('utf8')) : await parseXlsx(file);
  const [header, ...body] = table;
  const bad: BadRowReport[] = [];
  const keys = (header ?? []).map((h) => columns[h.trim()]);
  for (const needed of ['uscc', 'name', 'entityType', 'industry', 'regionCode', 'address'] as const) {
    if (!keys.includes(needed)) bad.push({ row: 1, field: needed, code: 'missing_column' });
  }
  const roots = regionRoots(ctx);
  const regionCache = new Map<string, string | null>();
  const good: (EntityInput & { regionPath: string })[] = [];
  const seen = new Set<string>();
  for (const [i, cells] of body.entries()) {
    const rowNo = i + 2;
    const raw: Record<string, string> = {};
    keys.forEach((k, j) => {
      if (k && cells[j] !== undefined && cells[j]!.trim() !== '') raw[k] = cells[j]!.trim();
    });
    // A NUL or a lone surrogate cannot be stored (platform/http/input-guard.ts checks JSON; a file is checked here).
    const unstorable = Object.entries(raw).filter(([, v]) => hasBadCharacters(v));
    if (unstorable.length) {
      for (const [field] of unstorable) bad.push({ row: rowNo, field, code: 'invalid_characters' });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        bad.push({ row: rowNo, field, code: field === 'uscc' && raw.uscc ? 'uscc' : issue.code === 'invalid_type' ? 'required' : 'invalid' });
      }
      continue;
    }
    const v = parsed.data;
    if (seen.has(v.uscc)) {
      bad.push({ row: rowNo, field: 'uscc', code: 'duplicate' });
      continue;
    }
    seen.add(v.uscc);
    if (!regionCache.has(v.regionCode)) regionCache.set(v.regionCode, (await findRegion(ctx, v.regionCode))?.path ?? null);
    const path = regionCache.get(v.regionCode);
    if (!path) {
      bad.push({ row: rowNo, field: 'regionCode', code: 'not_found' });
      continue;
    }
    if (!within(path, roots)) {
      bad.push({ row: rowNo, field: 'regionCode', code: 'out_of_scope' });
      continue;
    }
    good.push({ ...v, regionPath: path });
  }
  if (bad.length) throw new AppError('inspection.import_invalid', { extra: { badRows: bad.slice(0, 1000), badRowCount: bad.length } });
  return transact(ctx, async (t) => {
    const r = await upsertEntities(t, good);
    t.audit({ action: 'inspection.entity.import', objectType: 'inspection_entity', objectId: 'import', summary: { rows: good.length, ...r } });
    return { imported: good.length, ...r };
  });
}

export async function listEntities(ctx: Ctx, q: z.infer<typeof EntityListQuery>) {
  const roots = regionRoots(ctx);
  const regionPath = q.regionCode ? (await findRegion(ctx, q.regionCode))?.path ?? '-' : undefined;
  const where = and(
    roots.includes('') ? undefined : or(...roots.flatMap((r) => [eq(entities.regionPath, r), like(entities.regionPath, `${r}/%`)])),
    regionPath ? or(eq(entities.regionPath, regionPath), like(entities.regionPath, `${regionPath}/%`)) : undefined,
    q.industry ? eq(entities.industry, q.industry) : undefined,
    q.riskLevel ? eq(entities.riskLevel, q.riskLevel) : undefined,
    q.q ? or(ilike(entities.name, `%${q.q}%`), eq(entities.uscc, q.q.toUpperCase())) : undefined,
  );
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(entities).where(where).orderBy(asc(entities.uscc)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(entities).where(where),
  ]);
  return pageOf(rows, total?.n ?? 0, q);
}

// ---------- inspector directory ----------

export async function createInspector(ctx: Ctx, input: z.infer<typeof InspectorCreate>) {
  const dept = await getDepartment(ctx, input.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  const region = await findRegion(ctx, input.regionCode);
  if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
  if (input.staffId) {
    const s = await getStaff(ctx, input.staffId).catch(() => undefined);
    if (!s) throw new AppError('request.invalid', { fields: [{ field: 'staffId', code: 'not_found' }] });
  }
  return transact(ctx, async (t) => {
    const id = newId();
    const row = {
      id,
      staffId: input.staffId ?? null,
      name: input.name,
      certificateNo: input.certificateNo,
      departmentId: dept.id,
      regionCode: region.code,
      regionPath: region.path,
      qualifications: input.qualifications,
      available: input.available,
      addressKey: input.address ? addressKey(input.address) : null,
    };
    await t.tx.insert(inspectors).values(row).catch((e: unknown) => {
      throw isUnique(e) ? new AppError('resource.conflict', { fields: [{ field: 'certificateNo', code: 'duplicate' }] }) : e;
    });
    t.audit({ action: 'inspection.inspector.create', objectType: 'inspection_inspector', objectId: id, summary: { departmentId: dept.id, certificateNo: input.certificateNo } });
    return presentInspector(row);
  });
}

function presentInspector(r: typeof inspectors.$inferSelect | (typeof inspectors.$inferInsert & { id: string })) {
  return { id: r.id, staffId: r.staffId ?? null, name: r.name, certificateNo: r.certificateNo, departmentId: r.departmentId, regionCode: r.regionCode, qualifications: r.qualifications ?? [], available: r.available ?? true };
}

export async function listInspectors(ctx: Ctx, q: { page: number; pageSize: number; q?: string; departmentId?: string }) {
  const { all, scopes } = scopesOf(ctx.actor, P.plan);
  const depts = all || scopes.some((s) => s.departmentId === null) ? undefined : scopes.map((s) => s.departmentId!);
  const where = and(depts ? inArray(inspectors.departmentId, depts) : undefined, q.departmentId ? eq(inspectors.departmentId, q.departmentId) : undefined, q.q ? or(ilike(inspectors.name, `%${q.q}%`), eq(inspectors.certificateNo, q.q)) : undefined);
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(inspectors).where(where).orderBy(asc(inspectors.certificateNo)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(inspectors).where(where),
  ]);
  return pageOf(rows.map(presentInspector), total?.n ?? 0, q);
}

async function inspectorInScope(ctx: Ctx, id: string) {
  const [row] = await ctx.database.db.select().from(inspectors).where(eq(inspectors.id, id));
  if (!row) throw notFound('inspection_inspector', id);
  assertCan(ctx.actor, P.plan, { regionPath: row.regionPath, departmentId: row.departmentId });
  return row;
}

export async function updateInspector(ctx: Ctx, id: string, input: { available?: boolean; qualifications?: string[] }) {
  await inspectorInScope(ctx, id);
  return transact(ctx, async (t) => {
    const [row] = await t.tx.update(inspectors).set(input).where(eq(inspectors.id, id)).returning();
    t.audit({ action: 'inspection.inspector.update', objectType: 'inspection_inspector', objectId: id, summary: { after: input } });
    return presentInspector(row!);
  });
}

export async function declareRelation(ctx: Ctx, inspectorId: string, input: { uscc: string; relation: string }) {
  await inspectorInScope(ctx, inspectorId);
  return transact(ctx, async (t) => {
    const id = newId();
    await t.tx.insert(relations).values({ id, inspectorId, uscc: input.uscc, relation: input.relation }).onConflictDoNothing();
    t.audit({ action: 'inspection.relation.declare', objectType: 'inspection_inspector', objectId: inspectorId, summary: { uscc: input.uscc, relation: input.relation } });
    return { ok: true };
  });
}

export async function listRelations(ctx: Ctx, inspectorId: string) {
  await inspectorInScope(ctx, inspectorId);
  const rows = await ctx.database.db
    .select({ id: relations.id, uscc: relations.uscc, relation: relations.relation, declaredAt: relations.declaredAt, entityName: entities.name })
    .from(relations)
    .leftJoin(entities, eq(entities.uscc, relations.uscc))
    .where(eq(relations.inspectorId, inspectorId))
    .orderBy(asc(relations.declaredAt));
  return rows.map((r) => ({ ...r, entityName: r.entityName ?? null, declaredAt: r.declaredAt.toISOString() }));
}

// ---------- plans and tasks ----------

export async function createPlan(ctx: Ctx, input: z.infer<typeof PlanCreate>) {
  const region = await findRegion(ctx, input.regionCode);
  if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
  assertCan(ctx.actor, P.plan, { regionPath: region.path, departmentId: input.departmentId });
  return transact(ctx, async (t) => {
    const row = { id: newId(), ...input, regionPath: region.path };
    await t.tx.insert(plans).values(row);
    t.audit({ action: 'inspection.plan.create', objectType: 'inspection_plan', objectId: row.id, summary: { after: row } });
    return row;
  });
}

export async function listPlans(ctx: Ctx) {
  return ctx.database.db.select().from(plans).orderBy(desc(plans.year), asc(plans.title));
}

function presentTask(r: TaskRow) {
  return {
    id: r.id, planId: r.planId, title: r.title, itemIds: r.itemIds, departmentIds: r.departmentIds, leadDepartmentId: r.leadDepartmentId, scope: r.scope,
    count: r.count, proportionBp: r.proportionBp, inspectorsPerEntity: r.inspectorsPerEntity, riskWeights: r.riskWeights, creditWeights: r.creditWeights,
    recentTasks: r.recentTasks, dueDate: r.dueDate, disclosureWorkingDays: r.disclosureWorkingDays, status: r.status,
  };
}

export async function createTask(ctx: Ctx, planId: string, input: z.infer<typeof TaskCreate>) {
  const [plan] = await ctx.database.db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound('inspection_plan', planId);
  const lead = input.departmentIds[0]!;
  assertCan(ctx.actor, P.plan, { regionPath: plan.regionPath, departmentId: lead });
  const depts = await findDepartments(ctx, input.departmentIds);
  if (depts.length !== new Set(input.departmentIds).size) throw new AppError('request.invalid', { fields: [{ field: 'departmentIds', code: 'not_found' }] });
  const found = await ctx.database.db.select().from(items).where(inArray(items.id, input.itemIds));
  if (found.length !== new Set(input.itemIds).size || found.some((i) => !input.departmentIds.includes(i.departmentId))) {
    throw new AppError('request.invalid', { fields: [{ field: 'itemIds', code: 'not_found' }], detail: 'items must belong to the task departments' });
  }
  return transact(ctx, async (t) => {
    const row = {
      id: newId(), planId, title: input.title, itemIds: input.itemIds, departmentIds: input.departmentIds, leadDepartmentId: lead, regionPath: plan.regionPath,
      scope: input.scope, count: input.count ?? null, proportionBp: input.proportionPercent != null ? Math.round(input.proportionPercent * 100) : null,
      inspectorsPerEntity: input.inspectorsPerEntity, riskWeights: input.riskWeights, creditWeights: input.creditWeights, recentTasks: input.recentTasks,
      dueDate: input.dueDate, disclosureWorkingDays: input.disclosureWorkingDays, createdBy: t.actor.kind === 'staff' ? t.actor.subjectId ?? null : null,
    };
    const [created] = await t.tx.insert(tasks).values(row).returning();
    t.audit({ action: 'inspection.task.create', objectType: 'inspection_task', objectId: row.id, summary: { after: row } });
    return presentTask(created!);
  });
}

export async function listTasks(ctx: Ctx, q: z.infer<typeof TaskListQuery>) {
  const manager = scopesOf(ctx.actor, P.plan);
  // A supervisor (inspection.draw.void) sees the tasks of the regions they oversee.
  const supervisor = manager.all || manager.scopes.length ? undefined : scopesOf(ctx.actor, P.void);
  const { all, scopes } = supervisor ?? manager;
  if (!all && scopes.length === 0) throw new AppError('auth.forbidden');
  const depts = supervisor || all || scopes.some((s) => s.departmentId === null) ? undefined : scopes.map((s) => s.departmentId!);
  const regions = supervisor && !all ? scopes.map((s) => s.regionPath) : undefined;
  const where = and(
    regions ? or(...regions.flatMap((r) => [eq(tasks.regionPath, r), like(tasks.regionPath, `${r}/%`)])) : undefined,
    q.planId ? eq(tasks.planId, q.planId) : undefined,
    q.status ? eq(tasks.status, q.status) : undefined,
    depts ? or(...depts.map((d) => sql`${tasks.departmentIds} @> ${JSON.stringify([d])}::jsonb`)) : undefined,
    q.q ? ilike(tasks.title, `%${q.q}%`) : undefined,
  );
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(tasks).where(where),
  ]);
  return pageOf(rows.map(presentTask), total?.n ?? 0, q);
}

/** A task a manager of its lead department, or a supervisor over its region, may read. */
async function taskForReader(ctx: Ctx, taskId: string): Promise<TaskRow> {
  const [task] = await ctx.database.db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound('inspection_task', taskId);
  const scope = { regionPath: task.regionPath, departmentId: task.leadDepartmentId };
  if (!can(ctx.actor, P.plan, scope)) assertCan(ctx.actor, P.void, scope);
  return task;
}

export async function getTask(ctx: Ctx, taskId: string) {
  const task = await taskForReader(ctx, taskId);
  const db = ctx.database.db;
  const [plan] = await db.select({ title: plans.title }).from(plans).where(eq(plans.id, task.planId));
  const depts = new Map((await findDepartments(ctx, task.departmentIds)).map((d) => [d.id, d.name]));
  const itemRows = await db.select({ id: items.id, code: items.code, name: items.name }).from(items).where(inArray(items.id, task.itemIds));
  return {
    ...presentTask(task),
    planTitle: plan?.title ?? '',
    departments: task.departmentIds.map((id) => ({ id, name: depts.get(id) ?? id })),
    items: task.itemIds.map((id) => itemRows.find((i) => i.id === id)).filter((i) => !!i).map((i) => i!),
  };
}

/** The entities drawn for a task (the live draw, or ?drawId= a voided one), with names, inspectors and results. */
export async function taskAssignments(ctx: Ctx, taskId: string, q: { page: number; pageSize: number; drawId?: string; q?: string }) {
  await taskForReader(ctx, taskId);
  const db = ctx.database.db;
  const where = and(
    eq(assignments.taskId, taskId),
    q.drawId ? eq(assignments.drawId, q.drawId) : eq(assignments.active, true),
    q.q ? or(ilike(assignments.entityName, `%${q.q}%`), eq(assignments.uscc, q.q.toUpperCase())) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(assignments).where(where).orderBy(asc(assignments.seq)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(assignments).where(where),
  ]);
  const presented = await presentAssignments(ctx, rows);
  const depts = new Map((await db.select({ id: inspectors.id, departmentId: inspectors.departmentId }).from(inspectors).where(inArray(inspectors.id, [...new Set(rows.flatMap((r) => r.inspectorIds)), '00000000-0000-4000-8000-000000000000']))).map((i) => [i.id, i.departmentId]));
  return pageOf(
    presented.map((a, i) => ({ ...a, seq: rows[i]!.seq, inspectors: a.inspectors.map((x) => ({ ...x, departmentId: depts.get(x.id) ?? '' })) })),
    total?.n ?? 0,
    q,
  );
}

async function taskForManager(ctx: Ctx, taskId: string): Promise<TaskRow> {
  const [task] = await ctx.database.db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) throw notFound('inspection_task', taskId);
  assertCan(ctx.actor, P.plan, { regionPath: task.regionPath, departmentId: task.leadDepartmentId });
  return task;
}

// ---------- the draw ----------

function presentDraw(d: DrawRow) {
  return {
    id: d.id, taskId: d.taskId, seq: d.seq, status: d.status, commitment: d.commitment, seed: d.status === 'committed' ? null : d.seed, algorithm: d.algorithm,
    hashes: d.hashes, poolSize: d.poolSize, target: d.target, selectedCount: d.selectedCount, committedAt: d.committedAt.toISOString(),
    drawnAt: iso(d.drawnAt), voidedAt: iso(d.voidedAt), voidReason: d.voidReason,
  };
}

/** Publishes the commitment (SM3 of a fresh random seed, kept sealed until the draw). */
export async function commitDraw(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const [task] = await t.tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
    if (task!.status !== 'planned') throw new AppError(task!.status === 'committed' ? 'resource.conflict' : 'inspection.already_drawn');
    const [{ n }] = (await t.tx.select({ n: count() }).from(draws).where(eq(draws.taskId, taskId))) as [{ n: number }];
    const seed = randomBytes(32).toString('hex');
    const row = { id: newId(), taskId, seq: n + 1, status: 'committed' as const, commitment: commitmentOf(seed), seedSealed: sealPersonal(t.config.secrets.dataKey, seed), algorithm: ALGORITHM_VERSION, committedBy: t.actor.id };
    await t.tx.insert(draws).values(row);
    await t.tx.update(tasks).set({ status: 'committed', version: sql`${tasks.version} + 1` }).where(eq(tasks.id, taskId));
    t.audit({ action: 'inspection.draw.commit', objectType: 'inspection_draw', objectId: row.id, summary: { taskId, commitment: row.commitment } });
    const [saved] = await t.tx.select().from(draws).where(eq(draws.id, row.id));
    return presentDraw(saved!);
  });
}

/** The pool filter of a task, on the entity columns (for joins) or on the draw line (index-only scan). */
async function poolFilter(t: TxCtx, task: TaskRow): Promise<{ columns: SQL; line: SQL }> {
  const scope = task.scope;
  const regionPaths: string[] = [];
  for (const code of scope.regionCodes ?? []) {
    const r = await findRegion(t, code);
    if (r) regionPaths.push(r.path);
  }
  // Scope regions outside the plan's region are ignored; a scope naming only unknown regions draws from nobody.
  const inPlan = regionPaths.filter((p) => p === task.regionPath || p.startsWith(`${task.regionPath}/`));
  const roots = scope.regionCodes?.length ? (inPlan.length ? inPlan : ['-']) : [task.regionPath];
  const columns = and(
    eq(entities.active, true),
    or(...roots.flatMap((r) => [eq(entities.regionPath, r), like(entities.regionPath, `${r}/%`)])),
    scope.industries?.length ? inArray(entities.industry, scope.industries) : undefined,
    scope.riskLevels?.length ? inArray(entities.riskLevel, scope.riskLevels) : undefined,
    scope.creditLevels?.length ? inArray(entities.creditLevel, scope.creditLevels) : undefined,
  )!;
  // The same filter on the columns of inspection_entities_draw_idx only (draw_line, industry, active).
  const field = (n: number) => sql`split_part(${entities.drawLine}, '|', ${sql.raw(String(n))})`;
  const list = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);
  const line = and(
    eq(entities.active, true),
    // path under r: only the region path holds a "/", so "|r/" can only be its start (strpos is a
    // fraction of split_part's cost over a million lines); path = r is checked exactly.
    or(...roots.map((r) => sql`(strpos(${entities.drawLine}, ${`|${r}/`}) > 0 OR (strpos(${entities.drawLine}, ${`|${r}|`}) > 0 AND ${field(3)} = ${r}))`)),
    scope.industries?.length ? inArray(entities.industry, scope.industries) : undefined,
    scope.riskLevels?.length ? sql`${field(4)} IN (${list(scope.riskLevels)})` : undefined,
    scope.creditLevels?.length ? sql`left(${field(5)}, 1) IN (${list(scope.creditLevels)})` : undefined,
  )!;
  return { columns, line };
}

/** Parts a pool is read in (consecutive USCC ranges), so that parsing one overlaps reading the next. */
const POOL_PARTS = 8;

/**
 * Where to cut the pool into parts: draw lines taken from the column's histogram (pg_stats), or
 * none (one part) when there are no statistics yet. Any values are correct cuts; the statistics
 * only make the parts about even.
 */
async function poolCuts(t: TxCtx): Promise<string[]> {
  const [row] = await rawRows<{ bounds: string[] | null }>(
    t.tx,
    sql`SELECT histogram_bounds::text::text[] AS bounds FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'inspection_entities' AND attname = 'draw_line'`,
  );
  const bounds = row?.bounds ?? [];
  if (bounds.length < POOL_PARTS * 2) return [];
  return [...new Set(Array.from({ length: POOL_PARTS - 1 }, (_, j) => bounds[Math.round(((j + 1) * (bounds.length - 1)) / POOL_PARTS)]!))];
}

/**
 * The entity pool as canonical text, in USCC order, read by index-only scans of
 * inspection_entities_draw_idx and aggregated in the database: one value per part (USCC range), no
 * row objects. Each part's statement also stores it as part of the draw's pool
 * (inspection_draw_pools), so the text never travels back. The next part's statement is sent as
 * soon as a part arrives, before that part is hashed and parsed here: the database reads one while
 * this process works on the other, and the connection never has two queries queued.
 */
async function readPool(t: TxCtx, filter: SQL, drawId: string): Promise<EntityPool> {
  const isPg = t.database.kind === 'postgres';
  // The planner underestimates the split_part filters and would sort; the index gives the order.
  // The one-row CTE is kept in memory (work_mem), and the stored text is compressed with lz4 where
  // the server has it (several times faster than the default pglz).
  const names = ['enable_sort', 'enable_seqscan', 'work_mem', ...(isPg ? ['jit', 'max_parallel_workers_per_gather', 'default_toast_compression'] : [])];
  const set = (values: string[]) => t.tx.execute(sql.raw(`SELECT ${names.map((k, i) => `set_config('${k}', '${values[i]!.replace(/'/g, "''")}', true)`).join(', ')}`));
  // Restored afterwards to what they were (for the rest of the transaction).
  const [before] = await rawRows<Record<string, string> & { lz4?: boolean }>(
    t.tx,
    sql.raw(`SELECT ${names.map((k) => `current_setting('${k}') AS ${k}`).join(', ')}${isPg ? `, (SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression') AS lz4` : ''}`),
  );
  const cuts = await poolCuts(t);
  await set(['off', 'off', '64MB', ...(isPg ? ['off', '0', before!.lz4 ? 'lz4' : before!.default_toast_compression!] : [])]);
  const part = (i: number) => {
    const range = and(i > 0 ? sql`${entities.drawLine} >= ${cuts[i - 1]}` : undefined, i < cuts.length ? sql`${entities.drawLine} < ${cuts[i]}` : undefined);
    return rawRows<{ lines: string }>(
      t.tx,
      sql`WITH p AS MATERIALIZED (
            SELECT coalesce(string_agg(l, ''), '') AS lines FROM (SELECT ${entities.drawLine} AS l FROM ${entities} WHERE ${and(filter, range)} ORDER BY ${entities.drawLine}) s),
          stored AS (INSERT INTO ${drawPools} (draw_id, part, entities) SELECT ${drawId}::uuid, ${i}, lines FROM p)
          SELECT lines FROM p`,
    ).then(([row]) => row?.lines ?? '');
  };
  const builder = EntityPool.builder();
  let pending = part(0);
  for (let i = 0; i <= cuts.length; i++) {
    const text = await pending;
    if (i < cuts.length) pending = part(i + 1); // sent now: the connection is idle again
    builder.add(text);
  }
  await set(names.map((k) => before![k]!));
  return builder.finish();
}

/**
 * The pools for a task as they are now: filtered, with recusal pairs. Inspector keys are directory
 * ids. The pool is stored with the draw as it is read (readPool).
 */
async function buildPools(t: TxCtx, task: TaskRow, drawId: string): Promise<{ inputs: Omit<DrawInputs, 'seed' | 'entities'> & { entities: EntityPool } }> {
  const db = t.tx;
  const filter = await poolFilter(t, task);
  const taskItems = await db.select().from(items).where(inArray(items.id, task.itemIds));
  const itemCodes = taskItems.map((i) => i.code);
  const inspectorRows = (await db.select().from(inspectors).where(and(eq(inspectors.available, true), inArray(inspectors.departmentId, task.departmentIds)))).filter(
    (i) => i.qualifications.length === 0 || itemCodes.some((c) => i.qualifications.includes(c)),
  );
  const ids = inspectorRows.map((i) => i.id);
  // The last N drawn (not voided) tasks that share a department with this one.
  const recent =
    ids.length && task.recentTasks > 0
      ? await db
          .select({ id: draws.id })
          .from(draws)
          .innerJoin(tasks, eq(tasks.id, draws.taskId))
          .where(and(eq(draws.status, 'drawn'), ne(draws.taskId, task.id), or(...task.departmentIds.map((d) => sql`${tasks.departmentIds} @> ${JSON.stringify([d])}::jsonb`))))
          .orderBy(desc(draws.drawnAt))
          .limit(task.recentTasks)
      : [];
  const withAddress = inspectorRows.filter((i) => i.addressKey).map((i) => i.id);
  const pool = await readPool(t, filter.line, drawId);
  // Recusal pairs: declared relations, same address key, assignments of the recent tasks; those of
  // entities outside the pool are dropped (by the pool's own USCC order, no join needed).
  const rel = ids.length ? await db.select({ k: relations.inspectorId, uscc: relations.uscc }).from(relations).where(inArray(relations.inspectorId, ids)) : [];
  const same = withAddress.length
    ? await db.select({ k: inspectors.id, uscc: entities.uscc }).from(inspectors).innerJoin(entities, eq(entities.addressKey, inspectors.addressKey)).where(and(inArray(inspectors.id, withAddress), filter.columns))
    : [];
  const recentRows = recent.length ? await db.select({ uscc: assignments.uscc, inspectorIds: assignments.inspectorIds }).from(assignments).where(inArray(assignments.drawId, recent.map((r) => r.id))) : [];
  const inPool = pool.present([...rel.map((r) => r.uscc), ...recentRows.map((a) => a.uscc)]);
  const exclusions: DrawExclusion[] = [];
  for (const r of rel) if (inPool.has(r.uscc)) exclusions.push({ inspectorKey: r.k, uscc: r.uscc, reason: 'relation' });
  for (const r of same) exclusions.push({ inspectorKey: r.k, uscc: r.uscc, reason: 'same_address' });
  const idSet = new Set(ids);
  const seen = new Set<string>();
  for (const a of recentRows) {
    if (!inPool.has(a.uscc)) continue;
    for (const k of a.inspectorIds) {
      if (!idSet.has(k) || seen.has(`${k}|${a.uscc}`)) continue;
      seen.add(`${k}|${a.uscc}`);
      exclusions.push({ inspectorKey: k, uscc: a.uscc, reason: 'recent' });
    }
  }
  return {
    inputs: {
      algorithm: ALGORITHM_VERSION,
      params: {
        count: task.count, proportionBp: task.proportionBp, inspectorsPerEntity: task.inspectorsPerEntity, departmentIds: task.departmentIds,
        riskWeights: task.riskWeights, creditWeights: task.creditWeights,
      },
      entities: pool,
      inspectors: inspectorRows.map((i) => ({ key: i.id, departmentId: i.departmentId, regionPath: i.regionPath })),
      exclusions: sortExclusions(exclusions),
    },
  };
}

/** The stored pool text of a draw (its parts in order), or null once compacted; beside inputs_gz, in the same statement. */
// Written out: in a select list the ORM may leave the outer column unqualified (p.draw_id = draw_id).
const poolText = sql<string | null>`(SELECT string_agg(p.entities, '' ORDER BY p.part) FROM inspection_draw_pools p WHERE p.draw_id = inspection_draw_inputs.draw_id)`;

type DocumentHead = { drawId: string; commitment: string; seed: string; hashes: DrawHashes; inputs: Omit<DrawInputs, 'seed' | 'entities'> };

/** The inputs document without `entities` (JSON): what is stored at draw time, the pool beside it. */
function documentHead(doc: DocumentHead): string {
  const { inputs } = doc;
  return JSON.stringify({ drawId: doc.drawId, algorithm: inputs.algorithm, seed: doc.seed, commitment: doc.commitment, hashes: doc.hashes, params: inputs.params, inspectors: inputs.inspectors, exclusions: inputs.exclusions });
}

/**
 * The disclosed inputs document (JSON): the head with `entities`, the canonical text as a JSON
 * string, so a million-entity pool is written without an object per entity.
 */
function documentText(head: string, text: string): string {
  // The entity lines hold no quote or backslash (EntityPool refuses neither, so escape them if present).
  const body = /["\\\u0000-\u0009\u000b-\u001f]/.test(text) ? JSON.stringify(text) : `"${text.replaceAll('\n', '\\n')}"`;
  return `${head.slice(0, -1)},"entities":${body}}`;
}

/**
 * After the draw's commit, off its critical path: the whole document is gzipped once and stored,
 * and the separate pool row removed. Until then (or if this never runs) the document is put together
 * from the two rows when asked for; the content is the same either way.
 */
export async function compactDrawInputs(ctx: Ctx, drawId: string, known?: { head: string; text: string }): Promise<void> {
  const db = ctx.database.db;
  let doc = known;
  if (!doc) {
    const [row] = await db.select({ gz: drawInputs.inputsGz, entities: poolText }).from(drawInputs).where(eq(drawInputs.drawId, drawId));
    if (!row || row.entities === null) return;
    doc = { head: gunzipSync(row.gz).toString('utf8'), text: row.entities };
  }
  const gz = await gzipAsync(Buffer.from(documentText(doc.head, doc.text), 'utf8'), { level: 1 });
  await db.transaction(async (tx) => {
    const gone = await tx.delete(drawPools).where(eq(drawPools.drawId, drawId)).returning({ id: drawPools.drawId });
    if (gone.length) await tx.update(drawInputs).set({ inputsGz: gz }).where(eq(drawInputs.drawId, drawId));
  });
}

/**
 * Job: compacts the inputs of draws still in two rows some time after they were drawn (the drawing
 * process stopped before its own compaction). Answers how many draws it looked at.
 */
export async function compactPendingDrawInputs(ctx: Ctx, minAgeSeconds = 600): Promise<number> {
  const pending = await rawRows<{ id: string }>(
    ctx.database.db,
    sql`SELECT DISTINCT p.draw_id AS id FROM ${drawPools} p JOIN ${draws} d ON d.id = p.draw_id WHERE d.drawn_at < ${new Date(Date.now() - minAgeSeconds * 1000)}`,
  );
  for (const { id } of pending) await compactDrawInputs(ctx, id);
  return pending.length;
}

/** Runs the committed draw: reveals the seed, records input hashes, pools and results. */
export async function drawTask(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const [task] = await t.tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
    if (task!.status === 'planned') throw new AppError('inspection.not_committed');
    if (task!.status !== 'committed') throw new AppError('inspection.already_drawn');
    const [draw] = await t.tx.select().from(draws).where(and(eq(draws.taskId, taskId), eq(draws.status, 'committed')));
    if (!draw) throw new AppError('inspection.not_committed');
    const seed = openPersonal(t.config.secrets.dataKey, draw.seedSealed);
    const started = performance.now();
    const { inputs } = await buildPools(t, task!, draw.id);
    const pooled = performance.now();
    if (inputs.inspectors.length === 0) throw new AppError('inspection.no_inspectors');
    const outcome = runDraw({ ...inputs, seed });
    const ran = performance.now();
    const rows = outcome.selected.map((s, i) => ({ id: newId(), seq: i + 1, uscc: s.uscc, k: s.inspectorKeys }));
    const head = documentHead({ drawId: draw.id, commitment: draw.commitment, seed, hashes: outcome.hashes, inputs });
    // The head is gzipped on the thread pool meanwhile. All assignments are one statement, names joined in the database.
    const headGz = gzipAsync(head, { level: 1 });
    headGz.catch(() => {});
    await t.tx
      .update(draws)
      .set({ status: 'drawn', seed, hashes: { ...outcome.hashes }, poolSize: outcome.poolSize, target: outcome.target, selectedCount: outcome.selected.length, drawnAt: new Date(), drawnBy: t.actor.id })
      .where(eq(draws.id, draw.id));
    await t.tx.execute(sql`
      INSERT INTO ${assignments} (id, draw_id, task_id, seq, uscc, entity_name, inspector_ids)
      SELECT x.id, ${draw.id}::uuid, ${taskId}::uuid, x.seq, x.uscc, coalesce(e.name, x.uscc), x.k
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id uuid, seq int, uscc text, k jsonb)
      LEFT JOIN ${entities} e ON e.uscc = x.uscc`);
    await t.tx.update(tasks).set({ status: 'drawn', version: sql`${tasks.version} + 1` }).where(eq(tasks.id, taskId));
    await t.tx.insert(drawInputs).values({ drawId: draw.id, inputsGz: await headGz });
    const written = performance.now();
    const text = inputs.entities.text;
    t.afterCommit(() => {
      // Not awaited, and started after the answer has gone: the draw does not wait for the compression.
      setImmediate(() => {
        void compactDrawInputs(ctx, draw.id, { head, text }).catch((err: unknown) => ctx.log.warn({ err, drawId: draw.id }, 'inspection draw inputs: compaction failed (served uncompacted)'));
      });
    });
    const ms = (a: number, b: number) => Math.round(b - a);
    t.log.info({ drawId: draw.id, poolSize: outcome.poolSize, selected: outcome.selected.length, pools: ms(started, pooled), draw: ms(pooled, ran), write: ms(ran, written) }, 'inspection draw (ms)');
    t.audit({ action: 'inspection.draw.run', objectType: 'inspection_draw', objectId: draw.id, summary: { taskId, hashes: outcome.hashes, poolSize: outcome.poolSize, selected: outcome.selected.length, skipped: outcome.skipped.length } });
    const [saved] = await t.tx.select().from(draws).where(eq(draws.id, draw.id));
    return presentDraw(saved!);
  });
}

/** A supervisor voids a draw with a reason; it stays visible, and the task may be drawn again. */
export async function voidDraw(ctx: Ctx, drawId: string, reason: string) {
  return transact(ctx, async (t) => {
    const [draw] = await t.tx.select().from(draws).where(eq(draws.id, drawId)).for('update');
    if (!draw) throw notFound('inspection_draw', drawId);
    const [task] = await t.tx.select().from(tasks).where(eq(tasks.id, draw.taskId));
    assertCan(t.actor, P.void, { regionPath: task!.regionPath, departmentId: task!.leadDepartmentId });
    if (draw.status === 'voided') throw new AppError('workflow.action_not_allowed');
    const [{ n }] = (await t.tx.select({ n: count() }).from(results).innerJoin(assignments, eq(assignments.id, results.assignmentId)).where(eq(assignments.drawId, drawId))) as [{ n: number }];
    if (n > 0) throw new AppError('inspection.has_results');
    // A committed draw's seed is revealed when voided, so nobody can keep a favourable one secret.
    const seed = draw.seed ?? openPersonal(t.config.secrets.dataKey, draw.seedSealed);
    await t.tx.update(draws).set({ status: 'voided', seed, voidedAt: new Date(), voidedBy: t.actor.id, voidReason: reason }).where(eq(draws.id, drawId));
    await t.tx.update(assignments).set({ active: false }).where(eq(assignments.drawId, drawId));
    await t.tx.update(tasks).set({ status: 'planned', version: sql`${tasks.version} + 1` }).where(eq(tasks.id, draw.taskId));
    t.audit({ action: 'inspection.draw.void', objectType: 'inspection_draw', objectId: drawId, summary: { taskId: draw.taskId, reason } });
    const [saved] = await t.tx.select().from(draws).where(eq(draws.id, drawId));
    return presentDraw(saved!);
  });
}

export async function listDraws(ctx: Ctx, taskId: string) {
  await taskForReader(ctx, taskId);
  return (await ctx.database.db.select().from(draws).where(eq(draws.taskId, taskId)).orderBy(asc(draws.seq))).map(presentDraw);
}

// ---------- results ----------

async function myInspectorId(ctx: Ctx): Promise<string | undefined> {
  if (ctx.actor.kind !== 'staff' || !ctx.actor.subjectId) return undefined;
  const [row] = await ctx.database.db.select({ id: inspectors.id }).from(inspectors).where(eq(inspectors.staffId, ctx.actor.subjectId));
  return row?.id;
}

/** The signed-in inspector's assignments (active draws), newest task first. */
export async function myAssignments(ctx: Ctx, q: { page: number; pageSize: number }) {
  const me = await myInspectorId(ctx);
  if (!me) return pageOf([], 0, q);
  const db = ctx.database.db;
  const where = and(eq(assignments.active, true), sql`${assignments.inspectorIds} @> ${JSON.stringify([me])}::jsonb`);
  const [rows, [total]] = await Promise.all([
    db.select().from(assignments).where(where).orderBy(desc(assignments.taskId), asc(assignments.seq)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(assignments).where(where),
  ]);
  return pageOf(await presentAssignments(ctx, rows), total?.n ?? 0, q);
}

async function presentAssignments(ctx: Ctx, rows: (typeof assignments.$inferSelect)[]) {
  if (!rows.length) return [];
  const db = ctx.database.db;
  const taskRows = await db.select({ id: tasks.id, title: tasks.title }).from(tasks).where(inArray(tasks.id, [...new Set(rows.map((r) => r.taskId))]));
  const inspRows = await db.select().from(inspectors).where(inArray(inspectors.id, [...new Set(rows.flatMap((r) => r.inspectorIds))]));
  const entRows = await db.select({ uscc: entities.uscc, address: entities.address }).from(entities).where(inArray(entities.uscc, rows.map((r) => r.uscc)));
  const resRows = await db.select().from(results).where(inArray(results.assignmentId, rows.map((r) => r.id)));
  const titles = new Map(taskRows.map((t) => [t.id, t.title]));
  const insp = new Map(inspRows.map((i) => [i.id, i]));
  const addr = new Map(entRows.map((e) => [e.uscc, e.address]));
  const res = new Map(resRows.map((r) => [r.assignmentId, r]));
  return rows.map((r) => {
    const result = res.get(r.id);
    return {
      id: r.id, taskId: r.taskId, taskTitle: titles.get(r.taskId) ?? '', uscc: r.uscc, entityName: r.entityName, address: addr.get(r.uscc) ?? null,
      inspectors: r.inspectorIds.map((k) => insp.get(k)).filter((i) => !!i).map((i) => ({ id: i!.id, name: i!.name, certificateNo: i!.certificateNo })),
      result: result ? { outcome: result.outcome, inspectedOn: result.inspectedOn, disclosureDue: result.disclosureDue } : null,
    };
  });
}

export async function recordResult(ctx: Ctx, assignmentId: string, input: z.infer<typeof ResultCreate>) {
  await ctx.calendar.refresh();
  const me = await myInspectorId(ctx);
  return transact(ctx, async (t) => {
    const [a] = await t.tx.select().from(assignments).where(eq(assignments.id, assignmentId));
    if (!a || !a.active) throw notFound('inspection_assignment', assignmentId);
    if (t.actor.kind !== 'system' && (!me || !a.inspectorIds.includes(me))) throw new AppError('inspection.not_assigned');
    const [task] = await t.tx.select().from(tasks).where(eq(tasks.id, a.taskId)).for('update');
    if (!['drawn', 'in_progress'].includes(task!.status)) throw new AppError('workflow.action_not_allowed');
    const [existing] = await t.tx.select({ id: results.id }).from(results).where(eq(results.assignmentId, assignmentId));
    if (existing) throw new AppError('resource.conflict', { fields: [{ field: 'assignmentId', code: 'duplicate' }] });
    const due = t.calendar.addWorkingDays(input.inspectedOn, task!.disclosureWorkingDays, task!.regionPath);
    const row = {
      id: newId(), assignmentId, taskId: a.taskId, uscc: a.uscc, outcome: input.outcome, notes: input.notes ?? null, photoRefs: input.photoRefs,
      followUp: input.followUp, followUpNote: input.followUpNote ?? null, inspectedOn: input.inspectedOn, recordedBy: t.actor.kind === 'staff' ? t.actor.subjectId ?? null : null,
      disclosureDue: due.date, disclosureDueEstimated: due.estimated,
    };
    await t.tx.insert(results).values(row);
    const [{ open }] = (await t.tx
      .select({ open: count() })
      .from(assignments)
      .leftJoin(results, eq(results.assignmentId, assignments.id))
      .where(and(eq(assignments.taskId, a.taskId), eq(assignments.active, true), isNull(results.id)))) as [{ open: number }];
    await t.tx.update(tasks).set({ status: open === 0 ? 'finished' : 'in_progress', version: sql`${tasks.version} + 1` }).where(eq(tasks.id, a.taskId));
    t.audit({ action: 'inspection.result.record', objectType: 'inspection_result', objectId: row.id, summary: { taskId: a.taskId, uscc: a.uscc, outcome: input.outcome, followUp: input.followUp } });
    await t.publish('inspection.result.recorded', {
      resultId: row.id, taskId: a.taskId, uscc: a.uscc, outcome: input.outcome, followUp: input.followUp, inspectedOn: input.inspectedOn, departmentIds: task!.departmentIds, itemIds: task!.itemIds,
    });
    return presentResult({ ...row, disclosedAt: null });
  });
}

function presentResult(r: { id: string; assignmentId: string; outcome: (typeof results.$inferSelect)['outcome']; inspectedOn: string; followUp: (typeof results.$inferSelect)['followUp']; disclosureDue: string; disclosureDueEstimated: boolean; disclosedAt: Date | null }) {
  return { id: r.id, assignmentId: r.assignmentId, outcome: r.outcome, inspectedOn: r.inspectedOn, followUp: r.followUp, disclosureDue: r.disclosureDue, disclosureDueEstimated: r.disclosureDueEstimated, disclosedAt: iso(r.disclosedAt) };
}

export async function taskResults(ctx: Ctx, taskId: string) {
  await taskForReader(ctx, taskId);
  return (await ctx.database.db.select().from(results).where(eq(results.taskId, taskId)).orderBy(asc(results.recordedAt))).map(presentResult);
}

/** Discloses the task's recorded results on the portal. */
export async function discloseTask(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const [task] = await t.tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
    if (!['in_progress', 'finished', 'disclosed'].includes(task!.status)) throw new AppError('workflow.action_not_allowed');
    const updated = await t.tx.update(results).set({ disclosedAt: new Date() }).where(and(eq(results.taskId, taskId), isNull(results.disclosedAt))).returning({ id: results.id });
    if (task!.status === 'finished') await t.tx.update(tasks).set({ status: 'disclosed', version: sql`${tasks.version} + 1` }).where(eq(tasks.id, taskId));
    t.audit({ action: 'inspection.task.disclose', objectType: 'inspection_task', objectId: taskId, summary: { results: updated.length } });
    return { disclosed: updated.length, status: task!.status === 'finished' ? 'disclosed' : task!.status };
  });
}

/** Job: warns the task's planner about undisclosed results due within `withinDays` working days. */
export async function warnDisclosureDue(ctx: Ctx, withinDays = 3): Promise<number> {
  await ctx.calendar.refresh();
  const today = ctx.calendar.today();
  const limit = ctx.calendar.addWorkingDays(today, withinDays).date;
  return transact(ctx, async (t) => {
    const due = await t.tx
      .select({ id: results.id, taskId: results.taskId, uscc: results.uscc, disclosureDue: results.disclosureDue, createdBy: tasks.createdBy, title: tasks.title })
      .from(results)
      .innerJoin(tasks, eq(tasks.id, results.taskId))
      .where(and(isNull(results.disclosedAt), isNull(results.warnedAt), sql`${results.disclosureDue} <= ${limit}`));
    for (const r of due) {
      if (r.createdBy) {
        await enqueueNotification(t.tx, { channel: 'site', recipientKind: 'staff', recipientId: r.createdBy, template: 'inspection.disclosure_due', params: { taskId: r.taskId, title: r.title, uscc: r.uscc, due: r.disclosureDue, overdue: r.disclosureDue < today } });
      }
      await t.tx.update(results).set({ warnedAt: new Date() }).where(eq(results.id, r.id));
    }
    if (due.length) t.audit({ action: 'inspection.disclosure.warn', objectType: 'inspection_result', objectId: 'batch', summary: { results: due.length, limit } });
    return due.length;
  });
}

// ---------- public ----------

export async function publicTasks(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const db = ctx.database.db;
  const where = and(sql`exists (select 1 from inspection_results r where r.task_id = ${tasks.id} and r.disclosed_at is not null)`, q.q ? ilike(tasks.title, `%${q.q}%`) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(tasks).where(where).orderBy(desc(tasks.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(tasks).where(where),
  ]);
  if (!rows.length) return pageOf([], total?.n ?? 0, q);
  const ids = rows.map((r) => r.id);
  const planRows = await db.select().from(plans).where(inArray(plans.id, [...new Set(rows.map((r) => r.planId))]));
  const itemRows = await db.select().from(items).where(inArray(items.id, [...new Set(rows.flatMap((r) => r.itemIds))]));
  const depts = new Map((await findDepartments(ctx, [...new Set(rows.flatMap((r) => r.departmentIds))])).map((d) => [d.id, d.name]));
  const resRows = await db
    .select({ taskId: results.taskId, uscc: results.uscc, entityName: assignments.entityName, inspectedOn: results.inspectedOn, outcome: results.outcome, followUp: results.followUp, disclosedAt: results.disclosedAt })
    .from(results)
    .innerJoin(assignments, eq(assignments.id, results.assignmentId))
    .where(and(inArray(results.taskId, ids), sql`${results.disclosedAt} is not null`))
    .orderBy(asc(assignments.seq));
  const drawRows = await db.select({ id: draws.id, taskId: draws.taskId }).from(draws).where(and(inArray(draws.taskId, ids), eq(draws.status, 'drawn')));
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: planRows.find((p) => p.id === r.planId)?.year ?? 0,
      departments: r.departmentIds.map((d) => depts.get(d) ?? d),
      items: itemRows.filter((i) => r.itemIds.includes(i.id)).map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis })),
      drawId: drawRows.find((d) => d.taskId === r.id)?.id ?? null,
      results: resRows.filter((x) => x.taskId === r.id).map((x) => ({ uscc: x.uscc, entityName: x.entityName, inspectedOn: x.inspectedOn, outcome: x.outcome, followUp: x.followUp, disclosedAt: x.disclosedAt!.toISOString() })),
    })),
    total?.n ?? 0,
    q,
  );
}

export async function publicDraw(ctx: Ctx, drawId: string) {
  const db = ctx.database.db;
  const [draw] = await db.select().from(draws).where(eq(draws.id, drawId));
  if (!draw) throw notFound('inspection_draw', drawId);
  const [task] = await db.select().from(tasks).where(eq(tasks.id, draw.taskId));
  const rows = await db.select().from(assignments).where(eq(assignments.drawId, drawId)).orderBy(asc(assignments.seq));
  const insp = new Map((await db.select({ id: inspectors.id, departmentId: inspectors.departmentId }).from(inspectors).where(inArray(inspectors.id, [...new Set(rows.flatMap((r) => r.inspectorIds)), '00000000-0000-4000-8000-000000000000']))).map((i) => [i.id, i.departmentId]));
  const depts = new Map((await findDepartments(ctx, task!.departmentIds)).map((d) => [d.id, d.name]));
  const others = await db.select({ id: draws.id, seq: draws.seq, status: draws.status }).from(draws).where(and(eq(draws.taskId, draw.taskId), ne(draws.id, drawId))).orderBy(asc(draws.seq));
  return {
    ...presentDraw(draw),
    taskTitle: task!.title,
    selected: rows.map((r) => ({ uscc: r.uscc, entityName: r.entityName, inspectors: r.inspectorIds.map((k) => ({ key: k, department: depts.get(insp.get(k) ?? '') ?? '' })) })),
    otherDraws: others,
  };
}

type InputsDocument = DrawInputs & { drawId: string; commitment: string; hashes: DrawHashes };

/**
 * The stored inputs of a drawn draw: the gzip document (`complete`); or, before compaction, the
 * document without entities plus the pool text (`split`); or the pools of a draw stored before the
 * document held the seed and hashes (`legacy`). Read in one statement, so a compaction in between
 * cannot mix the forms.
 */
async function storedInputs(ctx: Ctx, drawId: string): Promise<{ draw: DrawRow; gz: Buffer; form: 'complete' | 'split' | 'legacy'; entities: string | null }> {
  const db = ctx.database.db;
  const [draw] = await db.select().from(draws).where(eq(draws.id, drawId));
  if (!draw) throw notFound('inspection_draw', drawId);
  const [stored] = await db.select({ gz: drawInputs.inputsGz, entities: poolText }).from(drawInputs).where(eq(drawInputs.drawId, drawId));
  if (!stored || !draw.seed || !draw.hashes) throw new AppError('workflow.action_not_allowed', { detail: 'this draw has not been run' });
  if (stored.entities !== null) return { draw, gz: stored.gz, form: 'split', entities: stored.entities };
  // Documents written before the seed and hashes were stored with the pools start with `{"algorithm"`.
  const head = gunzipSync(stored.gz.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  return { draw, gz: stored.gz, form: head.startsWith('{"drawId"') ? 'complete' : 'legacy', entities: null };
}

/**
 * `GET …/draws/{id}/inputs`: the stored gzip document, sent as it is (Content-Encoding: gzip), or
 * decompressed on the way for a client that does not take gzip. A draw not yet compacted is put
 * together (and gzipped, for a client that takes it) on the way.
 */
export async function publicDrawInputsStream(ctx: Ctx, drawId: string, acceptsGzip: boolean): Promise<{ body: Buffer | Readable; gzip: boolean }> {
  const { draw, gz, form, entities: text } = await storedInputs(ctx, drawId);
  if (form === 'split') {
    const doc = Buffer.from(documentText(gunzipSync(gz).toString('utf8'), text!), 'utf8');
    return acceptsGzip ? { body: await gzipAsync(doc, { level: 1 }), gzip: true } : { body: doc, gzip: false };
  }
  const doc = form === 'complete' ? gz : gzipSync(JSON.stringify(legacyDocument(draw, gz)), { level: 1 });
  return acceptsGzip ? { body: doc, gzip: true } : { body: Readable.from([doc]).pipe(createGunzip()), gzip: false };
}

function legacyDocument(draw: DrawRow, gz: Buffer): InputsDocument {
  const inputs = JSON.parse(gunzipSync(gz).toString('utf8')) as Omit<DrawInputs, 'seed'>;
  return { drawId: draw.id, commitment: draw.commitment, hashes: draw.hashes as unknown as DrawHashes, ...inputs, seed: draw.seed! };
}

/** The pools as drawn plus the revealed seed: a complete DrawInputs anyone can re-run. */
export async function publicDrawInputs(ctx: Ctx, drawId: string): Promise<InputsDocument> {
  const { draw, gz, form, entities } = await storedInputs(ctx, drawId);
  if (form === 'split') return { ...(JSON.parse(gunzipSync(gz).toString('utf8')) as Omit<InputsDocument, 'entities'>), entities: entities! };
  return form === 'complete' ? (JSON.parse(gunzipSync(gz).toString('utf8')) as InputsDocument) : legacyDocument(draw, gz);
}

/** `yiwang draw verify`: re-runs from the stored inputs (or a file of them) and compares. */
export function verifyInputs(data: DrawInputs & { commitment: string; hashes: DrawHashes }) {
  return verifyDraw(data, { commitment: data.commitment, hashes: data.hashes });
}
