import type { z } from 'zod';
import type { FieldError } from '../../platform/errors.ts';
import type { FeeRow, IntermediaryRow, ListName, ListRows, PowerRow } from './lists-repository.ts';
import { Fee, FeeCreate, FeeUpdate, Intermediary, IntermediaryCreate, IntermediaryUpdate, Power, PowerCreate, PowerUpdate, WorkbenchFee } from './schemas.ts';

/**
 * The three lists (收费目录, 权责清单, 中介服务清单) as data: what differs between them is said here
 * once — schemas, the row's own fields, where its department is, how it is presented, its CSV and
 * xlsx columns — and one service (lists.ts), one set of routes and one xlsx sheet reader serve all.
 */

const lifecycle = (r: { retiredAt: Date | null; retireReason: string | null; version: number }) => ({
  retired: r.retiredAt !== null,
  retiredAt: r.retiredAt?.toISOString() ?? null,
  retireReason: r.retireReason,
  version: r.version,
});

export function presentFee(r: FeeRow, today: string) {
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

/** What each list's routes take and answer. */
export interface ListTypes {
  fees: { create: z.infer<typeof FeeCreate>; update: z.infer<typeof FeeUpdate>; entry: ReturnType<typeof presentFee> };
  powers: { create: z.infer<typeof PowerCreate>; update: z.infer<typeof PowerUpdate>; entry: ReturnType<typeof presentPower> };
  intermediaries: { create: z.infer<typeof IntermediaryCreate>; update: z.infer<typeof IntermediaryUpdate>; entry: ReturnType<typeof presentIntermediary> };
}
type Input<L extends ListName> = ListTypes[L]['create'] | ListTypes[L]['update'];
/** A row's columns a create or edit writes, department columns aside. */
export type OwnFields<L extends ListName> = Partial<Omit<ListRows[L], 'id' | 'code' | 'retiredAt' | 'retireReason' | 'version' | 'createdAt' | 'updatedAt'>>;

export interface XlsxColumn {
  header: string;
  /** The body field the cell fills (`department` columns are handled by the sheet reader). */
  field: string;
  /** Cell text → field value; undefined means the cell is bad (`invalid` names why). */
  parse?: (cell: string) => unknown;
  invalid?: string;
  /** Field value → cell text (default: the value itself, '' for null). */
  format?: (value: unknown) => string;
}

export interface ListDefinition<L extends ListName> {
  list: L;
  /** Path segment of the public list (/api/catalog/lists/{publicName}) and of its CSV file. */
  publicName: 'fees' | 'power' | 'intermediary';
  title: string;
  audit: { action: string; objectType: string };
  notFound: string;
  schemas: { create: z.ZodTypeAny; update: z.ZodTypeAny; entry: z.ZodTypeAny; workbenchEntry: z.ZodTypeAny };
  /**
   * The org department an entry belongs to (its scope): `idField` holds the org id, `nameField` the
   * name shown. `nameOnly`: an entry may name a department by text only (then any list manager may
   * change it). `regionPath`: the row keeps the department's region path.
   */
  department: { idField: string; nameField: string; nameOnly: boolean; regionPath: boolean };
  /** The row's own fields from a body (department aside). */
  fields(input: Input<L>): OwnFields<L>;
  /** Rules across fields (400 with the field paths). */
  rules?(input: Input<L>): FieldError[];
  present(row: ListRows[L], today: string): ListTypes[L]['entry'];
  csv: { header: string[]; row(entry: ListTypes[L]['entry']): unknown[] };
  /**
   * The list's sheet in the catalog workbook. `cityWide`: only a city-wide reviewer changes it
   * through the import. `optional`: a workbook without the sheet leaves the list as it is.
   * `department`: `uscc` (a USCC column, resolved in the org directory; the name column is
   * informative) or `name` (the name only; an entry's org id is kept).
   */
  xlsx: {
    sheet: string;
    optional: boolean;
    cityWide: boolean;
    department: { mode: 'uscc' | 'name'; usccHeader?: string; nameHeader: string };
    columns: XlsxColumn[];
  };
}

const dateCell = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);
const feeKindNames = { administrative_fee: '行政事业性收费', government_fund: '政府性基金' } as const;
const feeKindOf = new Map<string, string>(Object.entries(feeKindNames).map(([k, v]) => [v, k]));

