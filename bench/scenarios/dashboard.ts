import type { Generator, Scenario, ServerFigure } from '../types.ts';
import { sequentialLatency } from '../lib.ts';

/**
 * 领导驾驶舱 (docs/supervision.md): GET /api/workbench/dashboard with 1,000,000 cases and 1,000,000
 * evaluations in the database (target p99 < 200 ms on PostgreSQL, sequential, as supervisor), the
 * hotline's tickets too when hotline.ts runs. The cases come from `yiwang cases bench-data` (cases.ts
 * makes them; this file adds that generator itself only when cases.ts is left out by BENCH_ONLY),
 * the evaluations from `yiwang evaluation bench-data`, then `yiwang supervision dashboard-refresh`
 * recounts every day's pre-aggregated rows (reported as the generator's time).
 * DASHBOARD_BENCH_CASES / DASHBOARD_BENCH_EVALUATIONS change the counts (e.g. 20000 for a smoke run).
 */
const CASES = process.env.DASHBOARD_BENCH_CASES ?? process.env.CASES_BENCH_CASES ?? '1000000';
const EVALUATIONS = process.env.DASHBOARD_BENCH_EVALUATIONS ?? '1000000';
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const casesRunToo = only.length === 0 || only.includes('cases');

export const generate: Generator[] = [
  ...(casesRunToo
    ? []
    : [{ name: `cases: ${Number(CASES).toLocaleString('en')} cases over 365 days`, args: ['cases', 'bench-data', '--cases', CASES, '--days', '365'] }]),
  {
    name: `evaluation: ${Number(EVALUATIONS).toLocaleString('en')} evaluations over 365 days`,
    args: ['evaluation', 'bench-data', '--evaluations', EVALUATIONS, '--days', '365'],
  },
  {
    name: "supervision: the leaders' dashboard rows recounted from every case and evaluation",
    args: ['supervision', 'dashboard-refresh', '--from', '2000-01-01'],
  },
];

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, n: number) => shanghaiDate(new Date(Date.parse(`${date}T00:00:00+08:00`) - n * 86400_000));
const to = shanghaiDate(new Date());

/** What the page asks for: its default 30 days by department, item and region, and a year by department (per month). */
const paths = [
  `/api/workbench/dashboard?from=${daysBefore(to, 29)}&to=${to}&groupBy=department`,
  `/api/workbench/dashboard?from=${daysBefore(to, 29)}&to=${to}&groupBy=item`,
  `/api/workbench/dashboard?from=${daysBefore(to, 29)}&to=${to}&groupBy=region`,
  `/api/workbench/dashboard?from=${daysBefore(to, 364)}&to=${to}&groupBy=department`,
];

const scenarios: Scenario[] = [
  { name: 'GET /api/workbench/dashboard (30 days by department, supervisor)', baseline: 'query', path: paths[0]!, as: 'supervisor' },
  { name: 'GET /api/workbench/dashboard (a year by department, supervisor)', baseline: 'query', path: paths[3]!, as: 'supervisor' },
];
export default scenarios;

export const serverFigures: ServerFigure[] = [
  {
    name: `supervision: leaders' dashboard, sequential (${Number(CASES).toLocaleString('en')} cases, ${Number(EVALUATIONS).toLocaleString('en')} evaluations)`,
    async measure({ engine, baseUrl, cookie }) {
      const headers = { cookie: await cookie('supervisor') };
      const l = await sequentialLatency(
        paths.map((p) => baseUrl + p),
        { n: 200, warmup: 8, headers },
      );
      const year = (await (await fetch(baseUrl + paths[3], { headers })).json()) as { totals: { received: number; evaluations: number } };
      return {
        value: `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms over ${l.n} calls (the year: ${year.totals.received.toLocaleString('en')} cases received, ${year.totals.evaluations.toLocaleString('en')} evaluations)`,
        target: engine === 'postgres' ? 'p99 < 200 ms' : undefined,
        ok: engine === 'postgres' ? l.p99 < 200 : undefined,
        data: { ...l, ...year.totals },
      };
    },
  },
];
