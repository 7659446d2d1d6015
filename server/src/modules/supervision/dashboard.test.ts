// 领导驾驶舱 (issue 17): the pre-aggregated day rows equal a recount from the cases' raw rows, the
// scheduled refresh picks up a new case, and the view keeps to the reader's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { submitCase } from '../cases/index.ts';
import { demoId } from '../org/index.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { foodApplication, foodImplementation } from './supervision-test-kit.ts';
import { refreshDashboard } from './dashboard-refresh.ts';
import { dashboard } from './dashboard.ts';
import { supervisionPermissions as P } from './policy.ts';
import { cjkFont } from '../../platform/pdf.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { inArray } from 'drizzle-orm';
import { downloadMonthlyReport, generateMonthlyReports, runMonthlyReportJob } from './monthly-report.ts';

let t: TestApp;
let cookie: string;
let period: { from: string; to: string };
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('supervisor');
  const db = t.ctx.database.db;
  const [r] = await rowsOf<{ a: string; b: string; c: string | null }>(
    db.execute(sql`SELECT min(submitted_on) AS a, max(submitted_on) AS b, max(concluded_on) AS c FROM cases`),
  );
  period = { from: r!.a!, to: [r!.b!, r!.c ?? r!.b!].sort().at(-1)! };
  // Other modules' demo seeds may submit cases after supervision's seed has counted the days.
  await refreshDashboard(t.ctx, { from: '2000-01-01', to: period.to });
});
afterAll(() => t.close());

const get = async (url: string, c = cookie) => t.app.inject({ method: 'GET', url, headers: { cookie: c } });

/** The rows of a raw statement (node-postgres and PGlite both answer { rows }). */
const rowsOf = async <T>(result: Promise<unknown>) => ((await result) as { rows: T[] }).rows;

/** A group's key as the raw rows hold it: the department, or the service window ('' for none). */
const keyOf = { department: sql`department_id::text`, window: sql`coalesce(window_id::text, '')` };

/**
 * The figures per department (or per window) counted straight from the cases and evaluations
 * tables, as the dashboard defines them. Raw SQL on purpose: the oracle must not share the cases
 * module's query (caseDayFacts) it checks.
 */
async function recount(from: string, to: string, by: keyof typeof keyOf = 'department') {
  const k = keyOf[by];
  const db = t.ctx.database.db;
  await t.ctx.calendar.refresh();
  const zero = { received: 0, online: 0, zeroVisit: 0, oneVisit: 0, concluded: 0, onTime: 0, workingDays: 0, evaluations: 0, satisfied: 0, bad: 0 };
  const per = new Map<string, typeof zero>();
  const of = (id: string) => {
    if (!per.has(id)) per.set(id, { ...zero });
    return per.get(id)!;
  };
  const received = await rowsOf<{ department_id: string; channel: string; delivery_preference: string | null }>(
    db.execute(sql`SELECT ${k} AS department_id, channel, delivery_preference FROM cases WHERE submitted_on BETWEEN ${from} AND ${to}`),
  );
  for (const c of received) {
    of(c.department_id).received++;
    if (c.channel === 'online') of(c.department_id).online++;
    const visits = (c.channel === 'window' ? 1 : 0) + (c.delivery_preference === 'pickup' ? 1 : 0);
    if (visits === 0) of(c.department_id).zeroVisit++;
    if (visits === 1) of(c.department_id).oneVisit++;
  }
  const rated = await rowsOf<{ department_id: string; level: number }>(
    db.execute(sql`SELECT ${k} AS department_id, level FROM evaluations WHERE rated_on BETWEEN ${from} AND ${to} AND NOT annulled`),
  );
  for (const e of rated) {
    const f = of(e.department_id);
    f.evaluations++;
    if (e.level >= 3) f.satisfied++;
    if (e.level <= 2) f.bad++;
  }
  const decided = await rowsOf<{ department_id: string; submitted_on: string; concluded_on: string; due_date: string; region_path: string }>(
    db.execute(
      sql`SELECT ${k} AS department_id, submitted_on, concluded_on, due_date, region_path FROM cases
          WHERE concluded_on BETWEEN ${from} AND ${to} AND status IN ('concluded', 'refused', 'denied')`,
    ),
  );
  for (const c of decided) {
    const f = of(c.department_id);
    f.concluded++;
    if (c.concluded_on <= c.due_date) f.onTime++;
    f.workingDays += Math.max(0, t.ctx.calendar.workingDaysBetween(c.submitted_on, c.concluded_on, c.region_path).days);
  }
  return per;
}

