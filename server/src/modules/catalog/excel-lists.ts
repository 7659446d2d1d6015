import type ExcelJS from 'exceljs';
import { newId } from '../../platform/db/index.ts';
import type { Ctx, TxCtx } from '../../platform/context.ts';
import { addSheet, readSheet, type SheetProblem } from '../../platform/excel.ts';
import { can, type Scope } from '../../platform/auth/index.ts';
import { holdsCityWide } from '../../platform/auth/city-wide.ts';
import { findDepartmentByUscc, findDepartments, type DepartmentView } from '../org/index.ts';
import { allEntries, insertEntry, updateEntry, type ListName, type ListRows } from './lists-repository.ts';
import { listDefinitions, type ListDefinition } from './list-definitions.ts';
import { changedFields, scopeOfEntry } from './lists.ts';
import { catalogPermissions as P } from './policy.ts';

/**
 * The three lists' sheets in the catalog workbook (收费目录, 权责清单, 中介服务清单), one reader and
 * one writer for all, driven by each list's definition (its columns, how its department is named).
 */

type AnyRow = ListRows[ListName] & Record<string, unknown>;
const anyDef = (list: ListName) => listDefinitions[list] as unknown as ListDefinition<ListName>;

function headersOf(def: ListDefinition<ListName>): string[] {
  const d = def.xlsx.department;
  return [...def.xlsx.columns.map((c) => c.header), ...(d.mode === 'uscc' ? [d.usccHeader!, d.nameHeader] : [])];
}

/** Adds a list's sheet: every entry (retired ones too), in code order. */
export async function addListSheet(ctx: Ctx, wb: ExcelJS.Workbook, list: ListName): Promise<void> {
  const def = anyDef(list);
  const rows = (await allEntries(ctx.database.db, list)) as AnyRow[];
  const ws = addSheet(wb, def.xlsx.sheet, headersOf(def));
  const { idField, nameField } = def.department;
  const ids = [...new Set(rows.map((r) => r[idField] as string | null).filter((id): id is string => !!id))];
  const uscc = new Map(def.xlsx.department.mode === 'uscc' && ids.length ? (await findDepartments(ctx, ids)).map((d) => [d.id, d.uscc]) : []);
  for (const r of rows) {
    const cells = def.xlsx.columns.map((c) => (c.format ? c.format(r[c.field]) : String(r[c.field] ?? '')));
    if (def.xlsx.department.mode === 'uscc') cells.push(uscc.get(r[idField] as string) ?? '', String(r[nameField] ?? ''));
    ws.addRow(cells);
  }
}

/** A row of a list's sheet, checked and ready to write. */
export interface PlannedEntry {
  code: string;
  fields: Record<string, unknown>;
  existing?: AnyRow;
  changed: boolean;
}

/**
 * Reads and checks a list's sheet (problems are collected, nothing is written): every cell as the
 * list's create route would take it, departments by USCC or name, and the scope of each changed
 * row (a city-wide list needs a city-wide reviewer; the others, the list permission in the entry's
 * department before and after). Undefined when an optional sheet is absent.
 */
