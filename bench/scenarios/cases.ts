import type { Generator, Scenario, ServerFigure, ServerFigureContext } from '../types.ts';
import { sequentialLatency } from '../lib.ts';
import { plainSubmitBody } from '../submit-body.ts';

/**
 * Cases (docs/cases.md): the staff to-do list with 1,000,000 cases in the database (target p99 <
 * 50 ms on PostgreSQL, sequential, as window.clerk and scjg.reviewer), made by `yiwang cases
 * bench-data` (CASES_BENCH_CASES to change the count); submit per second (each one a case number,
 * the case row, its audit event, the workflow start and a notification; no Idempotency-Key, so every
 * request is a new case) and the public progress lookup (req/s and p99).
 */
const CASES = process.env.CASES_BENCH_CASES ?? '1000000';
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;

export const generate: Generator[] = [
  { name: `cases: ${Number(CASES).toLocaleString('en')} cases over 365 days`, args: ['cases', 'bench-data', '--cases', CASES, '--days', '365'] },
];

const scenarios: Scenario[] = [
  {
    name: 'GET /api/workbench/todo (page of 20, window.clerk)',
    baseline: 'query',
    path: '/api/workbench/todo?page=1&pageSize=20',
    as: 'window.clerk',
    goal: 'read',
  },
  {
    name: 'GET /api/workbench/todo (page of 20, scjg.reviewer)',
    baseline: 'query',
    path: '/api/workbench/todo?page=1&pageSize=20',
    as: 'scjg.reviewer',
    goal: 'read',
  },
];
export default scenarios;

/** Requests per second and latency with `concurrency` requests in flight for the run's duration. */
async function throughput(make: (i: number) => Promise<Response>, opts: { concurrency: number; ms: number; status: number }) {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + opts.ms;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await make(i++);
        await res.arrayBuffer();
        if (res.status === opts.status) times.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  const p = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]! * 10) / 10;
  return { requests: times.length, errors, perSecond: Math.round((times.length / opts.ms) * 1000), p50: p(0.5), p99: p(0.99) };
}

export const serverFigures: ServerFigure[] = [
  {
    name: `cases: to-do list, sequential (${Number(CASES).toLocaleString('en')} cases)`,
    async measure({ engine, baseUrl, cookie }) {
      const urls = [1, 2, 3].flatMap((page) => [
        `${baseUrl}/api/workbench/todo?page=${page}&pageSize=20`,
        `${baseUrl}/api/workbench/todo?page=${page}&pageSize=20&light=red`,
      ]);
      const clerk = await sequentialLatency(urls, { n: 300, warmup: 20, headers: { cookie: await cookie('window.clerk') } });
      const reviewer = await sequentialLatency(urls, { n: 300, warmup: 20, headers: { cookie: await cookie('scjg.reviewer') } });
      const { total, totalCapped } = (await (
        await fetch(`${baseUrl}/api/workbench/todo?pageSize=1`, { headers: { cookie: await cookie('window.clerk') } })
      ).json()) as { total: number; totalCapped?: boolean };
      const worst = Math.max(clerk.p99, reviewer.p99);
      return {
        value: `window.clerk p50 ${clerk.p50} / p99 ${clerk.p99} ms (${total.toLocaleString('en')}${totalCapped ? '+' : ''} open cases in the list); scjg.reviewer p50 ${reviewer.p50} / p99 ${reviewer.p99} ms`,
        target: engine === 'postgres' ? 'p99 < 50 ms' : undefined,
        ok: engine === 'postgres' ? worst < 50 : undefined,
        data: { clerk, reviewer, clerkTodoTotal: total },
      };
    },
  },
  {
    name: 'cases: submit (online, form validated, audit + workflow start + notification), 8 in flight',
    async measure(ctx) {
      const body = JSON.stringify(await plainSubmitBody(ctx));
      const headers = { 'content-type': 'application/json', cookie: await ctx.cookie('citizen1') };
      const r = await throughput(() => fetch(`${ctx.baseUrl}/api/cases`, { method: 'POST', headers, body }), { concurrency: 8, ms: DURATION_MS, status: 201 });
      return { value: `${r.perSecond} submits/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} cases, ${r.errors} errors)`, data: r };
    },
  },
  {
    name: 'cases: public progress lookup (case number + name), 8 in flight; sequential p99',
    async measure(ctx) {
      const body = await plainSubmitBody(ctx);
      const headers = { 'content-type': 'application/json', cookie: await ctx.cookie('citizen1') };
      const nos: string[] = [];
      for (let i = 0; i < 20; i++)
        nos.push(
          ((await (await fetch(`${ctx.baseUrl}/api/cases`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as { caseNo: string }).caseNo,
        );
      const url = (i: number) => `${ctx.baseUrl}/api/public/progress?caseNo=${nos[i % nos.length]}&name=${encodeURIComponent('张明')}`;
      const r = await throughput((i) => fetch(url(i)), { concurrency: 8, ms: DURATION_MS, status: 200 });
      const seq = await sequentialLatency(
        nos.map((_, i) => url(i)),
        { n: 300, warmup: 20 },
      );
      return {
        value: `${r.perSecond} req/s (p99 ${r.p99} ms with 8 in flight); sequential p50 ${seq.p50} / p99 ${seq.p99} ms`,
        data: { ...r, sequential: seq },
      };
    },
  },
];
