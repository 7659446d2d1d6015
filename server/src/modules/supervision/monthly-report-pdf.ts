import type { z } from 'zod';
import type { pdfmake } from '../../platform/pdf.ts';
import type { DashboardView } from './dashboard-schemas.ts';

type View = z.infer<typeof DashboardView>;
type Figures = View['totals'];
type Pm = Awaited<ReturnType<typeof pdfmake>>;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));
/** Change against the month before: points for shares, a signed count for counts. */
const delta = (now: number | null, before: number | null, share: boolean) => {
  if (now === null || before === null) return '—';
  const d = share ? (now - before) * 100 : now - before;
  const s = share ? `${d.toFixed(1)} 个百分点` : String(Math.round(d * 10) / 10);
  return d > 0 ? `+${s}` : s;
};

/** The rows of the summary table: figure, this month, last month, change. */
function summaryRows(now: Figures, before: Figures, h: View['hotline'], hb: View['hotline']): string[][] {
  const rows: [string, number | null, number | null, boolean][] = [
    ['受理量', now.received, before.received, false],
    ['网办占比', now.onlineShare, before.onlineShare, true],
    ['零跑动占比', now.zeroVisitShare, before.zeroVisitShare, true],
    ['跑一次占比', now.oneVisitShare, before.oneVisitShare, true],
    ['办结量', now.concluded, before.concluded, false],
    ['按时办结率', now.onTimeRate, before.onTimeRate, true],
    ['平均用时（工作日）', now.avgWorkingDays, before.avgWorkingDays, false],
    ['评价数', now.evaluations, before.evaluations, false],
    ['满意率', now.satisfaction, before.satisfaction, true],
    ['差评数', now.badReviews, before.badReviews, false],
    ['热线工单量', h.tickets, hb.tickets, false],
    ['热线响应率', h.answeredRate, hb.answeredRate, true],
    ['热线按时办结率', h.onTimeRate, hb.onTimeRate, true],
    ['热线解决率', h.resolvedRate, hb.resolvedRate, true],
    ['热线满意度（1–5）', h.satisfaction, hb.satisfaction, false],
  ];
  return rows.map(([label, a, b, share]) => [label, share ? pct(a) : num(a), share ? pct(b) : num(b), delta(a, b, share)]);
}

/** 领导驾驶舱 月度报告 as a PDF (A4): the month's figures against the month before, then per department. */
export function renderMonthlyReport(pm: Pm, r: { title: string; regionName: string; month: string; generatedOn: string; view: View }): Promise<Buffer> {
  const v = r.view;
  const header = (cells: string[]) => cells.map((text) => ({ text, bold: true, fillColor: '#eeeeee' }));
  const departments = v.groups.map((g) => [
    g.name,
    String(g.received),
    pct(g.onlineShare),
    pct(g.zeroVisitShare),
    String(g.concluded),
    pct(g.onTimeRate),
    pct(g.satisfaction),
  ]);
  return pm
    .createPdf({
      pageSize: 'A4',
      pageMargins: [40, 50, 40, 50],
      defaultStyle: { font: 'cjk', fontSize: 10 },
      info: { title: r.title },
      content: [
        { text: r.title, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
        { text: `${r.regionName} · ${v.from} 至 ${v.to} · 生成于 ${r.generatedOn}`, alignment: 'center', color: '#555555', margin: [0, 0, 0, 16] },
        { text: '一、总体情况（与上月比较）', fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
        {
          table: {
            headerRows: 1,
            widths: ['*', 80, 80, 90],
            body: [header(['指标', '本月', '上月', '变化']), ...summaryRows(v.totals, v.previous.totals, v.hotline, v.previous.hotline)],
          },
          margin: [0, 0, 0, 16],
        },
        { text: '二、各部门情况', fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
        departments.length
          ? {
              table: {
                headerRows: 1,
                widths: ['*', 40, 48, 48, 40, 52, 48],
                body: [header(['部门', '受理', '网办', '零跑动', '办结', '按时率', '满意率']), ...departments],
              },
            }
          : { text: '本月无办件。' },
        {
          text: '口径：受理按提交日、办结按决定日计；零跑动指网上申请且不到窗口取件；满意率为基本满意及以上评价占比；热线三率按受理日期计。',
          fontSize: 8,
          color: '#555555',
          margin: [0, 16, 0, 0],
        },
      ],
    })
    .getBuffer();
}
