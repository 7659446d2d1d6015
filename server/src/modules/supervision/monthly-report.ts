import { holdsIn, systemActor, type Actor } from '../../platform/auth/index.ts';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { findFile, readStoredFile, storeFile } from '../../platform/files/index.ts';
import { cjkFont, pdfmake } from '../../platform/pdf.ts';
import { listAllRegions } from '../org/index.ts';
import { nowOf, todayOf } from './clock.ts';
import { dashboard } from './dashboard.ts';
import { renderMonthlyReport } from './monthly-report-pdf.ts';
import { monthlyReportRepo, type MonthlyReportRow } from './monthly-report-repository.ts';
import { supervisionPermissions as P } from './policy.ts';

registerErrors({
  'supervision.pdf_unavailable': {
    status: 503,
    zh: '服务器未安装中文字体，暂不能生成 PDF 报告',
    en: 'No CJK font is installed on the server; the PDF report cannot be generated',
  },
  'supervision.report_not_found': { status: 404, zh: '没有该月的报告', en: 'There is no report for that month' },
});

/** The month before today's ('YYYY-MM'), the one the scheduled job reports on. */
export const lastMonthOf = (ctx: Ctx): string => addCalendarDays(`${todayOf(ctx).slice(0, 7)}-01`, -1).slice(0, 7);

const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addCalendarDays(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`, -1);
};

/** The city-level regions a report is made for (one report each). */
async function cities(ctx: Ctx) {
  return (await listAllRegions(ctx)).filter((r) => r.level === 'city');
}

/** Who may read a city's report: `supervision.dashboard.read` over the whole city (a grant bound to one department does not). */
const mayRead = (actor: Actor, regionPath: string) => holdsIn(actor, P.dashboard, { regionPath, departmentId: null });

const present = (r: MonthlyReportRow) => ({
  month: r.month,
  regionCode: r.regionCode,
  regionName: r.regionName,
  size: r.size,
  generatedAt: r.generatedAt.toISOString(),
  url: `/api/supervision/reports/${r.month}/${r.regionCode}`,
});

/**
 * 领导驾驶舱 月度报告: for each city-level region, the month's figures (those of the dashboard over the
 * whole city, against the month before) rendered as a PDF, stored and recorded, audited. A rerun
 * replaces the month's report. Without a CJK font nothing is stored: 503 `supervision.pdf_unavailable`.
 */
export async function generateMonthlyReports(ctx: Ctx, month = lastMonthOf(ctx)): Promise<ReturnType<typeof present>[]> {
  const font = cjkFont(ctx.config);
  if (!font) throw new AppError('supervision.pdf_unavailable');
  const from = `${month}-01`;
  const to = lastDayOf(month);
  const out: ReturnType<typeof present>[] = [];
  for (const city of await cities(ctx)) {
    const reader: Actor = { ...systemActor, grants: [{ role: 'system', permissions: [P.dashboard], departmentId: null, regionPath: city.path }] };
    const view = await dashboard({ ...ctx, actor: reader }, { from, to, groupBy: 'department' });
    const title = `${city.name}政务服务月度报告（${month.replace('-', '年')}月）`;
    const data = await renderMonthlyReport(await pdfmake(font), { title, regionName: city.name, month, generatedOn: todayOf(ctx), view });
    const row = await transact(ctx, async (t) => {
      const file = await storeFile(t, {
        data,
        ownerKind: 'supervision_report',
        ownerId: `${month}/${city.code}`,
        originalName: `${title}.pdf`,
        allowedTypes: ['application/pdf'],
      });
      const r: MonthlyReportRow = {
        month,
        regionCode: city.code,
        regionPath: city.path,
        regionName: city.name,
        fileId: file.id,
        size: data.length,
        generatedAt: nowOf(ctx),
      };
      await monthlyReportRepo.upsert(t.tx, r);
      t.audit({
        action: 'supervision.report.generate',
        objectType: 'supervision_report',
        objectId: `${month}/${city.code}`,
        scope: { regionPath: city.path },
        summary: { month, region: city.code, size: data.length, received: view.totals.received, concluded: view.totals.concluded },
      });
      return r;
    });
    out.push(present(row));
  }
  return out;
}

/** The reports of the cities the reader may read, newest month first. */
export async function listMonthlyReports(ctx: Ctx) {
  const readable = (await cities(ctx)).filter((c) => mayRead(ctx.actor, c.path)).map((c) => c.code);
  return { items: (await monthlyReportRepo.listOf(ctx.database.db, readable)).map(present) };
}

/** One report's PDF, for a reader over the whole city; the download is audited. */
export async function downloadMonthlyReport(ctx: Ctx, month: string, regionCode: string): Promise<{ filename: string; data: Buffer }> {
  const row = await monthlyReportRepo.find(ctx.database.db, month, regionCode);
  if (!row || !mayRead(ctx.actor, row.regionPath)) throw new AppError('supervision.report_not_found');
  const file = await findFile(ctx.database.db, row.fileId);
  if (!file) throw new AppError('supervision.report_not_found');
  const data = await readStoredFile(ctx, file);
  await transact(ctx, async (t) => {
    t.audit({
      action: 'supervision.report.download',
      objectType: 'supervision_report',
      objectId: `${month}/${regionCode}`,
      scope: { regionPath: row.regionPath },
      summary: { month },
    });
  });
  return { filename: file.originalName ?? `report-${month}.pdf`, data };
}

/**
 * The job `supervision.monthly_report` (daily): last month's reports once the month is over, when
 * one of the cities has none yet. Without a CJK font it logs a warning and stores nothing.
 */
export async function runMonthlyReportJob(ctx: Ctx): Promise<number> {
  if (!cjkFont(ctx.config)) {
    ctx.log.warn('supervision.monthly_report: no CJK font installed (CERTIFICATE_FONT); no report generated');
    return 0;
  }
  const month = lastMonthOf(ctx);
  const codes = (await cities(ctx)).map((c) => c.code);
  const done = new Set((await monthlyReportRepo.listOf(ctx.database.db, codes)).filter((r) => r.month === month).map((r) => r.regionCode));
  if (codes.every((c) => done.has(c))) return 0;
  return (await generateMonthlyReports(ctx, month)).length;
}
