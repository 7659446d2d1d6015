import type ExcelJS from 'exceljs';
import { addSheet, newWorkbook, readSheet, type SheetProblem } from '../../platform/excel.ts';
import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/index.ts';
import { holdsCityWide } from '../../platform/auth/city-wide.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { findDepartmentByUscc, getRegion, type DepartmentView } from '../org/index.ts';
import { Guide, diffGuides, implementationCode, itemTypeNames, itemTypes, levelOfRegion, normalizeGuide } from './guide.ts';
import {
  allImplementations,
  allItems,
  insertImplementation,
  insertItem,
  insertVersion,
  latestVersions,
  updateItem,
  updateVersion,
  type ItemFields,
  type ItemRow,
} from './repository.ts';
import { allEntries } from './lists-repository.ts';
import { listNames } from './list-definitions.ts';
import { addListSheet, readListSheet, writeListSheet, type PlannedEntry } from './excel-lists.ts';
import { feeEffective } from './guide-rules.ts';
import { reindexItem } from './search-index.ts';
import { catalogPermissions as P } from './policy.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ImportProblem = SheetProblem;

/**
 * Workbook layout (docs/catalog.md): sheet 事项 (base catalog), the three lists (收费目录, 权责清单,
 * 中介服务清单: excel-lists.ts), 实施清单 (one row per implementation: codes, department, the main
 * guide figures as columns, and the complete guide as JSON; a figure in its own column wins over the JSON).
 */
const ITEM_COLS = ['基本编码', '事项名称', '事项类型', '服务对象', '主题', '关键词', '设定依据'] as const;
const IMPL_COLS = [
  '实施编码',
  '基本编码',
  '实施部门统一社会信用代码',
  '实施部门',
  '状态',
  '版本',
  '法定时限（工作日）',
  '承诺时限（工作日）',
  '到现场次数',
  '网上办理深度',
  '马上办',
  '网上办',
  '一次办',
  '办事指南（JSON）',
] as const;

