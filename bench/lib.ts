/** Helpers for scenario files. */

/** The demo accounts' password on the bench's servers. */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'bench-Passw0rd!';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)]! * 10) / 10;
}

/**
 * Latency of one user: `n` requests one after another (after `warmup` unmeasured ones), cycling
 * through `urls`. This is the figure a target like "search p95 < 30 ms" means; autocannon's
 * concurrent p99 measures queueing as well.
 */
export async function sequentialLatency(
  urls: string[],
  opts: { n?: number; warmup?: number; headers?: Record<string, string>; status?: number } = {},
): Promise<Latency> {
  const n = opts.n ?? 200;
  const warmup = opts.warmup ?? 20;
  const times: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const url = urls[i % urls.length]!;
    const t0 = performance.now();
    const res = await fetch(url, { headers: opts.headers });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status !== (opts.status ?? 200)) throw new Error(`GET ${url} answered ${res.status}`);
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { n, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: percentile(times, 100) };
}