describe('leaders view', () => {
  it('the aggregates equal a recount from the raw case rows, per department and in total', async () => {
    const res = await get(`/api/workbench/dashboard?from=${period.from}&to=${period.to}&groupBy=department`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    const raw = await recount(period.from, period.to);
    expect(view.totals.received).toBeGreaterThan(0);
    expect(view.totals.concluded).toBeGreaterThan(0);
    const got = new Map(view.groups.map((g: { key: string }) => [g.key, g]));
    expect([...got.keys()].sort()).toEqual([...raw.keys()].sort());
    for (const [id, r] of raw) {
      const g = got.get(id) as Record<string, number>;
      expect([g.received, g.onlineReceived, g.zeroVisit, g.oneVisit, g.concluded, g.concludedOnTime], id).toEqual([
        r.received,
        r.online,
        r.zeroVisit,
        r.oneVisit,
        r.concluded,
        r.onTime,
      ]);
      expect([g.evaluations, g.badReviews, g.satisfaction], id).toEqual([
        r.evaluations,
        r.bad,
        r.evaluations ? Math.round((r.satisfied / r.evaluations) * 1e4) / 1e4 : null,
      ]);
      // Shown to one decimal (1.75 is 1.8: toBeCloseTo's 0.05 would fail on the half).
      if (r.concluded) expect(g.avgWorkingDays).toBe(Math.round((r.workingDays / r.concluded) * 10) / 10);
    }
    const sum = (k: 'received' | 'concluded' | 'onTime' | 'evaluations' | 'zeroVisit') => [...raw.values()].reduce((s, r) => s + r[k], 0);
    expect([view.totals.received, view.totals.concluded, view.totals.concludedOnTime, view.totals.evaluations, view.totals.zeroVisit]).toEqual([
      sum('received'),
      sum('concluded'),
      sum('onTime'),
      sum('evaluations'),
      sum('zeroVisit'),
    ]);
    expect(sum('evaluations')).toBeGreaterThan(0);
    // From 1 January of the year before: the whole months come from the month rows, the rest from the day rows; the same figures.
    const wide = (await get(`/api/workbench/dashboard?from=${Number(period.from.slice(0, 4)) - 1}-01-01&to=${period.to}&groupBy=department`)).json();
    expect(wide.trendUnit).toBe('month');
    expect(wide.totals).toEqual(view.totals);
    expect(new Map(wide.groups.map((g: { key: string }) => [g.key, g]))).toEqual(new Map(view.groups.map((g: { key: string }) => [g.key, g])));
    expect(wide.trend.reduce((s: number, p: { received: number }) => s + p.received, 0)).toBe(view.totals.received);
    // The hotline's 三率 equal a recount from the tickets in the period.
    const [h] = await rowsOf<{ tickets: number; signed: number; solved: number; followed: number }>(
      t.ctx.database.db.execute(
        sql`SELECT count(*)::int AS tickets, count(signed_at)::int AS signed, count(*) FILTER (WHERE solved)::int AS solved,
            count(solved)::int AS followed FROM hotline_tickets WHERE intake_date BETWEEN ${period.from} AND ${period.to}`,
      ),
    );
    expect(view.hotline.tickets).toBe(h!.tickets);
    expect(view.hotline.answeredRate).toBe(h!.tickets ? Math.round((h!.signed / h!.tickets) * 1e4) / 1e4 : null);
    expect(view.hotline.resolvedRate).toBe(h!.followed ? Math.round((h!.solved / h!.followed) * 1e4) / 1e4 : null);
    // The period before, of the same length, ends the day before.
    const prev = (await get(`/api/workbench/dashboard?from=2026-02-01&to=2026-02-28`)).json().previous;
    expect([prev.from, prev.to]).toEqual(['2026-01-04', '2026-01-31']);
    const jan = (await get(`/api/workbench/dashboard?from=2026-01-04&to=2026-01-31`)).json();
    expect(prev.totals).toEqual(jan.totals);
    expect(prev.hotline).toEqual(jan.hotline);
    // The trend adds up to the totals, and so do the other groupings.
    expect(view.trend.reduce((s: number, p: { received: number }) => s + p.received, 0)).toBe(view.totals.received);
    for (const groupBy of ['item', 'region']) {
      const other = (await get(`/api/workbench/dashboard?from=${period.from}&to=${period.to}&groupBy=${groupBy}`)).json();
      expect(
        other.groups.reduce((s: number, g: { received: number }) => s + g.received, 0),
        groupBy,
      ).toBe(view.totals.received);
      expect(other.totals).toEqual(view.totals);
    }
  });

  it('per service window: the figures equal a recount by the window recorded on cases and evaluations; the xlsx names the windows', async () => {
    const url = `?from=${period.from}&to=${period.to}&groupBy=window`;
    const view = (await get(`/api/workbench/dashboard${url}`)).json();
    const raw = await recount(period.from, period.to, 'window');
    const got = new Map(view.groups.map((g: { key: string }) => [g.key, g]));
    expect([...got.keys()].sort()).toEqual([...raw.keys()].sort());
    for (const [id, r] of raw) {
      const g = got.get(id) as Record<string, number>;
      expect([g.received, g.onlineReceived, g.zeroVisit, g.oneVisit, g.concluded, g.concludedOnTime, g.evaluations, g.badReviews], id).toEqual([
        r.received,
        r.online,
        r.zeroVisit,
        r.oneVisit,
        r.concluded,
        r.onTime,
        r.evaluations,
        r.bad,
      ]);
    }
    // The demo has cases filed at named windows and on-site evaluations of them.
    const windows = view.groups.filter((g: { key: string }) => g.key !== '') as { name: string; received: number; evaluations: number }[];
    expect(windows.some((g) => g.received > 0)).toBe(true);
    expect(windows.some((g) => g.evaluations > 0)).toBe(true);
    expect(windows.every((g) => g.name.includes('窗口') || g.name.includes('专窗'))).toBe(true);
    expect(view.groups.find((g: { key: string }) => g.key === '')?.name).toBe('未记录窗口（网上申请等）');
    // The totals are the same however the figures are grouped; a long period reads the month rows, the same figures.
    const byDepartment = (await get(`/api/workbench/dashboard?from=${period.from}&to=${period.to}`)).json();
    expect(view.totals).toEqual(byDepartment.totals);
    const wide = (await get(`/api/workbench/dashboard?from=${Number(period.from.slice(0, 4)) - 1}-01-01&to=${period.to}&groupBy=window`)).json();
    expect(new Map(wide.groups.map((g: { key: string }) => [g.key, g]))).toEqual(got);
    const res = await get(`/api/workbench/dashboard.xlsx${url}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('办件统计')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('窗口');
    const names = Array.from({ length: view.groups.length }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(names).toEqual(view.groups.map((g: { name: string }) => g.name));
  });

  it('a walk-in case records the window it was filed at; a window not serving the department, or one named online, is 400', async () => {
    const code = await foodImplementation(t);
    const clerk = await t.as('scjg.clerk');
    const walkIn = { kind: 'person' as const, name: '窗口测试', idNumber: completeIdNumber('99010319800101101'), phone: '13600009999' };
    const app = async () => ({ ...(await foodApplication(t, code, await t.login('scjg.clerk'))), applicant: walkIn });
    await expect(submitCase(clerk, { ...(await app()), windowId: demoId('window', 'city:C01') } as never)).rejects.toMatchObject({
      code: 'request.invalid',
      fields: [{ field: 'windowId', code: 'not_serving_department' }],
    });
    const filed = await submitCase(clerk, { ...(await app()), windowId: demoId('window', 'city:A03') } as never);
    expect(filed.window).toEqual({ id: demoId('window', 'city:A03'), label: '示范市市民之家（市政务服务中心） A03 企业开办专窗' });
    const citizen = await t.as('citizen1');
    await expect(
      submitCase(citizen, { ...(await foodApplication(t, code, await t.login('citizen1'))), windowId: demoId('window', 'city:A01') } as never),
    ).rejects.toMatchObject({ fields: [{ field: 'windowId', code: 'window_filing_only' }] });
  });

  it('the scheduled refresh counts a case submitted today (clock injected), per day', async () => {
    const now = () => new Date('2026-09-15T10:00:00+08:00');
    const day = '2026-09-15';
    const before = (await get(`/api/workbench/dashboard?from=${day}&to=${day}`)).json();
    const citizen = { ...(await t.as('citizen1')), now };
    const code = await foodImplementation(t);
    await submitCase(citizen, (await foodApplication(t, code, await t.login('citizen1'))) as never);
    await refreshDashboard({ ...t.ctx, now });
    const after = (await get(`/api/workbench/dashboard?from=${day}&to=${day}`)).json();
    expect(after.totals.received).toBe(before.totals.received + 1);
    expect(after.totals.onlineReceived).toBe(before.totals.onlineReceived + 1);
    expect(after.trendUnit).toBe('day');
    // Every day of the period has its point, quiet ones 0; a year has its 12 months.
    const week = (await get('/api/workbench/dashboard?from=2026-09-10&to=2026-09-16')).json();
    expect(week.trend.map((p: { period: string }) => p.period)).toEqual([
      '2026-09-10',
      '2026-09-11',
      '2026-09-12',
      '2026-09-13',
      '2026-09-14',
      '2026-09-15',
      '2026-09-16',
    ]);
    expect((await get('/api/workbench/dashboard?from=2026-01-01&to=2026-12-31')).json().trend).toHaveLength(12);
    expect(after.trend.find((p: { period: string }) => p.period === day).received).toBe(after.totals.received);
    const raw = await recount(day, day);
    expect([...raw.values()].reduce((s, r) => s + r.received, 0)).toBe(after.totals.received);
    // A year is shown per month.
    expect((await get('/api/workbench/dashboard?from=2026-01-01&to=2026-12-31')).json().trendUnit).toBe('month');
  });

  it('keeps to the scope: a grant bound to one department sees that department only', async () => {
    const view = (await get(`/api/workbench/dashboard?from=${period.from}&to=${period.to}`)).json();
    const dept = view.groups[0].key;
    const sup = await t.as('supervisor');
    const bound = {
      ...sup,
      actor: { ...sup.actor, grants: sup.actor.grants.map((g) => ({ ...g, departmentId: dept })) },
    };
    const mine = await dashboard(bound, { ...period, groupBy: 'department' });
    expect(mine.groups.map((g) => g.key)).toEqual([dept]);
    expect(mine.totals).toEqual(view.groups[0] && (({ key: _k, name: _n, hotline: _h, ...f }) => f)(view.groups[0]));
    const none = await dashboard({ ...sup, actor: { ...sup.actor, grants: [] } }, { ...period, groupBy: 'department' });
    expect(none.totals.received).toBe(0);
    expect(sup.actor.grants.some((g) => g.permissions.includes(P.dashboard))).toBe(true);
  });

  it('only holders of supervision.dashboard.read, and a valid period (problem+json)', async () => {
    const clerk = await t.login('zjj.approver');
    expect((await get('/api/workbench/dashboard?from=2026-01-01&to=2026-01-31', clerk)).statusCode).toBe(403);
    const bad = await get('/api/workbench/dashboard?from=2026-02-01&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('exports the table and the trend as xlsx, the same figures', async () => {
    const url = `?from=${period.from}&to=${period.to}&groupBy=department`;
    const view = (await get(`/api/workbench/dashboard${url}`)).json();
    const res = await get(`/api/workbench/dashboard.xlsx${url}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('办件统计')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('部门');
    expect(sheet.rowCount).toBe(view.groups.length + 3);
    const last = sheet.getRow(sheet.rowCount - 1);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(5).value]).toEqual(['合计', view.totals.received, view.totals.concluded]);
    expect(sheet.getRow(1).getCell(17).value).toBe('满意率');
    expect(last.getCell(15).value).toBe(view.totals.evaluations);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['办件统计', view.trendUnit === 'day' ? '按日趋势' : '按月趋势', '热线三率']);
    expect(wb.getWorksheet('热线三率')!.getRow(2).getCell(2).value).toBe(view.hotline.tickets);
  });
});

