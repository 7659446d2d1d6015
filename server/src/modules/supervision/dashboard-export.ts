import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { newWorkbook } from '../../platform/excel.ts';
import { dashboard } from './dashboard.ts';
import type { DashboardQuery } from './dashboard-schemas.ts';

const groupHeader = { department: '部门', item: '事项', region: '区划' } as const;

/** 领导驾驶舱 as an xlsx workbook: the table of the page (a row per group and 合计), then the trend. */
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
  ];
  for (const g of [...d.groups, { ...d.totals, name: '合计' }]) {
    sheet.addRow({
      ...g,
      onlineShare: g.onlineShare ?? '',
      onTimeRate: g.onTimeRate ?? '',
      avgWorkingDays: g.avgWorkingDays ?? '',
      avgPromisedDays: g.avgPromisedDays ?? '',
      avgStatutoryDays: g.avgStatutoryDays ?? '',
    });
  }
  sheet.getRow(1).font = { bold: true };
  const trend = wb.addWorksheet(d.trendUnit === 'day' ? '按日趋势' : '按月趋势');
  trend.columns = [
    { header: d.trendUnit === 'day' ? '日期' : '月份', key: 'period', width: 12 },
    { header: '受理量', key: 'received', width: 10 },
    { header: '办结量', key: 'concluded', width: 10 },
    { header: '按时办结', key: 'onTime', width: 10 },
  ];
  for (const p of d.trend) trend.addRow(p);
  trend.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
