import type { Ctx } from '../../platform/context.ts';
import { publicDisclosures } from '../credit/index.ts';
import { hotlineDashboardCounts } from '../hotline/index.ts';
import { publicTasks } from '../inspection/index.ts';
import { findDepartments } from '../org/index.ts';
import type { Dataset, Row } from './datasets.ts';

/**
 * Datasets built from the hotline, random inspections and credit, each through its module's index.ts.
 * Personal data is removed by the shared rule (`redact`): fields declared personal never leave, a
 * field `personalWhen` a row is about a person is masked in that row, and every text cell is
 * scrubbed of ID- and mobile-shaped text.
 */
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The first and last day of each of the last twelve months (Asia/Shanghai), oldest first; the current month ends today. */
function lastTwelveMonths(now: Date): { month: string; from: string; to: string }[] {
  const today = shanghaiDay(now);
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: { month: string; from: string; to: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.unshift({ month, from: `${month}-01`, to: i === 0 ? today : `${month}-${String(last).padStart(2, '0')}` });
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const found = await fetch(page);
    out.push(...found.items);
    if (page * 100 >= found.total || !found.items.length) return out;
  }
}

const kindZh = { licence: '行政许可', penalty: '行政处罚' } as const;

export const publicDatasets: Dataset[] = [
  {
    id: 'hotline-statistics',
    title: '12345热线工单统计（按月、承办部门）',
    description: '近十二个月每月各承办部门的工单量、办结量、按时办结量、回访量、解决量与平均满意度（汇总数据，不含来电人信息与诉求内容）。',
    publisher: '12345政务服务便民热线管理机构',
    keywords: ['12345', '热线', '工单统计'],
    updateFrequency: 'daily',
    fields: [
      { name: 'month', title: '月份' },
      { name: 'departmentName', title: '承办部门' },
      { name: 'tickets', title: '工单量' },
      { name: 'concluded', title: '办结量' },
      { name: 'concludedOnTime', title: '按时办结量' },
      { name: 'followed', title: '回访量' },
      { name: 'solved', title: '解决量' },
      { name: 'satisfaction', title: '平均满意度（1-5）' },
    ],
    async load(ctx: Ctx) {
      const months = lastTwelveMonths(ctx.now?.() ?? new Date());
      const scope = { all: true, scopes: [] };
      // Twelve statements, one per month (the rollup answers each from its daily rows).
      const counts = await Promise.all(months.map((m) => hotlineDashboardCounts(ctx, { from: m.from, to: m.to, scope, byDepartment: true })));
      const names = new Map(
        (await findDepartments(ctx, [...new Set(counts.flatMap((c) => c.departments.map((d) => d.departmentId)))])).map((d) => [d.id, d.name]),
      );
      return months.flatMap((m, i) =>
        counts[i]!.departments.filter((d) => d.tickets > 0)
          .map((d) => ({
            month: m.month,
            departmentName: names.get(d.departmentId) ?? '',
            tickets: d.tickets,
            concluded: d.concluded,
            concludedOnTime: d.concludedOnTime,
            followed: d.followed,
            solved: d.solved,
            satisfaction: d.satisfactionN ? Math.round((d.satisfactionSum / d.satisfactionN) * 100) / 100 : null,
          }))
          .sort((a, b) => a.departmentName.localeCompare(b.departmentName)),
      );
    },
  },
  {
    id: 'inspection-results',
    title: '双随机抽查结果',
    description: '已公示的随机抽查任务及其检查结果：任务、抽查事项、实施部门、检查对象（市场主体名称与统一社会信用代码）、检查日期与结果。',
    publisher: '市场监督管理部门（双随机、一公开）',
    keywords: ['双随机一公开', '抽查结果'],
    updateFrequency: 'daily',
    fields: [
      { name: 'task', title: '抽查任务' },
      { name: 'year', title: '年度' },
      { name: 'departments', title: '实施部门' },
      { name: 'items', title: '抽查事项' },
      { name: 'entityName', title: '检查对象' },
      { name: 'uscc', title: '统一社会信用代码' },
      { name: 'inspectedOn', title: '检查日期' },
      { name: 'outcome', title: '检查结果' },
      { name: 'followUp', title: '后续处置' },
      { name: 'disclosedAt', title: '公示时间' },
    ],
    async load(ctx: Ctx) {
      const tasks = await allPages((page) => publicTasks(ctx, { page, pageSize: 100 }));
      return tasks.flatMap((t) =>
        t.results.map((r) => ({
          task: t.title,
          year: t.year,
          departments: t.departments.join('、'),
          items: t.items.map((i) => i.name).join('、'),
          entityName: r.entityName,
          uscc: r.uscc,
          inspectedOn: r.inspectedOn,
          outcome: r.outcome,
          followUp: r.followUp,
          disclosedAt: r.disclosedAt,
        })),
      );
    },
  },
  {
    id: 'credit-disclosures',
    title: '双公示（行政许可和行政处罚）',
    description: '已公示的行政许可和行政处罚决定：类别、决定名称、依据、决定日期、有效期、决定部门；对法人公开名称与统一社会信用代码，对自然人不公开姓名。',
    publisher: '社会信用体系建设牵头部门',
    keywords: ['双公示', '信用', '行政许可', '行政处罚'],
    updateFrequency: 'daily',
    fields: [
      { name: 'kind', title: '类别' },
      { name: 'subjectName', title: '行政相对人', personalWhen: (row) => !row.uscc },
      { name: 'uscc', title: '统一社会信用代码' },
      { name: 'title', title: '决定名称' },
      { name: 'legalBasis', title: '依据' },
      { name: 'decidedOn', title: '决定日期' },
      { name: 'validUntil', title: '有效期至' },
      { name: 'departmentName', title: '决定部门' },
      { name: 'publishedOn', title: '公示日期' },
    ],
    async load(ctx: Ctx) {
      const rows = await allPages((page) => publicDisclosures(ctx, { page, pageSize: 100 }));
      return rows.map((r) => ({ ...r, kind: kindZh[r.kind] }) as Row);
    },
  },
];