describe('monthly report', () => {
  it("the job stores last month's PDF per city, readable by the city-wide supervisor only, audited (503 without a CJK font)", async () => {
    const month = period.to.slice(0, 7);
    const now = () => new Date(`${month}-15T10:00:00+08:00`);
    if (!cjkFont(t.config)) {
      await expect(generateMonthlyReports({ ...t.ctx, now }, month)).rejects.toMatchObject({ code: 'supervision.pdf_unavailable' });
      expect(await runMonthlyReportJob({ ...t.ctx, now })).toBe(0);
      expect((await get('/api/supervision/reports')).json().items).toEqual([]);
      return;
    }
    const [report] = await generateMonthlyReports({ ...t.ctx, now }, month);
    expect(report).toMatchObject({ month, regionName: '示范市' });
    // The daily job reports the month before today, once.
    const later = (days: number) => () => new Date(Date.parse(`${month}-15T10:00:00+08:00`) + days * 86_400_000);
    expect(await runMonthlyReportJob({ ...t.ctx, now: later(31) })).toBe(0);
    await runMonthlyReportJob({ ...t.ctx, now: later(62) });
    expect(await runMonthlyReportJob({ ...t.ctx, now: later(62) })).toBe(0);
    const list = (await get('/api/supervision/reports')).json().items;
    expect(list.map((r: { month: string }) => r.month)).toContain(month);
    const pdf = await get(report!.url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A supervisor bound to one department does not read the city's report; staff without the permission get 403.
    const sup = await t.as('supervisor');
    const bound = { ...sup, actor: { ...sup.actor, grants: sup.actor.grants.map((g) => ({ ...g, departmentId: '00000000-0000-4000-8000-000000000000' })) } };
    await expect(downloadMonthlyReport(bound, month, report!.regionCode)).rejects.toMatchObject({ code: 'supervision.report_not_found' });
    expect((await get(report!.url, await t.login('zjj.approver'))).statusCode).toBe(403);
    const actions = await t.ctx.database.db
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['supervision.report.generate', 'supervision.report.download']));
    expect(actions.map((a) => a.action).sort()).toEqual(['supervision.report.download', 'supervision.report.generate']);
  });
});
