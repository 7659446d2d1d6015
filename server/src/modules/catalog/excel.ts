import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/excel.ts';
import { asc, desc, eq } from 'drizzle-orm';
import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/index.ts';
import { findDepartmentByUscc, getRegion, type DepartmentView } from '../org/index.ts';
import { catalogFees, catalogGuideVersions, catalogImplementations, catalogItems } from './tables.ts';
import { Guide, diffGuides, implementationCode, itemTypeNames, itemTypes, levelOfRegion, normalizeGuide } from './guide.ts';
import { catalogPermissions as P } from './policy.ts';
import { holdsCityWide } from '../../platform/auth/city-wide.ts';
import { reindexItem, todayInChina } from './service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Workbook layout (docs/catalog.md): sheet 事项 (base catalog), 收费目录 (fee catalog), 实施清单
 * (one row per implementation: codes, department, the main guide figures as columns, and the
 * complete guide as JSON; a figure in its own column wins over the JSON).
 */
const ITEM_COLS = ['基本编码', '事项名称', '事项类型', '服务对象', '主题', '关键词', '设定依据'] as const;
const FEE_COLS = ['收费编码', '收费名称', '类别', '收费依据', '收费标准', '收费部门', '生效日期', '失效日期'] as const;
const IMPL_COLS = ['实施编码', '基本编码', '实施部门统一社会信用代码', '实施部门', '状态', '版本', '法定时限（工作日）', '承诺时限（工作日）', '到现场次数', '网上办理深度', '马上办', '网上办', '一次办', '办事指南（JSON）'] as const;

const subjectNames = { person: '自然人', entity: '法人' } as const;
const feeKindNames = { administrative_fee: '行政事业性收费', government_fund: '政府性基金' } as const;
const stateNames = { unpublished: '未发布', published: '已发布', suspended: '已暂停', abolished: '已取消' } as const;
const SEP = '、';
const split = (s: string) => s.split(/[、,，;；]/).map((x) => x.trim()).filter(Boolean);
const yes = (b: boolean) => (b ? '是' : '否');

function sheetOf(wb: ExcelJS.Workbook, name: string, cols: readonly string[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([...cols]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === cols.length - 1 && name === '实施清单' ? 80 : 20));
  return ws;
}