const subjectNames = { person: '自然人', entity: '法人' } as const;
const stateNames = { unpublished: '未发布', published: '已发布', suspended: '已暂停', abolished: '已取消' } as const;
const SEP = '、';
const split = (s: string) =>
  s
    .split(/[、,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (b: boolean) => (b ? '是' : '否');

export async function exportCatalog(ctx: Ctx): Promise<Buffer> {
  const db = ctx.database.db;
  const wb = await newWorkbook();
  const wsItems = addSheet(wb, '事项', ITEM_COLS);
  for (const it of await allItems(db)) {
    wsItems.addRow([
      it.baseCode,
      it.name,
      itemTypeNames[it.itemType as keyof typeof itemTypeNames],
      it.subjectTypes.map((s) => subjectNames[s]).join(SEP),
      it.themes.join(SEP),
      it.keywords.join(SEP),
      it.legalBasis,
    ]);
  }
  for (const list of listNames) await addListSheet(ctx, wb, list);
  const wsImpl = addSheet(wb, '实施清单', IMPL_COLS, 80);
  const latest = await latestVersions(db);
  for (const { impl, baseCode } of await allImplementations(db)) {
    const v = latest.get(impl.id)!;
    const g = v.guide;
    wsImpl.addRow([
      impl.implementationCode,
      baseCode,
      impl.departmentUscc,
      impl.departmentName,
      stateNames[impl.state],
      v.version,
      g.statutoryLimitDays,
      g.promisedLimitDays,
      g.visitsRequired,
      g.onlineDepth.join(','),
      yes(g.doNow),
      yes(g.doOnline),
      yes(g.doInOneVisit),
      JSON.stringify(g),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const sameGuide = (a: unknown, b: unknown) => diffGuides(a, b).length === 0;
const intCell = (s: string) => (/^\d+$/.test(s) ? Number(s) : undefined);
const boolCell = (s: string) => (s === '是' ? true : s === '否' ? false : undefined);
const depthCell = (s: string) => {
  const list = s.replace(/[，\s]/g, ',').replace(/,+/g, ',');
  return /^[1-8](,[1-8])*$/.test(list) ? list.split(',').filter(Boolean).map(Number) : s === '' ? [] : undefined;
};
const itemChanged = (old: ItemFields, it: ItemFields) =>
  old.name !== it.name ||
  old.itemType !== it.itemType ||
  old.legalBasis !== it.legalBasis ||
  JSON.stringify([old.subjectTypes, old.themes, old.keywords]) !== JSON.stringify([it.subjectTypes, it.themes, it.keywords]);

type Bad = (sheet: string, row: number, column: string, reason: string) => void;

/** The 事项 sheet: base items; a new or changed one needs a city-wide reviewer (the base catalog serves the whole city). */
async function readItems(t: TxCtx, wb: ExcelJS.Workbook, problems: SheetProblem[], bad: Bad) {
  const typeByName = new Map(itemTypes.map((k) => [itemTypeNames[k], k]));
  const subjectByName = new Map<string, 'person' | 'entity'>([
    ['自然人', 'person'],
    ['法人', 'entity'],
  ]);
  const rows = readSheet(wb, '事项', ITEM_COLS, problems) ?? [];
  const items = new Map<string, ItemFields>();
  for (const r of rows) {
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
    items.set(baseCode, {
      baseCode,
      name,
      itemType: itemType ?? '',
      subjectTypes: subjects as ('person' | 'entity')[],
      themes: split(r.get('主题')),
      keywords: split(r.get('关键词')),
      legalBasis,
    });
  }
  const existing = new Map((await allItems(t.tx)).map((i) => [i.baseCode, i]));
  if (!holdsCityWide(t.actor, P.review)) {
    for (const r of rows) {
      const it = items.get(r.get('基本编码').toUpperCase());
      const old = it && existing.get(it.baseCode);
      if (it && (!old || itemChanged(old, it))) bad('事项', r.row, '基本编码', 'out_of_scope');
    }
  }
  return { items, existing };
}

type PlannedImpl = { code: string; baseCode: string; dept: DepartmentView; level: number; guide: Guide };

/** The 实施清单 sheet: each row's code, department, scope and guide (columns over the JSON), fees as of `today`. */
async function readImplementations(
  t: TxCtx,
  wb: ExcelJS.Workbook,
  problems: SheetProblem[],
  bad: Bad,
  knownBaseCode: (c: string) => boolean,
  feeAt: (code: string) => { effectiveFrom: string; effectiveTo: string | null; retiredAt?: Date | null } | undefined,
) {
  const S = '实施清单';
  const today = shanghaiDate();
  const rows = readSheet(wb, S, IMPL_COLS, problems) ?? [];
  const existing = new Map((await allImplementations(t.tx)).map(({ impl }) => [impl.implementationCode, impl]));
  const latest = await latestVersions(t.tx);
  const deptCache = new Map<string, DepartmentView | undefined>();
  const seen = new Set<string>();
  const planned: PlannedImpl[] = [];
  const overlay: [string, string, (s: string) => unknown][] = [
    ['法定时限（工作日）', 'statutoryLimitDays', intCell],
    ['承诺时限（工作日）', 'promisedLimitDays', intCell],
    ['到现场次数', 'visitsRequired', intCell],
    ['网上办理深度', 'onlineDepth', depthCell],
    ['马上办', 'doNow', boolCell],
    ['网上办', 'doOnline', boolCell],
    ['一次办', 'doInOneVisit', boolCell],
  ];
  for (const r of rows) {
    const code = r.get('实施编码').toUpperCase();
    const baseCode = r.get('基本编码').toUpperCase();
    const uscc = r.get('实施部门统一社会信用代码').toUpperCase();
    if (seen.has(code)) bad(S, r.row, '实施编码', 'duplicate');
    seen.add(code);
    if (!knownBaseCode(baseCode)) bad(S, r.row, '基本编码', 'unknown_base_code');
    if (!deptCache.has(uscc)) deptCache.set(uscc, await findDepartmentByUscc(t, uscc));
    const dept = deptCache.get(uscc);
    if (!dept) {
      bad(S, r.row, '实施部门统一社会信用代码', 'unknown_department');
      continue;
    }
    const level = levelOfRegion[(await getRegion(t, dept.regionCode)).level] ?? 3;
    const expected = /^[0-9A-Z]{12}$/.test(baseCode) ? implementationCode(dept.uscc, level, baseCode) : '';
    if (code !== expected) bad(S, r.row, '实施编码', 'code_mismatch');
    const scope = { regionPath: dept.regionPath, departmentId: dept.id };
    if (!can(t.actor, P.review, scope) && !can(t.actor, P.edit, scope)) bad(S, r.row, '实施部门统一社会信用代码', 'out_of_scope');
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
        const col = overlay.find(([, key]) => key === i.path[0])?.[0] ?? '办事指南（JSON）';
        bad(S, r.row, col, `${i.path.map(String).join('.')}: ${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
      }
      continue;
    }
    const guide = normalizeGuide(parsed.data);
    guide.fees.forEach((f, i) => {
      const fee = feeAt(f.feeCode);
      if (!fee) bad(S, r.row, '办事指南（JSON）', `fees.${i}.feeCode: not_in_fee_catalog`);
      else if (!feeEffective(fee, today)) bad(S, r.row, '办事指南（JSON）', `fees.${i}.feeCode: fee_not_effective`);
    });
    const old = existing.get(code);
    if (old) {
      const v = latest.get(old.id);
      if (old.state === 'abolished' && !sameGuide(v?.guide, guide)) bad(S, r.row, '状态', 'abolished_cannot_change');
      if (v?.status === 'submitted' && !sameGuide(v.guide, guide)) bad(S, r.row, '办事指南（JSON）', 'submitted_version_pending_review');
    }
    planned.push({ code, baseCode, dept, level, guide });
  }
  return { planned, existing, latest };
}

/** All or nothing: every problem is reported (sheet, row, column, reason) and nothing is written. */
export async function importCatalog(ctx: Ctx, body: Buffer | undefined) {
  if (!body || !Buffer.isBuffer(body) || body.length === 0) throw new AppError('request.invalid', { fields: [{ field: 'body', code: 'xlsx_required' }] });
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('request.invalid', { fields: [{ field: 'body', code: 'not_xlsx' }] });
  }
  const problems: ImportProblem[] = [];
  const bad: Bad = (sheet, row, column, reason) => problems.push({ sheet, row, column, reason });

  return transact(ctx, async (t) => {
    const db = t.tx;
    const { items, existing: existingItems } = await readItems(t, wb, problems, bad);
    const lists = new Map<string, PlannedEntry[] | undefined>();
    for (const list of listNames) lists.set(list, await readListSheet(t, wb, list, problems));
    // A guide may cite a fee of this workbook (as imported) or of the catalog.
    const feesInFile = new Map((lists.get('fees') ?? []).map((p) => [p.code, p]));
    const feesInCatalog = new Map((await allEntries(db, 'fees')).map((f) => [f.code, f]));
    const feeAt = (code: string) => {
      const planned = feesInFile.get(code);
      return planned ? { ...planned.existing, ...(planned.fields as { effectiveFrom: string; effectiveTo: string | null }) } : feesInCatalog.get(code);
    };
    const impls = await readImplementations(t, wb, problems, bad, (c) => items.has(c) || existingItems.has(c), feeAt);
    if (problems.length) {
      throw new AppError('catalog.import_invalid', {
        extra: { problems },
        fields: problems.slice(0, 200).map((p) => ({
          field: `${p.sheet}!${p.row}:${p.column}`,
          code: p.reason.split(': ').at(-1)!,
          message: `${p.sheet} 第 ${p.row} 行「${p.column}」：${p.reason}`,
        })),
      });
    }

    // ----- write (same transaction: all or nothing) -----
    const report = {
      items: { created: 0, updated: 0, unchanged: 0 },
      fees: await writeListSheet(t, 'fees', lists.get('fees')),
      powers: await writeListSheet(t, 'powers', lists.get('powers')),
      intermediaries: await writeListSheet(t, 'intermediaries', lists.get('intermediaries')),
      implementations: { created: 0, drafted: 0, unchanged: 0 },
    };
    const itemIds = new Map([...existingItems].map(([code, it]) => [code, it.id]));
    for (const it of items.values()) {
      const old = existingItems.get(it.baseCode);
      if (!old) {
        const id = newId();
        await insertItem(db, { id, ...it });
        itemIds.set(it.baseCode, id);
        report.items.created++;
      } else if (itemChanged(old, it)) {
        await updateItem(db, old.id, it);
        await reindexItem(db, { ...old, ...it } as ItemRow);
        report.items.updated++;
      } else report.items.unchanged++;
    }
    for (const p of impls.planned) {
      const existing = impls.existing.get(p.code);
      if (!existing) {
        const id = newId();
        await insertImplementation(db, {
          id,
          implementationCode: p.code,
          itemId: itemIds.get(p.baseCode)!,
          departmentId: p.dept.id,
          departmentUscc: p.dept.uscc,
          departmentName: p.dept.name,
          regionCode: p.dept.regionCode,
          regionPath: p.dept.regionPath,
          level: p.level,
        });
        await insertVersion(db, {
          id: newId(),
          implementationId: id,
          version: 1,
          status: 'draft',
          guide: p.guide,
          changeNote: '批量导入',
          editedBy: t.actor.id,
        });
        report.implementations.created++;
        continue;
      }
      const v = impls.latest.get(existing.id)!;
      if (sameGuide(v.guide, p.guide)) {
        report.implementations.unchanged++;
      } else if (v.status === 'draft') {
        await updateVersion(db, v.id, { guide: p.guide, editedBy: t.actor.id });
        report.implementations.drafted++;
      } else {
        await insertVersion(db, {
          id: newId(),
          implementationId: existing.id,
          version: v.version + 1,
          status: 'draft',
          guide: p.guide,
          changeNote: '批量导入',
          editedBy: t.actor.id,
        });
        report.implementations.drafted++;
      }
    }
    t.audit({ action: 'catalog.import', objectType: 'catalog', objectId: 'xlsx', summary: report });
    return report;
  });
}
