import type { Generator, Scenario, ServerFigure } from '../types.ts';
import { sequentialLatency } from '../lib.ts';

/**
 * 12345 hotline (docs/hotline.md): ticket intake through Open311 `POST requests` (tickets per second,
 * with the API key the demo seed issues: OPEN311_API_KEY, set here for the bench servers), and the
 * statistics page's calls with 1,000,000 tickets (target p99 < 200 ms on PostgreSQL), made by
 * `yiwang hotline bench-data` (HOTLINE_BENCH_TICKETS to change the count).
 */
process.env.OPEN311_API_KEY ??= 'o311_bench_demo_key_0123456789abcdef';
const KEY = process.env.OPEN311_API_KEY;
const TICKETS = process.env.HOTLINE_BENCH_TICKETS ?? '1000000';

export const generate: Generator[] = [
  { name: `hotline: ${Number(TICKETS).toLocaleString('en')} tickets over 365 days`, args: ['hotline', 'bench-data', '--tickets', TICKETS, '--days', '365'] },
];

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, n: number) => shanghaiDate(new Date(Date.parse(`${date}T00:00:00+08:00`) - n * 86400_000));

/** The calls the statistics page makes for its default period (the last 30 days): see web/src/features/hotline/StatsPage.tsx. */
function statsPageUrls(baseUrl: string): string[] {
  const to = shanghaiDate(new Date());
  const from = daysBefore(to, 29);
  const u = (f: string, t: string, groupBy: string) => `${baseUrl}/api/workbench/hotline/stats?from=${f}&to=${t}&groupBy=${groupBy}`;
  const weeks: string[] = [];
  for (let end = to, i = 0; i < 5 && end >= from; i++) {
    const start = daysBefore(end, 6) < from ? from : daysBefore(end, 6);
    weeks.push(u(start, end, 'region'));
    end = daysBefore(start, 1);
  }
  return [u(from, to, 'unit'), u(from, to, 'day'), u(from, to, 'category'), ...weeks];
}

const to = shanghaiDate(new Date());
const from = daysBefore(to, 29);

const scenarios: Scenario[] = [
  {
    name: 'POST /open311/v2/requests.json (intake)',
    baseline: 'query',
    method: 'POST',
    path: '/open311/v2/requests.json',
    body: {
      api_key: KEY,
      service_code: 'cg.zdjy',
      lat: 30.6,
      long: 114.3,
      address_string: '示范市明湖区湖滨路 8 号',
      description: '小区门口摊贩占道经营（压测）',
      phone: '13800138000',
    },
    status: 201,
  },
  {
    name: 'GET /api/workbench/hotline/stats (30 days by unit)',
    baseline: 'query',
    path: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=unit`,
    as: 'supervisor',
  },
];
export default scenarios;

export const serverFigures: ServerFigure[] = [
  {
    name: `hotline: statistics page calls, sequential (${TICKETS} tickets)`,
    async measure({ engine, baseUrl, cookie }) {
      const urls = statsPageUrls(baseUrl);
      const l = await sequentialLatency(urls, { n: 400, warmup: 24, headers: { cookie: await cookie('supervisor') } });
      const total = (await (
        await fetch(`${baseUrl}/api/workbench/hotline/stats?from=2000-01-01&to=${to}&groupBy=region`, { headers: { cookie: await cookie('supervisor') } })
      ).json()) as { totals: { tickets: number } };
      return {
        value: `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms over ${l.n} calls (${urls.length} distinct; ${total.totals.tickets.toLocaleString('en')} tickets in the database)`,
        target: engine === 'postgres' ? 'p99 < 200 ms' : undefined,
        ok: engine === 'postgres' ? l.p99 < 200 : undefined,
        data: { ...l, tickets: total.totals.tickets },
      };
    },
  },
];
