/**
 * `npm run bench`: starts the server itself on PGlite (temp DATA_DIR, demo data) and on PostgreSQL
 * (a throw-away database), measures cold start and memory, then every scenario in bench/scenarios/
 * with autocannon beside its baseline measured in the same run. Writes
 * bench/results/<date>-<engine>.json and bench/results/latest.md, and prints the table. The
 * latest.md it replaces is appended to bench/results/history.md first, so latest.md is always one
 * whole run.
 *
 * Environment: BENCH_DURATION (seconds per scenario, default 5), BENCH_CONNECTIONS (default 10),
 * BENCH_WARMUP (seconds, default 2), BENCH_ENGINES (default "pglite,postgres"),
 * BENCH_PG_URL (maintenance database, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_ONLY (comma-separated scenario file names without .ts, e.g. "cases,hotline"; start-up and
 * memory are measured always), BENCH_GENERATE=0 (skip the bulk-data generators),
 * BENCH_PGLITE_ROWS (default 100000: the generators' --cases/--tickets count on PGlite, whose
 * realistic size is a small office's; PostgreSQL gets the scenario files' own count, 1,000,000),
 * BENCH_RESULTS_DIR (default bench/results: a trial run elsewhere leaves latest.md alone).
 *
 * A scenario file exports `default: Scenario[]` and optionally `figures` (static), `serverFigures`
 * (measured against the running server) and `generate` (bulk data made before the scenarios).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import pg from 'pg';
import { moveLatestToHistory, table, type Engine, type EngineResult, type Measure } from './report.ts';
import { DEMO_PASSWORD } from './lib.ts';
import type { Generator, Scenario, ServerFigure, StaticFigure } from './types.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const SERVER_DIR = path.join(ROOT, 'server');
// What `npm start` runs: the bundled server, rebuilt first when a source file is newer.
const BIN = path.join(SERVER_DIR, 'bin/yiwang.mjs');
const RESULTS = process.env.BENCH_RESULTS_DIR ?? path.join(BENCH_DIR, 'results');
/** What the command line set (the page shows the command as it was typed, defaults left out). */
const COMMAND = [
  ...Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_') || k.endsWith('_BENCH_CASES') || k.endsWith('_BENCH_TICKETS'))
    .map(([k, v]) => `${k}=${v}`),
  'npm run bench',
].join(' ');
// The defaults keep a whole run of both engines under about 20 minutes on the 2-core machine; the
// scenario files read the same variables.
process.env.BENCH_DURATION ??= '5';
process.env.BENCH_WARMUP ??= '2';
const DURATION = Number(process.env.BENCH_DURATION);
const WARMUP = Number(process.env.BENCH_WARMUP);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((s) => s.trim()) as Engine[];
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ONLY = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const GENERATE = process.env.BENCH_GENERATE !== '0';
const PGLITE_ROWS = process.env.BENCH_PGLITE_ROWS ?? '100000';

// ------------------------------------------------------------------ processes
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
// Stopped by hand or by a timeout: no server, baseline app or PGlite directory (GBs) left behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

interface Proc {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}
function spawnNode(args: string[], env: Record<string, string>, cwd = SERVER_DIR, typescript = false): Proc {
  const proc = spawn(process.execPath, typescript ? ['--import', 'tsx', ...args] : args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => (children.delete(proc), resolve(code))));
  return { proc, output: () => out, exited };
}