export async function exportCatalog(ctx: Ctx): Promise<Buffer> {
  const db = ctx.database.db;
  const wb = await newWorkbook();
  const items = await db.select().from(catalogItems).orderBy(asc(catalogItems.baseCode));
  const wsItems = sheetOf(wb, '事项', ITEM_COLS);
  for (const it of items) {
    wsItems.addRow([it.baseCode, it.name, itemTypeNames[it.itemType as keyof typeof itemTypeNames], it.subjectTypes.map((s) => subjectNames[s]).join(SEP), it.themes.join(SEP), it.keywords.join(SEP), it.legalBasis]);
  }
  const wsFees = sheetOf(wb, '收费目录', FEE_COLS);
  for (const f of await db.select().from(catalogFees).orderBy(asc(catalogFees.code))) {
    wsFees.addRow([f.code, f.name, feeKindNames[f.kind], f.basis, f.standard, f.collectingDepartmentName, f.effectiveFrom, f.effectiveTo ?? '']);
  }
  const wsImpl = sheetOf(wb, '实施清单', IMPL_COLS);
  const impls = await db
    .select({ impl: catalogImplementations, baseCode: catalogItems.baseCode })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .orderBy(asc(catalogImplementations.implementationCode));
  const versions = await db.select().from(catalogGuideVersions).orderBy(desc(catalogGuideVersions.version));
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.implementationId)) latest.set(v.implementationId, v);
  for (const { impl, baseCode } of impls) {
    const v = latest.get(impl.id)!;
    const g = v.guide;
    wsImpl.addRow([impl.implementationCode, baseCode, impl.departmentUscc, impl.departmentName, stateNames[impl.state], v.version, g.statutoryLimitDays, g.promisedLimitDays, g.visitsRequired, g.onlineDepth.join(','), yes(g.doNow), yes(g.doOnline), yes(g.doInOneVisit), JSON.stringify(g)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

function cellText(row: ExcelJS.Row, index: number): string {
  const v = row.getCell(index + 1).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function readSheet(wb: ExcelJS.Workbook, name: string, cols: readonly string[], problems: ImportProblem[]): { row: number; get: (col: string) => string }[] {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    problems.push({ sheet: name, row: 0, column: '', reason: 'missing_sheet' });
    return [];
  }
  const header = ws.getRow(1);
  const index = new Map<string, number>();
  header.eachCell((c, n) => index.set(String(c.value ?? '').trim(), n - 1));
  for (const c of cols) if (!index.has(c)) problems.push({ sheet: name, row: 1, column: c, reason: 'missing_column' });
  const rows: { row: number; get: (col: string) => string }[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const get = (col: string) => (index.has(col) ? cellText(r, index.get(col)!) : '');
    if (cols.every((c) => get(c) === '')) return;
    rows.push({ row: n, get });
  });
  return rows;
}

const sameGuide = (a: unknown, b: unknown) => diffGuides(a, b).length === 0;
const intCell = (s: string) => (/^\d+$/.test(s) ? Number(s) : undefined);
const boolCell = (s: string) => (s === '是' ? true : s === '否' ? false : undefined);

/** All or nothing: every problem is reported (sheet, row, column, reason) and nothing is written. */
type ItemFields = { name: string; itemType: string; legalBasis: string; subjectTypes: unknown; themes: unknown; keywords: unknown };
const itemChanged = (old: ItemFields, it: ItemFields) =>
  old.name !== it.name || old.itemType !== it.itemType || old.legalBasis !== it.legalBasis || JSON.stringify([old.subjectTypes, old.themes, old.keywords]) !== JSON.stringify([it.subjectTypes, it.themes, it.keywords]);
type FeeFields = { name: string; kind: string; basis: string; standard: string; collectingDepartmentName: string; effectiveFrom: string; effectiveTo: string | null };
const feeChanged = (old: FeeFields, f: FeeFields) =>
  old.name !== f.name || old.kind !== f.kind || old.basis !== f.basis || old.standard !== f.standard || old.collectingDepartmentName !== f.collectingDepartmentName || old.effectiveFrom !== f.effectiveFrom || (old.effectiveTo ?? null) !== (f.effectiveTo ?? null);

export async function importCatalog(ctx: Ctx, body: Buffer | undefined) {
  if (!body || !Buffer.isBuffer(body) || body.length === 0) throw new AppError('request.invalid', { fields: [{ field: 'body', code: 'xlsx_required' }] });
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('request.invalid', { fields: [{ field: 'body', code: 'not_xlsx' }] });
  }
  const problems: ImportProblem[] = [];
  const bad = (sheet: string, row: number, column: string, reason: string) => problems.push({ sheet, row, column, reason });
  const today = todayInChina();

  return transact(ctx, async (t) => {
    const db = t.tx;
    // ----- items -----
    const typeByName = new Map(itemTypes.map((k) => [itemTypeNames[k], k]));
    const subjectByName = new Map<string, 'person' | 'entity'>([['自然人', 'person'], ['法人', 'entity']]);
    const itemRows = readSheet(wb, '事项', ITEM_COLS, problems);
    const items = new Map<string, { baseCode: string; name: string; itemType: string; subjectTypes: ('person' | 'entity')[]; themes: string[]; keywords: string[]; legalBasis: string }>();
    for (const r of itemRows) {
      const baseCode = r.get('基本编码').toUpperCase();
      if (!/^[0-9A-Z]{12}$/.test(baseCode)) bad('事项', r.row, '基本编码', 'base_code_format');
      else if (items.has(baseCode)) bad('事项', r.row, '基本编码', 'duplicate');
      const name = r.get('事项名称');
      if (!name) bad('事项', r.row, '事项名称', 'required');
      const itemType = typeByName.get(r.get('事项类型'));
      if (!itemType) bad('事项', r.row, '事项类型', 'unknown_item_type');
      const subjects = split(r.get('服务对象')).map((s) => subjectByName.get(s));
      if (subjects.length === 0 || subjects.some((s) => !s)) bad('事项', r.row, '服务对象', 'unknown_subject_type');
      const legalBasis = r.get('设定依据');
      if (!legalBasis) bad('事项', r.row, '设定依据', 'required');
      items.set(baseCode, { baseCode, name, itemType: itemType ?? '', subjectTypes: subjects as ('person' | 'entity')[], themes: split(r.get('主题')), keywords: split(r.get('关键词')), legalBasis });
    }
    const existingItems = new Map((await db.select().from(catalogItems)).map((i) => [i.baseCode, i]));
    // The base catalog serves the whole city: only a city-wide grant adds or changes its items.
    const cityWide = holdsCityWide(t.actor, P.review);
    if (!cityWide) {
      for (const r of itemRows) {
        const it = items.get(r.get('基本编码').toUpperCase());
        const old = it && existingItems.get(it.baseCode);
        if (it && (!old || itemChanged(old, it))) bad('事项', r.row, '基本编码', 'out_of_scope');
      }
    }

    // ----- fees -----
    const kindByName = new Map([['行政事业性收费', 'administrative_fee' as const], ['政府性基金', 'government_fund' as const]]);
    const feeRows = readSheet(wb, '收费目录', FEE_COLS, problems);
    const fees = new Map<string, { code: string; name: string; kind: 'administrative_fee' | 'government_fund'; basis: string; standard: string; collectingDepartmentName: string; effectiveFrom: string; effectiveTo: string | null }>();
    const dateOk = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
    for (const r of feeRows) {
      const code = r.get('收费编码');
      if (!code) bad('收费目录', r.row, '收费编码', 'required');
      else if (fees.has(code)) bad('收费目录', r.row, '收费编码', 'duplicate');
      for (const c of ['收费名称', '收费依据', '收费标准', '收费部门'] as const) if (!r.get(c)) bad('收费目录', r.row, c, 'required');
      const kind = kindByName.get(r.get('类别'));
      if (!kind) bad('收费目录', r.row, '类别', 'unknown_fee_kind');
      const from = r.get('生效日期');
      const to = r.get('失效日期');
      if (!dateOk(from)) bad('收费目录', r.row, '生效日期', 'date_format');
      if (to && !dateOk(to)) bad('收费目录', r.row, '失效日期', 'date_format');
      else if (to && to < from) bad('收费目录', r.row, '失效日期', 'before_effective_from');
      fees.set(code, { code, name: r.get('收费名称'), kind: kind ?? 'administrative_fee', basis: r.get('收费依据'), standard: r.get('收费标准'), collectingDepartmentName: r.get('收费部门'), effectiveFrom: from, effectiveTo: to || null });
    }
    const existingFees = new Map((await db.select().from(catalogFees)).map((f) => [f.code, f]));
    if (!cityWide) {
      for (const r of feeRows) {
        const f = fees.get(r.get('收费编码'));
        const old = f && existingFees.get(f.code);
        if (f && (!old || feeChanged(old, f))) bad('收费目录', r.row, '收费编码', 'out_of_scope');
      }
    }
    const feeAt = (code: string) => fees.get(code) ?? existingFees.get(code);

    // ----- implementations -----
    const implRows = readSheet(wb, '实施清单', IMPL_COLS, problems);
    const existingImpls = new Map((await db.select().from(catalogImplementations)).map((i) => [i.implementationCode, i]));
    const versions = await db.select().from(catalogGuideVersions).orderBy(desc(catalogGuideVersions.version));
    const latest = new Map<string, (typeof versions)[number]>();
    for (const v of versions) if (!latest.has(v.implementationId)) latest.set(v.implementationId, v);
    const deptCache = new Map<string, DepartmentView | undefined>();
    const seen = new Set<string>();
    const planned: { code: string; baseCode: string; dept: DepartmentView; level: number; guide: Guide }[] = [];
    for (const r of implRows) {
      const S = '实施清单';
      const code = r.get('实施编码').toUpperCase();
      const baseCode = r.get('基本编码').toUpperCase();
      const uscc = r.get('实施部门统一社会信用代码').toUpperCase();
      if (seen.has(code)) bad(S, r.row, '实施编码', 'duplicate');
      seen.add(code);
      if (!items.has(baseCode) && !existingItems.has(baseCode)) bad(S, r.row, '基本编码', 'unknown_base_code');
      if (!deptCache.has(uscc)) deptCache.set(uscc, await findDepartmentByUscc(t, uscc));
      const dept = deptCache.get(uscc);
      if (!dept) {
        bad(S, r.row, '实施部门统一社会信用代码', 'unknown_department');
        continue;
      }
      const level = levelOfRegion[(await getRegion(t, dept.regionCode)).level] ?? 3;
      const expected = /^[0-9A-Z]{12}$/.test(baseCode) ? implementationCode(dept.uscc, level, baseCode) : '';
      if (code !== expected) bad(S, r.row, '实施编码', 'code_mismatch');
      if (!can(t.actor, P.review, { regionPath: dept.regionPath, departmentId: dept.id }) && !can(t.actor, P.edit, { regionPath: dept.regionPath, departmentId: dept.id })) {
        bad(S, r.row, '实施部门统一社会信用代码', 'out_of_scope');
      }
      let json: unknown;
      try {
        json = JSON.parse(r.get('办事指南（JSON）') || 'null');
      } catch {
        bad(S, r.row, '办事指南（JSON）', 'invalid_json');
        continue;
      }
      if (!json || typeof json !== 'object') {
        bad(S, r.row, '办事指南（JSON）', 'required');
        continue;
      }
      const g = { ...(json as Record<string, unknown>) };
      const overlay: [string, string, (s: string) => unknown][] = [
        ['法定时限（工作日）', 'statutoryLimitDays', intCell],
        ['承诺时限（工作日）', 'promisedLimitDays', intCell],
        ['到现场次数', 'visitsRequired', intCell],
        ['网上办理深度', 'onlineDepth', (s) => (/^[1-8](,[1-8])*$/.test(s.replace(/[，\s]/g, ',').replace(/,+/g, ',')) ? s.replace(/[，\s]/g, ',').split(',').filter(Boolean).map(Number) : s === '' ? [] : undefined)],
        ['马上办', 'doNow', boolCell],
        ['网上办', 'doOnline', boolCell],
        ['一次办', 'doInOneVisit', boolCell],
      ];
      let overlayOk = true;
      for (const [col, key, parse] of overlay) {
        const value = parse(r.get(col));
        if (value === undefined) {
          bad(S, r.row, col, 'invalid_value');
          overlayOk = false;
        } else g[key] = value;
      }
      if (!overlayOk) continue;
      const parsed = Guide.safeParse(g);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const path = i.path.map(String).join('.');
          const col = overlay.find(([, key]) => key === i.path[0])?.[0] ?? '办事指南（JSON）';
          bad(S, r.row, col, `${path}: ${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
        }
        continue;
      }
      const guide = normalizeGuide(parsed.data);
      guide.fees.forEach((f, i) => {
        const fee = feeAt(f.feeCode);
        if (!fee) bad(S, r.row, '办事指南（JSON）', `fees.${i}.feeCode: not_in_fee_catalog`);
        else if (('retiredAt' in fee && fee.retiredAt) || fee.effectiveFrom > today || (fee.effectiveTo && fee.effectiveTo < today)) bad(S, r.row, '办事指南（JSON）', `fees.${i}.feeCode: fee_not_effective`);
      });
      const existing = existingImpls.get(code);
      if (existing) {
        const v = latest.get(existing.id);
        if (existing.state === 'abolished' && !sameGuide(v?.guide, guide)) bad(S, r.row, '状态', 'abolished_cannot_change');
        if (v?.status === 'submitted' && !sameGuide(v.guide, guide)) bad(S, r.row, '办事指南（JSON）', 'submitted_version_pending_review');
      }
      planned.push({ code, baseCode, dept, level, guide });
    }
    if (problems.length) {
      throw new AppError('catalog.import_invalid', { extra: { problems }, fields: problems.slice(0, 200).map((p) => ({ field: `${p.sheet}!${p.row}:${p.column}`, code: p.reason.split(': ').at(-1)!, message: `${p.sheet} 第 ${p.row} 行「${p.column}」：${p.reason}` })) });
    }

    // ----- write (same transaction: all or nothing) -----
    const report = { items: { created: 0, updated: 0, unchanged: 0 }, fees: { created: 0, updated: 0, unchanged: 0 }, implementations: { created: 0, drafted: 0, unchanged: 0 } };
    for (const it of items.values()) {
      const old = existingItems.get(it.baseCode);
      if (!old) {
        const id = newId();
        await db.insert(catalogItems).values({ id, ...it });
        existingItems.set(it.baseCode, { ...it, id } as unknown as typeof catalogItems.$inferSelect);
        report.items.created++;
      } else if (itemChanged(old, it)) {
        await db.update(catalogItems).set({ ...it, updatedAt: new Date() }).where(eq(catalogItems.id, old.id));
        await reindexItem(db, { ...old, ...it });
        report.items.updated++;
      } else report.items.unchanged++;
    }
    for (const f of fees.values()) {
      const old = existingFees.get(f.code);
      if (!old) {
        await db.insert(catalogFees).values({ id: newId(), ...f });
        report.fees.created++;
      } else if (feeChanged(old, f)) {
        await db.update(catalogFees).set({ ...f, version: old.version + 1, updatedAt: new Date() }).where(eq(catalogFees.id, old.id));
        report.fees.updated++;
      } else report.fees.unchanged++;
    }
    for (const p of planned) {
      const existing = existingImpls.get(p.code);
      if (!existing) {
        const id = newId();
        await db.insert(catalogImplementations).values({ id, implementationCode: p.code, itemId: existingItems.get(p.baseCode)!.id, departmentId: p.dept.id, departmentUscc: p.dept.uscc, departmentName: p.dept.name, regionCode: p.dept.regionCode, regionPath: p.dept.regionPath, level: p.level });
        await db.insert(catalogGuideVersions).values({ id: newId(), implementationId: id, version: 1, status: 'draft', guide: p.guide, changeNote: '批量导入', editedBy: t.actor.id });
        report.implementations.created++;
        continue;
      }
      const v = latest.get(existing.id)!;
      if (sameGuide(v.guide, p.guide)) {
        report.implementations.unchanged++;
      } else if (v.status === 'draft') {
        await db.update(catalogGuideVersions).set({ guide: p.guide, editedBy: t.actor.id, updatedAt: new Date() }).where(eq(catalogGuideVersions.id, v.id));
        report.implementations.drafted++;
      } else {
        await db.insert(catalogGuideVersions).values({ id: newId(), implementationId: existing.id, version: v.version + 1, status: 'draft', guide: p.guide, changeNote: '批量导入', editedBy: t.actor.id });
        report.implementations.drafted++;
      }
    }
    t.audit({ action: 'catalog.import', objectType: 'catalog', objectId: 'xlsx', summary: report });
    return report;
  });
}