export async function readListSheet(t: TxCtx, wb: ExcelJS.Workbook, list: ListName, problems: SheetProblem[]): Promise<PlannedEntry[] | undefined> {
  const def = anyDef(list);
  const { sheet } = def.xlsx;
  const rows = readSheet(wb, sheet, headersOf(def), problems, { optional: def.xlsx.optional });
  if (!rows) return undefined;
  const bad = (row: number, column: string, reason: string) => problems.push({ sheet, row, column, reason });
  const dept = def.xlsx.department;
  const { idField, nameField } = def.department;
  const headerOf = new Map<string, string>([
    ...def.xlsx.columns.map((c) => [c.field, c.header] as const),
    [idField, dept.usccHeader ?? dept.nameHeader],
    [nameField, dept.nameHeader],
  ]);
  const codeHeader = headerOf.get('code')!;
  const existing = new Map(((await allEntries(t.tx, list)) as AnyRow[]).map((r) => [r.code, r]));
  const byUscc = new Map<string, DepartmentView | undefined>();
  const seen = new Set<string>();
  const planned: PlannedEntry[] = [];
  for (const r of rows) {
    const before = problems.length;
    const input: Record<string, unknown> = {};
    for (const c of def.xlsx.columns) {
      const cell = r.get(c.header);
      const value = c.parse ? c.parse(cell) : cell;
      if (value === undefined) bad(r.row, c.header, c.invalid ?? 'invalid_value');
      else input[c.field] = value;
    }
    const code = r.get(codeHeader);
    if (code && seen.has(code)) bad(r.row, codeHeader, 'duplicate');
    seen.add(code);
    // The department: by USCC (resolved in the org directory) or, where the list allows, by name.
    const deptFields: Record<string, unknown> = {};
    let scope: Scope | undefined;
    const uscc = dept.mode === 'uscc' ? r.get(dept.usccHeader!).toUpperCase() : '';
    if (uscc) {
      if (!byUscc.has(uscc)) byUscc.set(uscc, await findDepartmentByUscc(t, uscc));
      const d = byUscc.get(uscc);
      if (!d) bad(r.row, dept.usccHeader!, 'unknown_department');
      else {
        Object.assign(deptFields, { [idField]: d.id, [nameField]: d.name }, def.department.regionPath ? { regionPath: d.regionPath } : {});
        scope = { regionPath: d.regionPath, departmentId: d.id };
      }
    } else if (dept.mode === 'uscc' && !def.department.nameOnly) bad(r.row, dept.usccHeader!, 'required');
    else if (!r.get(dept.nameHeader)) bad(r.row, dept.nameHeader, 'required');
    else Object.assign(deptFields, dept.mode === 'uscc' ? { [idField]: null } : {}, { [nameField]: r.get(dept.nameHeader) });
    if (problems.length > before) continue;

    const parsed = def.schemas.create.safeParse({ ...input, ...deptFields, [idField]: deptFields[idField] ?? null });
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const column = headerOf.get(String(i.path[0])) ?? codeHeader;
        bad(r.row, column, r.get(column) === '' ? 'required' : i.code);
      }
      continue;
    }
    for (const e of def.rules?.(parsed.data as never) ?? []) bad(r.row, headerOf.get(e.field) ?? codeHeader, e.code);
    if (problems.length > before) continue;

    const fields = { ...def.fields(parsed.data as never), ...deptFields };
    const old = existing.get(code);
    const changed = !old || Object.keys(changedFields(old, fields).after).length > 0;
    if (changed && old?.retiredAt) bad(r.row, codeHeader, 'retired');
    if (changed) {
      const allowed = def.xlsx.cityWide
        ? holdsCityWide(t.actor, P.review)
        : can(t.actor, P.lists, scope ?? {}) && (!old || can(t.actor, P.lists, (await scopeOfEntry(t, list, old)) ?? {}));
      if (!allowed) bad(r.row, codeHeader, 'out_of_scope');
    }
    planned.push({ code, fields, existing: old, changed });
  }
  return planned;
}

/** Writes a checked sheet: new entries, changed entries (version + 1); reports the counts. */
export async function writeListSheet(t: TxCtx, list: ListName, planned: PlannedEntry[] | undefined) {
  const report = { created: 0, updated: 0, unchanged: 0 };
  const { idField } = anyDef(list).department;
  for (const p of planned ?? []) {
    if (!p.existing) {
      await insertEntry(t.tx, list, { id: newId(), code: p.code, [idField]: null, ...p.fields } as never);
      report.created++;
    } else if (p.changed) {
      await updateEntry(t.tx, list, p.existing.id, p.fields as never, p.existing.version + 1);
      report.updated++;
    } else report.unchanged++;
  }
  return report;
}