async function stopProc(p: Proc) {
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGTERM');
  const t = setTimeout(() => p.proc.kill('SIGKILL'), 20_000);
  await p.exited;
  clearTimeout(t);
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Spawns `serve` and returns it with the time from spawn to the first /readyz 200. */
async function startServer(env: Record<string, string>): Promise<{ p: Proc; url: string; ms: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const p = spawnNode([BIN, 'serve'], {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    JOBS: 'on',
    HOST: '127.0.0.1',
    DEMO_PASSWORD,
    // The sign-in figure asks for many SMS codes for the three demo mobiles (scenarios/sign-in.ts).
    SMS_SENDS_PER_PHONE_HOUR: '1000',
    SMS_SENDS_PER_PHONE_DAY: '10000',
    SMS_SENDS_PER_ADDRESS_HOUR: '100000',
    SMS_SENDS_PER_ADDRESS_DAY: '1000000',
    ...env,
    PORT: String(port),
  });
  const url = `http://127.0.0.1:${port}`;
  let done = false;
  void p.exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error(`server exited before ready:\n${p.output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 200) return { p, url, ms: Math.round(performance.now() - t0) };
    } catch {
      /* not yet */
    }
    if (performance.now() - t0 > 600_000) throw new Error(`server not ready after 10 min:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function startBaseline(env: Record<string, string>): Promise<{ p: Proc; url: string }> {
  const p = spawnNode([path.join(BENCH_DIR, 'baseline-app.ts')], env, ROOT, true);
  for (let i = 0; i < 2400; i++) {
    const m = /READY (\d+)/.exec(p.output());
    if (m) return { p, url: `http://127.0.0.1:${m[1]}` };
    if (p.proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`baseline app did not start:\n${p.output()}`);
}

/**
 * The bench's own requests (sign-in, the probe before each scenario): never wait forever (a hung
 * request used to hold the whole run until undici's 300 s header timeout) and try once more when
 * the connection was reset. A reset came from reusing a kept-alive socket the busy server had
 * already given up (PGlite half, load average > 10: "fetch failed (ECONNRESET; server still
 * running)"), which then cost every PGlite scenario of the run. The cause was the server's: it
 * advertised its own idle timer as the keep-alive timeout, so a request sent just before it ran out
 * met the timer firing when a long PGlite query let go of the thread; it now advertises 5 s and
 * keeps idle connections 72 s (server/src/app.ts KEEP_ALIVE_IDLE_MS). The retry stays as a guard.
 */
async function control(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
    } catch (err) {
      const code = ((err as Error).cause as { code?: string } | undefined)?.code;
      if (attempt >= 2 || !(code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')) throw err;
    }
  }
}
const CONTROL_TIMEOUT_MS = 120_000;

/**
 * Waits until the server answers /readyz (one `select 1` through its database) within 50 ms `times`
 * times in a row (at most `maxMs`), and returns how long that took. On PGlite a query runs on the
 * server's one thread, one at a time: while the jobs of a fresh start (every schedule is due at once)
 * go through 100,000 generated cases, no request is answered for seconds, and the requests a
 * scenario's autocannon left in flight are still queued behind each other when it stops. Measured
 * during that, a scenario got 0 requests in its run. So the bench waits once after start, and before
 * every scenario and figure. /readyz rather than /healthz, which answers between two queries while a
 * queue of them is still waiting. On PostgreSQL it returns at once.
 */
async function settle(url: string, maxMs = 600_000, times = 5): Promise<number> {
  const t0 = performance.now();
  let quick = 0;
  while (quick < times && performance.now() - t0 < maxMs) {
    const t = performance.now();
    const res = await control(`${url}/readyz`).catch(() => undefined);
    await res?.arrayBuffer();
    quick = res?.status === 200 && performance.now() - t < 50 ? quick + 1 : 0;
    if (quick < times) await new Promise((r) => setTimeout(r, 100));
  }
  return Math.round(performance.now() - t0);
}
/** Before a scenario or figure: the previous one's queue drained (logged when it took over a second). */
async function drained(url: string, what: string) {
  const ms = await settle(url, 120_000, 3);
  if (ms > 1000) console.log(`  (waited ${ms} ms for the server to drain before ${what})`);
}

async function login(url: string, username: string): Promise<string> {
  const res = await control(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

// ------------------------------------------------------------------ measuring
async function measure(
  name: string,
  baseline: Measure['baseline'],
  url: string,
  opts: { method?: string; body?: unknown; headers?: Record<string, string>; status?: number } = {},
): Promise<Measure> {
  const request = {
    url,
    method: opts.method ?? 'GET',
    connections: CONNECTIONS,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    expectBody: undefined,
  };
  // The first request must succeed, or the figures mean nothing.
  const probe = await control(url, { method: request.method, headers: request.headers, body: request.body });
  if (probe.status !== (opts.status ?? 200))
    throw new Error(`${name}: ${request.method} ${url} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
  if (WARMUP > 0) await autocannon({ ...request, duration: WARMUP });
  const r = await autocannon({ ...request, duration: DURATION });
  const m: Measure = {
    name,
    baseline,
    reqPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    requests: r.requests.total,
  };
  process.stdout.write(
    `  ${name.padEnd(52)} ${String(m.reqPerSec).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms${m.errors || m.non2xx ? `  (${m.errors} errors, ${m.non2xx} non-2xx)` : ''}\n`,
  );
  return m;
}

/** Figures measured without a server (bench/types.ts StaticFigure), collected from scenario files. */
const staticFigures: StaticFigure[] = [];
const serverFigures: ServerFigure[] = [];
const generators: Generator[] = [];

async function loadScenarios(): Promise<Scenario[]> {
  const dir = path.join(BENCH_DIR, 'scenarios');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => ONLY.length === 0 || ONLY.some((o) => f === `${o}.ts` || f.startsWith(`${o}-`)))
    .sort();
  const all: Scenario[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as {
      default: Scenario[];
      figures?: StaticFigure[];
      serverFigures?: ServerFigure[];
      generate?: Generator[];
    };
    all.push(...mod.default);
    staticFigures.push(...(mod.figures ?? []));
    serverFigures.push(...(mod.serverFigures ?? []));
    generators.push(...(mod.generate ?? []));
  }
  return all;
}

/** Runs one CLI command of the server against the engine's database; throws with its output on failure. */
async function runCli(args: string[], env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const p = spawnNode([BIN, ...args], { LOG_LEVEL: 'warn', ...env });
  const code = await p.exited;
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}:\n${p.output().slice(-2000)}`);
  return Math.round(performance.now() - t0);
}

// ------------------------------------------------------------------ engines
async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function pgAdmin(text: string) {
  const c = new pg.Client({ connectionString: PG_BASE });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function benchEngine(engine: Engine, scenarios: Scenario[]): Promise<EngineResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `yiwang-bench-${engine}-`));
  tempDirs.add(dataDir);
  const dbName = `yiwang_bench_${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { DATA_DIR: dataDir };
  if (engine === 'postgres') {
    await pgAdmin(`CREATE DATABASE ${dbName}`);
    const u = new URL(PG_BASE);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const result: EngineResult = {
    engine,
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadavg1: load1(),
      loadavg: loads(),
    },
    settings: { durationS: DURATION, warmupS: WARMUP, connections: CONNECTIONS },
    firstStartMs: 0,
    warmStartsMs: [],
    rssMbAfterStart: 0,
    rssMbAfterLoad: 0,
    baselines: [],
    scenarios: [],
    generated: [],
    figures: [],
  };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let base: Awaited<ReturnType<typeof startBaseline>> | undefined;
  const phases: Record<string, number> = {};
  result.phasesS = phases;
  let phaseStart = performance.now();
  const phase = (name: string) => {
    phases[name] = Math.round((performance.now() - phaseStart) / 1000);
    phaseStart = performance.now();
  };
  try {
    console.log(`\n[${engine}] first start (migrate + seed the demo city)…`);
    server = await startServer(env);
    result.firstStartMs = server.ms;
    result.rssMbAfterFirstStart = rssMb(server.p.proc.pid!);
    console.log(`  first start to ready: ${server.ms} ms; RSS ${result.rssMbAfterFirstStart} MB`);
    await stopProc(server.p);
    for (let i = 0; i < 2; i++) {
      server = await startServer(env);
      result.warmStartsMs.push(server.ms);
      if (i === 0) await stopProc(server.p);
    }
    result.rssMbAfterStart = rssMb(server!.p.proc.pid!);
    console.log(`  start to ready with data: ${result.warmStartsMs.join(' ms, ')} ms; RSS after start ${result.rssMbAfterStart} MB`);
    phase('starts');

    if (GENERATE && generators.length > 0) {
      await stopProc(server!.p);
      for (const g of generators) {
        const args = engine === 'pglite' ? atPgliteScale(g.args) : g.args;
        const name = engine === 'pglite' && args !== g.args ? `${g.name.split(':')[0]}: ${args.join(' ')} (BENCH_PGLITE_ROWS)` : g.name;
        console.log(`  generating ${name}…`);
        const ms = await runCli(args, { ...env, ...g.env });
        result.generated.push({ name, ms });
        for (const [flag, key] of [
          ['--cases', 'cases'],
          ['--tickets', 'tickets'],
        ] as const) {
          const i = args.indexOf(flag);
          if (i >= 0) result.rows = { ...result.rows, [key]: Math.max(result.rows?.[key] ?? 0, Number(args[i + 1])) };
        }
        console.log(`  generated ${name} in ${ms} ms`);
      }
      server = await startServer(env);
      result.startWithGeneratedMs = server.ms;
      result.rssMbAfterGeneratedStart = rssMb(server.p.proc.pid!);
      console.log(`  start to ready with the generated data: ${server.ms} ms; RSS ${result.rssMbAfterGeneratedStart} MB`);
      phase('generate');
    }

    // The jobs a fresh server runs at once (case lights, e-supervision rules, the dashboard recount)
    // hold PGlite's one thread for many seconds with generated data: wait for them first.
    const settled = await settle(server!.url);
    console.log(`  server settled (the start-up jobs done) after ${settled} ms`);
    phase('settle');

    base = await startBaseline(engine === 'postgres' ? { DATABASE_URL: env.DATABASE_URL! } : {});
    const baselines = {
      route: await measure('baseline: bare Fastify route', 'route', `${base.url}/route`),
      query: await measure(`baseline: single-row query (${engine === 'pglite' ? 'PGlite' : 'pg pool'}) via Fastify`, 'query', `${base.url}/query`),
    };
    result.baselines = [baselines.route, baselines.query].map((b) => ({ ...b, baseline: null }));
    await stopProc(base.p);
    base = undefined;

    const cookies = new Map<string, string>();
    const cookie = async (u: string) => {
      const c = cookies.get(u) ?? (await login(server!.url, u));
      cookies.set(u, c);
      return c;
    };
    for (const s of scenarios) {
      // One scenario that fails is reported as failed; the others still run (a dead server stops the engine).
      try {
        await drained(server!.url, s.name);
        const path = s.resolvePath ? await s.resolvePath({ engine, baseUrl: server!.url, cookie }) : s.path;
        const m = await measure(s.name, s.baseline, `${server!.url}${path}`, {
          method: s.method,
          body: s.body,
          status: s.status,
          headers: s.as ? { cookie: await cookie(s.as) } : {},
        });
        m.ratio = Math.round((m.reqPerSec / baselines[s.baseline].reqPerSec) * 100) / 100;
        if (s.goal) m.goal = s.goal;
        result.scenarios.push(m);
      } catch (err) {
        if (server!.p.proc.exitCode !== null || server!.p.proc.signalCode !== null) throw err;
        const cause = ((err as Error).cause as { code?: string; message?: string } | undefined) ?? {};
        const why = `${(err as Error).message.split('\n')[0]}${cause.code || cause.message ? ` (${cause.code ?? cause.message})` : ''}`;
        console.log(`  ${s.name}: failed: ${why}`);
        result.scenarios.push({
          name: `${s.name}: failed: ${why}`,
          baseline: s.baseline,
          goal: s.goal,
          reqPerSec: 0,
          p50: 0,
          p99: 0,
          errors: 1,
          non2xx: 0,
          requests: 0,
        });
        failed = true;
      }
    }
    phase('scenarios');
    for (const f of serverFigures) {
      try {
        await drained(server!.url, f.name);
        const m = await f.measure({ engine, baseUrl: server!.url, cookie, databaseUrl: env.DATABASE_URL });
        result.figures.push({ name: f.name, goal: f.goal, ...m });
        console.log(`  ${f.name.padEnd(52)} ${m.value}${m.target ? ` (target ${m.target} ${m.ok === undefined ? '' : m.ok ? '✅' : '❌'})` : ''}`);
      } catch (err) {
        result.figures.push({ name: f.name, goal: f.goal, value: `failed: ${(err as Error).message.split('\n')[0]}`, ok: false });
        console.log(`  ${f.name}: failed: ${(err as Error).message}`);
      }
    }
    result.rssMbAfterLoad = rssMb(server!.p.proc.pid!);
    phase('figures');
    return result;
  } catch (err) {
    // A request that fails outright usually means the server died: say why.
    if (server && err instanceof Error) {
      // fetch's own message is only "fetch failed": say why, and whether the server is still there.
      const cause = (err.cause as { code?: string; message?: string } | undefined) ?? {};
      const state =
        server.p.proc.exitCode !== null || server.p.proc.signalCode !== null
          ? `server exited (code ${server.p.proc.exitCode}, signal ${server.p.proc.signalCode})`
          : 'server still running';
      (err as Error & { partial?: EngineResult }).partial = result;
      err.message += ` (${cause.code ?? cause.message ?? 'no cause'}; ${state})\n--- server output (last 3,000 characters) ---\n${server.p.output().slice(-3000)}`;
    }
    throw err;
  } finally {
    result.machine.loadavg1End = load1();
    result.machine.loadavgEnd = loads();
    if (base) await stopProc(base.p);
    if (server) await stopProc(server.p);
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  }
}

function load1(): number {
  return Math.round(loadavg()[0]! * 10) / 10;
}
/** The 1-, 5- and 15-minute load averages. */
function loads(): number[] {
  return loadavg().map((x) => Math.round(x * 10) / 10);
}

/** The generators' row counts (`--cases N`, `--tickets N`, `--evaluations N`) capped at BENCH_PGLITE_ROWS. */
function atPgliteScale(args: string[]): string[] {
  const i = args.findIndex((a) => a === '--cases' || a === '--tickets' || a === '--evaluations');
  if (i < 0 || Number(args[i + 1]) <= Number(PGLITE_ROWS)) return args;
  return args.map((a, j) => (j === i + 1 ? PGLITE_ROWS : a));
}

const started = Date.now();
const { ensureBundle } = (await import(pathToFileURL(path.join(SERVER_DIR, 'scripts/build.mjs')).href)) as { ensureBundle(): Promise<string> };
await ensureBundle(); // so that the first start measures starting, not building
const scenarios = await loadScenarios();
console.log(`yiwang bench: ${scenarios.length} scenarios on ${ENGINES.join(', ')}; ${DURATION} s each (+${WARMUP} s warm-up), ${CONNECTIONS} connections`);
mkdirSync(RESULTS, { recursive: true });
const results: EngineResult[] = [];
let failed = false;
for (const engine of ENGINES) {
  if (engine === 'postgres' && !(await pgAvailable())) {
    console.log(`\n[postgres] skipped: PostgreSQL not reachable at ${PG_BASE.replace(/:[^:@/]*@/, ':***@')}`);
    results.push({ engine, skipped: 'PostgreSQL not reachable' } as EngineResult);
    continue;
  }
  try {
    const r = await benchEngine(engine, scenarios);
    results.push(r);
    writeFileSync(path.join(RESULTS, `${r.date.slice(0, 10)}-${engine}.json`), `${JSON.stringify(r, null, 2)}\n`);
  } catch (err) {
    failed = true;
    console.error(`\n[${engine}] failed: ${(err as Error).message}`);
    // What was measured before the failure (start-up, memory, generators) still goes on the page.
    const partial = (err as Error & { partial?: EngineResult }).partial;
    results.push({ ...(partial ?? { engine }), skipped: `failed: ${(err as Error).message.split('\n')[0]}` } as EngineResult);
  }
}
let md = table(results, COMMAND, Math.round((Date.now() - started) / 1000));
if (staticFigures.length > 0) {
  const rows = ['', '| static figure | value | target |', '|---|---|---|'];
  const measured: Record<string, unknown> = {};
  for (const f of staticFigures) {
    try {
      const m = await f.measure();
      measured[f.name] = m;
      rows.push(`| ${f.name} | ${m.value} | ${m.target ?? ''} ${m.ok === undefined ? '' : m.ok ? '✅' : '❌'} |`);
    } catch (err) {
      failed = true;
      rows.push(`| ${f.name} | failed: ${(err as Error).message.split('\n')[0]} | |`);
    }
  }
  md += `${rows.join('\n')}\n`;
  writeFileSync(path.join(RESULTS, `${new Date().toISOString().slice(0, 10)}-static.json`), `${JSON.stringify(measured, null, 2)}\n`);
}
moveLatestToHistory(RESULTS);
writeFileSync(path.join(RESULTS, 'latest.md'), md);
console.log(`\n${md}`);
console.log(`bench finished in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/`);
process.exit(failed ? 1 : 0);
