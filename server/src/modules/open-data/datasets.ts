import { newWorkbook, addSheet } from '../../platform/excel.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { isValidIdNumber } from '../../platform/validators.ts';
import { caseDayFacts } from '../cases/index.ts';
import { searchItems } from '../catalog/index.ts';
import { publishedResources } from '../data/index.ts';
import { historyOf, latestRefreshes, recordRefresh, type RefreshOutcome } from './history.ts';
import { publicDatasets } from './public-datasets.ts';

/**
 * Open data (数据开放): datasets the platform publishes about itself, with DCAT-style metadata and
 * downloads as CSV, JSON and xlsx. Personal data is removed by rule, never by hand: a dataset
 * publishes only the fields it declares as non-personal, and every text cell is scrubbed of
 * anything shaped like a citizen ID number or a mobile number before it leaves (`redact`).
 */
export interface DatasetField {
  name: string;
  title: string;
  /** A personal field is never published (the rule removes it from every format). */
  personal?: boolean;
  /** Personal in the rows this says (e.g. the name of a person, not of a company): masked there. */
  personalWhen?: (row: Row) => boolean;
}

export type Row = Record<string, unknown>;

export interface Dataset {
  id: string;
  title: string;
  description: string;
  publisher: string;
  keywords: string[];
  updateFrequency: string;
  fields: DatasetField[];
  load(ctx: Ctx): Promise<Row[]>;
}

const LICENCE = 'CC BY 4.0（署名后可自由使用）';
const MASK = '［已隐去］';
const ID_LIKE = /\d{17}[\dXx]/g;
const MOBILE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** The scrubbing rule for one cell: ID-number-shaped (valid check digit) and mobile-number-shaped text is masked. */
export function scrubCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.replace(ID_LIKE, (m) => (isValidIdNumber(m.toUpperCase()) ? MASK : m)).replace(MOBILE_LIKE, MASK);
}

/** The dataset's public rows: only non-personal declared fields, every cell scrubbed. */
export function redact(fields: DatasetField[], rows: Row[]): Row[] {
  const published = fields.filter((f) => !f.personal);
  return rows.map((r) => Object.fromEntries(published.map((f) => [f.name, f.personalWhen?.(r) ? MASK : scrubCell(r[f.name] ?? null)])));
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const datasets: Dataset[] = [
  {
    id: 'data-resource-catalog',
    title: '政务信息资源目录',
    description: '各部门已发布的政务信息资源：名称、提供部门、共享类型、是否开放、更新周期与信息项（不含数据本身）。',
    publisher: '政务数据管理机构',
    keywords: ['资源目录', '数据共享'],
    updateFrequency: 'daily',
    fields: [
      { name: 'code', title: '资源编码' },
      { name: 'name', title: '资源名称' },
      { name: 'department', title: '提供部门' },
      { name: 'sharingType', title: '共享类型' },
      { name: 'open', title: '是否开放' },
      { name: 'updateFrequency', title: '更新周期' },
      { name: 'fields', title: '信息项' },
      { name: 'version', title: '版本' },
    ],
    load: publishedResources,
  },
  {
    id: 'service-items',
    title: '政务服务事项目录',
    description: '已发布的政务服务事项实施清单：事项名称、实施编码、实施部门、网办深度、承诺时限与到现场次数。',
    publisher: '政务服务管理机构',
    keywords: ['政务服务事项', '实施清单'],
    updateFrequency: 'daily',
    fields: [
      { name: 'implementationCode', title: '实施编码' },
      { name: 'name', title: '事项名称' },
      { name: 'itemType', title: '事项类型' },
      { name: 'departmentName', title: '实施部门' },
      { name: 'regionCode', title: '行政区划代码' },
      { name: 'onlineLevel', title: '网办深度' },
      { name: 'promisedLimitDays', title: '承诺时限（工作日）' },
      { name: 'visitsRequired', title: '到现场次数' },
    ],
    async load(ctx) {
      const rows: Row[] = [];
      for (let page = 1; ; page++) {
        const found = await searchItems(ctx, { page, pageSize: 100 });
        rows.push(...found.items.map((i) => ({ ...i, itemType: i.itemTypeName })));
        if (page * 100 >= found.total) return rows;
      }
    },
  },
  {
    id: 'concluded-case-statistics',
    title: '办件统计（按月、部门、事项）',
    description: '近十二个月每月各部门各事项的受理量、办结量与按时办结量（汇总数据，不含申请人信息）。',
    publisher: '政务服务管理机构',
    keywords: ['办件统计', '按时办结'],
    updateFrequency: 'daily',
    fields: [
      { name: 'month', title: '月份' },
      { name: 'departmentName', title: '部门' },
      { name: 'itemName', title: '事项' },
      { name: 'received', title: '受理量' },
      { name: 'concluded', title: '办结量' },
      { name: 'concludedOnTime', title: '按时办结量' },
    ],
    async load(ctx) {
      const now = ctx.now?.() ?? new Date();
      const from = shanghaiDay(new Date(now.getTime() - 365 * 86400_000));
      const facts = await caseDayFacts(ctx, { from, to: shanghaiDay(now) });
      const byKey = new Map<string, Row & { received: number; concluded: number; concludedOnTime: number }>();
      for (const f of facts) {
        const month = f.day.slice(0, 7);
        const key = `${month}|${f.departmentName}|${f.itemName}`;
        const row = byKey.get(key) ?? { month, departmentName: f.departmentName, itemName: f.itemName, received: 0, concluded: 0, concludedOnTime: 0 };
        row.received += f.received;
        row.concluded += f.concluded;
        row.concludedOnTime += f.concludedOnTime;
        byKey.set(key, row);
      }
      return [...byKey.values()].sort(
        (a, b) => String(a.month).localeCompare(String(b.month)) || String(a.departmentName).localeCompare(String(b.departmentName)),
      );
    },
  },
  ...publicDatasets,
];

function findDataset(id: string): Dataset {
  const d = datasets.find((x) => x.id === id);
  if (!d) throw notFound('dataset', id);
  return d;
}

type Latest = Awaited<ReturnType<typeof latestRefreshes>>;

function metadata(d: Dataset, latest: Latest) {
  const last = latest.get(d.id);
  const base = `/api/public/open-data/datasets/${d.id}`;
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    publisher: d.publisher,
    licence: LICENCE,
    keywords: d.keywords,
    updateFrequency: d.updateFrequency,
    fields: d.fields.filter((f) => !f.personal).map((f) => ({ name: f.name, title: f.title })),
    distributions: (['csv', 'json', 'xlsx'] as const).map((format) => ({ format, url: `${base}/download?format=${format}` })),
    records: `${base}/records`,
    /** DCAT `modified`: the last refresh (null before the first). */
    modified: last?.at.toISOString() ?? null,
    rowCount: last?.rowCount ?? null,
    refreshes: last?.refreshes ?? 0,
    historyUrl: `${base}/history`,
  };
}

