import type { ServerFigure, ServerFigureContext } from '../types.ts';
import { implementationCode, plainSubmitBody } from '../submit-body.ts';

/**
 * Materials from shared data (docs/data-centre.md): a submit that fetches two shared materials from a
 * simulated provider answering in 50 ms (户口迁移（市内迁移）: 居民户口簿 and 居民身份证 from 公安局's
 * household register, fetched in parallel before the submit's transaction), beside the plain submit
 * (灵活就业人员参保登记, nothing to fetch), sequential, as citizen1.
 *
 * The latency is the simulated providers' (DATA_SIM_LATENCY_MS, set here for the servers this run
 * starts: only shared-material fetches wait on it). Sequential and few: the sharing API allows 120
 * reads a minute per department (EXCHANGE_RATE), and this figure's 2 × SUBMITS reads stay under it.
 */
process.env.DATA_SIM_LATENCY_MS ??= '50';
const SUBMITS = Number(process.env.SHARED_BENCH_SUBMITS ?? 50);

async function sharedBody(ctx: ServerFigureContext) {
  return {
    implementationCode: await implementationCode(ctx, '户口迁移（市内迁移）'),
    formData: { contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨街道湖滨路 8 号' },
  };
}

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const p = (q: number) => Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! * 10) / 10;
  return { n: s.length, p50: p(0.5), p90: p(0.9), p99: p(0.99) };
}

export const serverFigures: ServerFigure[] = [
  {
    name: 'shared materials: a submit that fetches two shared materials from a simulated provider with 50 ms latency, beside the plain submit (sequential)',
    async measure(ctx) {
      const cookie = await ctx.cookie('citizen1');
      const bodies = { plain: await plainSubmitBody(ctx), shared: await sharedBody(ctx) };
      const times = { plain: [] as number[], shared: [] as number[] };
      let failedFetches = 0;
      // Interleaved, after a few warm-up submits of each.
      for (let i = -5; i < SUBMITS; i++) {
        for (const kind of ['plain', 'shared'] as const) {
          const t0 = performance.now();
          const res = await fetch(`${ctx.baseUrl}/api/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify(bodies[kind]),
          });
          const body = (await res.json()) as { materials?: { provision: string; shared?: { status: string } }[] };
          const ms = performance.now() - t0;
          if (res.status !== 201) throw new Error(`${kind} submit: ${res.status} ${JSON.stringify(body)}`);
          if (kind === 'shared') failedFetches += (body.materials ?? []).filter((m) => m.provision === 'shared' && m.shared?.status !== 'fetched').length;
          if (i >= 0) times[kind].push(ms);
        }
      }
      const plain = stats(times.plain);
      const shared = stats(times.shared);
      return {
        value:
          `with two shared materials p50 ${shared.p50} ms, p90 ${shared.p90} ms, p99 ${shared.p99} ms; ` +
          `plain submit p50 ${plain.p50} ms, p90 ${plain.p90} ms, p99 ${plain.p99} ms (${SUBMITS} each; provider latency ${process.env.DATA_SIM_LATENCY_MS} ms; failed fetches ${failedFetches})`,
        target: 'the two fetches in parallel: p50 within one provider latency + 30 ms of the plain submit',
        ok: failedFetches === 0 && shared.p50 - plain.p50 <= Number(process.env.DATA_SIM_LATENCY_MS) + 30,
        data: { plain, shared, latencyMs: Number(process.env.DATA_SIM_LATENCY_MS), failedFetches },
      };
    },
  },
];

export default [];
