import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { newWorkbook } from '../../platform/excel.ts';
import { dashboard } from './dashboard.ts';
import type { DashboardQuery, DashboardView } from './dashboard-schemas.ts';

type Figures = Record<string, unknown> & Partial<z.infer<typeof DashboardView>['totals']>;

const groupHeader = { department: '部门', item: '事项', region: '区划', window: '窗口' } as const;

/** 领导驾驶舱 as an xlsx workbook: the table of the page (a row per group, 合计 and the period before's 合计), the trend, and the hotline's 三率. */
export async function dashboardWorkbook(ctx: Ctx, q: z.infer<typeof DashboardQuery>): Promise<Buffer> {
  const d = await dashboard(ctx, q);
  const wb = await newWorkbook();
  wb.creator = 'yiwang';
  const sheet = wb.addWorksheet('办件统计');
  const rate = { numFmt: '0.0%' };
  sheet.columns = [
    { header: groupHeader[q.groupBy], key: 'name', width: 30 },
    { header: '受理量', key: 'received', width: 10 },
    { header: '网办量', key: 'onlineReceived', width: 10 },
    { header: '网办占比', key: 'onlineShare', width: 10, style: rate },
    { header: '办结量', key: 'concluded', width: 10 },
    { header: '按时办结', key: 'concludedOnTime', width: 10 },
    { header: '按时办结率', key: 'onTimeRate', width: 12, style: rate },
    { header: '平均用时(工作日)', key: 'avgWorkingDays', width: 16 },
    { header: '平均承诺时限', key: 'avgPromisedDays', width: 14 },
    { header: '平均法定时限', key: 'avgStatutoryDays', width: 14 },
    { header: '零跑动', key: 'zeroVisit', width: 10 },
    { header: '零跑动占比', key: 'zeroVisitShare', width: 12, style: rate },
    { header: '跑一次', key: 'oneVisit', width: 10 },
    { header: '跑一次占比', key: 'oneVisitShare', width: 12, style: rate },
    { header: '评价数', key: 'evaluations', width: 10 },
    { header: '差评数', key: 'badReviews', width: 10 },
    { header: '满意率', key: 'satisfaction', width: 10, style: rate },
    { header: '平均评分', key: 'avgLevel', width: 10 },
  ];
  const blank = (f: Figures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v ?? '']));
  for (const g of [...d.groups, { ...d.totals, name: '合计' }]) sheet.addRow({ ...blank(g), name: g.name });
  const previous = { ...d.previous.totals, name: `上期合计（${d.previous.from} 至 ${d.previous.to}）` };
  sheet.addRow({ ...blank(previous), name: previous.name });
  sheet.getRow(1).font = { bold: true };
  const trend = wb.addWorksheet(d.trendUnit === 'day' ? '按日趋势' : '按月趋势');
  trend.columns = [
    { header: d.trendUnit === 'day' ? '日期' : '月份', key: 'period', width: 12 },
    { header: '受理量', key: 'received', width: 10 },
    { header: '办结量', key: 'concluded', width: 10 },
    { header: '按时办结', key: 'onTime', width: 10 },
    { header: '评价数', key: 'evaluations', width: 10 },
    { header: '满意评价', key: 'satisfied', width: 10 },
  ];
  for (const p of d.trend) trend.addRow(p);
  trend.getRow(1).font = { bold: true };
  const hotline = wb.addWorksheet('热线三率');
  hotline.columns = [
    { header: '期间', key: 'period', width: 28 },
    { header: '工单量', key: 'tickets', width: 10 },
    { header: '响应率(签收)', key: 'answeredRate', width: 14, style: rate },
    { header: '按时办结率', key: 'onTimeRate', width: 12, style: rate },
    { header: '解决率', key: 'resolvedRate', width: 10, style: rate },
    { header: '满意度(1–5)', key: 'satisfaction', width: 12 },
  ];
  hotline.addRow({ ...blank(d.hotline), period: `本期 ${d.from} 至 ${d.to}` });
  hotline.addRow({ ...blank(d.previous.hotline), period: `上期 ${d.previous.from} 至 ${d.previous.to}` });
  hotline.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