const fees: ListDefinition<'fees'> = {
  list: 'fees',
  publicName: 'fees',
  title: '收费目录 (fee catalog)',
  audit: { action: 'catalog.fee', objectType: 'catalog_fee' },
  notFound: 'catalog fee',
  schemas: { create: FeeCreate, update: FeeUpdate, entry: Fee, workbenchEntry: WorkbenchFee },
  department: { idField: 'collectingDepartmentId', nameField: 'collectingDepartmentName', nameOnly: true, regionPath: false },
  fields: (i) => ({ name: i.name, kind: i.kind, basis: i.basis, standard: i.standard, effectiveFrom: i.effectiveFrom, effectiveTo: i.effectiveTo ?? null }),
  rules: (i) => (i.effectiveTo && i.effectiveTo < i.effectiveFrom ? [{ field: 'effectiveTo', code: 'before_effective_from' }] : []),
  present: presentFee,
  csv: {
    header: ['收费编码', '收费名称', '类别', '收费依据', '收费标准', '收费部门', '生效日期', '失效日期', '状态'],
    row: (f) => [
      f.code,
      f.name,
      feeKindNames[f.kind],
      f.basis,
      f.standard,
      f.collectingDepartmentName,
      f.effectiveFrom,
      f.effectiveTo ?? '',
      f.effective ? '有效' : '已失效',
    ],
  },
  xlsx: {
    sheet: '收费目录',
    optional: false,
    cityWide: true,
    department: { mode: 'name', nameHeader: '收费部门' },
    columns: [
      { header: '收费编码', field: 'code' },
      { header: '收费名称', field: 'name' },
      {
        header: '类别',
        field: 'kind',
        parse: (s) => feeKindOf.get(s),
        invalid: 'unknown_fee_kind',
        format: (v) => feeKindNames[v as keyof typeof feeKindNames],
      },
      { header: '收费依据', field: 'basis' },
      { header: '收费标准', field: 'standard' },
      { header: '收费部门', field: 'collectingDepartmentName' },
      { header: '生效日期', field: 'effectiveFrom', parse: dateCell, invalid: 'date_format' },
      { header: '失效日期', field: 'effectiveTo', parse: (s) => (s === '' ? null : dateCell(s)), invalid: 'date_format' },
    ],
  },
};

const powers: ListDefinition<'powers'> = {
  list: 'powers',
  publicName: 'power',
  title: '权责清单 (power and responsibility list)',
  audit: { action: 'catalog.power', objectType: 'catalog_power' },
  notFound: 'catalog power',
  schemas: { create: PowerCreate, update: PowerUpdate, entry: Power, workbenchEntry: Power },
  department: { idField: 'departmentId', nameField: 'departmentName', nameOnly: false, regionPath: true },
  fields: (i) => ({ name: i.name, powerType: i.powerType, basis: i.basis, responsibilities: i.responsibilities, accountability: i.accountability }),
  present: presentPower,
  csv: {
    header: ['编码', '权力名称', '权力类型', '设定依据', '责任事项', '追责情形', '实施部门'],
    row: (p) => [p.code, p.name, p.powerType, p.basis, p.responsibilities, p.accountability, p.departmentName],
  },
  xlsx: {
    sheet: '权责清单',
    optional: true,
    cityWide: false,
    department: { mode: 'uscc', usccHeader: '实施部门统一社会信用代码', nameHeader: '实施部门' },
    columns: [
      { header: '权力编码', field: 'code' },
      { header: '权力名称', field: 'name' },
      { header: '权力类型', field: 'powerType' },
      { header: '设定依据', field: 'basis' },
      { header: '责任事项', field: 'responsibilities' },
      { header: '追责情形', field: 'accountability' },
    ],
  },
};

const intermediaries: ListDefinition<'intermediaries'> = {
  list: 'intermediaries',
  publicName: 'intermediary',
  title: '中介服务清单 (intermediary service list)',
  audit: { action: 'catalog.intermediary', objectType: 'catalog_intermediary' },
  notFound: 'catalog intermediary',
  schemas: { create: IntermediaryCreate, update: IntermediaryUpdate, entry: Intermediary, workbenchEntry: Intermediary },
  department: { idField: 'departmentId', nameField: 'departmentName', nameOnly: true, regionPath: false },
  fields: (i) => ({
    name: i.name,
    basis: i.basis,
    requiredFor: i.requiredFor,
    providerRequirements: i.providerRequirements,
    timeLimit: i.timeLimit || null,
    feeNote: i.feeNote || null,
  }),
  present: presentIntermediary,
  csv: {
    header: ['编码', '中介服务名称', '设定依据', '对应事项', '服务机构要求', '时限', '收费', '部门'],
    row: (m) => [m.code, m.name, m.basis, m.requiredFor, m.providerRequirements, m.timeLimit ?? '', m.feeNote ?? '', m.departmentName],
  },
  xlsx: {
    sheet: '中介服务清单',
    optional: true,
    cityWide: false,
    department: { mode: 'uscc', usccHeader: '主管部门统一社会信用代码', nameHeader: '主管部门' },
    columns: [
      { header: '中介服务编码', field: 'code' },
      { header: '中介服务名称', field: 'name' },
      { header: '设定依据', field: 'basis' },
      { header: '对应事项', field: 'requiredFor' },
      { header: '服务机构要求', field: 'providerRequirements' },
      { header: '办理时限', field: 'timeLimit' },
      { header: '收费', field: 'feeNote' },
    ],
  },
};

export const listDefinitions: { [L in ListName]: ListDefinition<L> } = { fees, powers, intermediaries };
export const listNames = Object.keys(listDefinitions) as ListName[];

export function definitionOf<L extends ListName>(list: L): ListDefinition<L> {
  return listDefinitions[list] as ListDefinition<L>;
}
