import http from 'node:http';
import type { Scenario, ServerFigure, ServerFigureContext } from '../types.ts';
import { plainSubmitBody } from '../submit-body.ts';

/**
 * Write throughput (issue 12, "every request cheap"): case submits and Open311 intakes per second
 * with 8 and 16 requests in flight. Each one is a business transaction with its audit event, so
 * this is what the audit chain's design costs (docs/decisions/0006-audit-chain-sealed-after-commit.md):
 * before decision 0006 every auditing transaction waited on one lock. Target: ≥ 500/s each on
 * PostgreSQL with 8–16 in flight.
 */
process.env.OPEN311_API_KEY ??= 'o311_bench_demo_key_0123456789abcdef';
const KEY = process.env.OPEN311_API_KEY;
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
const WARMUP_MS = Number(process.env.BENCH_WARMUP ?? 2) * 1000;

/**
 * POSTs over kept-alive node:http sockets. fetch (undici) cost the load generator 3–4 ms of CPU per
 * request here, taken from the same two cores as the server and PostgreSQL; this costs about half.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; arrayBuffer(): Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, arrayBuffer: async () => Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const scenarios: Scenario[] = [];
export default scenarios;

/** Requests per second and latency with `concurrency` requests in flight for the run's duration. */
export async function throughput(
  make: (i: number) => Promise<{ status: number; arrayBuffer(): Promise<unknown> }>,
  opts: { concurrency: number; ms: number; status: number },
) {
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
  const p = (q: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]! * 10) / 10 : 0);
  return { requests: times.length, errors, perSecond: Math.round((times.length / opts.ms) * 1000), p50: p(0.5), p99: p(0.99) };
}

const intakeBody = JSON.stringify({
  api_key: KEY,
  service_code: 'cg.zdjy',
  lat: 30.6,
  long: 114.3,
  address_string: '示范市明湖区湖滨路 8 号',
  description: '小区门口摊贩占道经营（压测）',
  phone: '13800138000',
});

const submitFigure = (concurrency: number): ServerFigure => ({
  name: `writes: case submit, ${concurrency} in flight`,
  goal: 'writes',
  async measure(ctx) {
    const body = JSON.stringify(await plainSubmitBody(ctx));
    const headers = { 'content-type': 'application/json', cookie: await ctx.cookie('citizen1') };
    const submit = () => post(`${ctx.baseUrl}/api/cases`, headers, body);
    await throughput(submit, { concurrency, ms: WARMUP_MS, status: 201 });
    const r = await throughput(submit, { concurrency, ms: DURATION_MS, status: 201 });
    return {
      value: `${r.perSecond} submits/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} cases, ${r.errors} errors)`,
      target: ctx.engine === 'postgres' ? '≥ 500/s' : undefined,
      ok: ctx.engine === 'postgres' ? r.perSecond >= 500 : undefined,
      data: r,
    };
  },
});

const intakeFigure = (concurrency: number): ServerFigure => ({
  name: `writes: Open311 intake, ${concurrency} in flight`,
  goal: 'writes',
  async measure(ctx) {
    const headers = { 'content-type': 'application/json' };
    const intake = () => post(`${ctx.baseUrl}/open311/v2/requests.json`, headers, intakeBody);
    await throughput(intake, { concurrency, ms: WARMUP_MS, status: 201 });
    const r = await throughput(intake, { concurrency, ms: DURATION_MS, status: 201 });
    return {
      value: `${r.perSecond} intakes/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} tickets, ${r.errors} errors)`,
      target: ctx.engine === 'postgres' ? '≥ 500/s' : undefined,
      ok: ctx.engine === 'postgres' ? r.perSecond >= 500 : undefined,
      data: r,
    };
  },
});

export const serverFigures: ServerFigure[] = [submitFigure(8), submitFigure(16), intakeFigure(8), intakeFigure(16)];