export async function listDatasets(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const latest = await latestRefreshes(ctx);
  const found = datasets.filter((d) => !q.q || d.title.includes(q.q) || d.keywords.some((k) => k.includes(q.q!)));
  return pageOf(
    found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((d) => metadata(d, latest)),
    found.length,
    q,
  );
}

/** One dataset's metadata with its update history (DCAT: each refresh with time, row count and change). */
export async function getDataset(ctx: Ctx, id: string) {
  const d = findDataset(id);
  const [latest, history] = await Promise.all([latestRefreshes(ctx), historyOf(ctx, d.id)]);
  return { ...metadata(d, latest), history };
}

export async function datasetHistory(ctx: Ctx, id: string) {
  return historyOf(ctx, findDataset(id).id);
}

/** Refreshes datasets (all by default): reads each from its module, redacts it and records the refresh. */
export async function refreshDatasets(ctx: Ctx, ids?: string[]): Promise<RefreshOutcome[]> {
  const out: RefreshOutcome[] = [];
  for (const d of ids ? ids.map(findDataset) : datasets) out.push(await recordRefresh(ctx, d.id, await publicRows(ctx, d)));
  return out;
}

async function publicRows(ctx: Ctx, d: Dataset): Promise<Row[]> {
  return redact(d.fields, await d.load(ctx));
}

export async function datasetRecords(ctx: Ctx, id: string, q: { page: number; pageSize: number }) {
  const rows = await publicRows(ctx, findDataset(id));
  return pageOf(rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), rows.length, q);
}

export type DownloadFormat = 'csv' | 'json' | 'xlsx';

/** The whole dataset in one format: the body and its content type. */
export async function downloadDataset(ctx: Ctx, id: string, format: DownloadFormat): Promise<{ body: string | Buffer; type: string; filename: string }> {
  const d = findDataset(id);
  const rows = await publicRows(ctx, d);
  const fields = d.fields.filter((f) => !f.personal);
  const filename = `${d.id}.${format}`;
  if (format === 'json') return { body: JSON.stringify({ ...(await getDataset(ctx, d.id)), data: rows }), type: 'application/json; charset=utf-8', filename };
  const table = rows.map((r) => fields.map((f) => r[f.name]));
  if (format === 'csv') return { body: toCsv([fields.map((f) => f.title), ...table]), type: 'text/csv; charset=utf-8', filename };
  const wb = await newWorkbook();
  const ws = addSheet(
    wb,
    d.title.slice(0, 31),
    fields.map((f) => f.title),
  );
  for (const r of table) ws.addRow(r.map((v) => (typeof v === 'boolean' ? (v ? '是' : '否') : (v ?? ''))));
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename };
}
