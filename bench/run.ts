/**
 * `npm run bench`: starts the server itself on PGlite (temp DATA_DIR, demo data) and on PostgreSQL
 * (a throw-away database), measures cold start and memory, then every scenario in bench/scenarios/
 * with autocannon beside its baseline measured in the same run. Writes
 * bench/results/<date>-<engine>.json and bench/results/latest.md, and prints the table. The
 * latest.md it replaces is appended to bench/results/history.md first, so latest.md is always one
 * whole run. The page opens with the command, the load average (1/5/15 min) at the start and end
 * of each engine's half, how long each part took, and a goals table (issue 12's targets, ✅/❌ per
 * engine: report.ts). With the defaults (`npm run bench` and nothing else) it measures every goal
 * at the size the issue states it: 1,000,000 cases and tickets on PostgreSQL, 100,000 on PGlite;
 * about 20 minutes on the 2-core machine when it is quiet (docs/operations.md, "The benchmark").
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
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import pg from 'pg';
import { moveLatestToHistory, table, type Engine, type EngineResult, type Measure } from './report.ts';
import {
  BENCH_DIR,
  BIN,
  control,
  drained,
  login,
  ROOT,
  rssMb,
  settle,
  SERVER_DIR,
  spawnNode,
  startBaseline,
  startServer,
  stopProc,
  tempDirs,
} from './processes.ts';
import type { Generator, Scenario, ServerFigure, StaticFigure } from './types.ts';

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

/** Each read's statements alone, served by the baseline app started with FLOORS_FILE; the ratio is to the engine's query baseline. */
async function measureFloors(
  engine: Engine,
  baseUrl: string,
  reads: Scenario[],
  floorsFile: { statements: number[] },
  queryBaseline: Measure,
): Promise<Map<Scenario, Measure>> {
  const floors = new Map<Scenario, Measure>();
  for (const [i, s] of reads.entries()) {
    try {
      const n = floorsFile.statements[i]!;
      const driver = engine === 'pglite' ? 'bare PGlite' : 'bare pg';
      const m = await measure(`floor: ${s.name}: its ${n} statement${n === 1 ? '' : 's'} alone (${driver})`, 'query', `${baseUrl}/floor/${i}`);
      m.ratio = Math.round((m.reqPerSec / queryBaseline.reqPerSec) * 100) / 100;
      floors.set(s, m);
    } catch (err) {
      console.log(`  floor of ${s.name}: failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return floors;
}

/** Runs floors.ts against the engine's database; writes what it captured to a file for the baseline app. */
async function captureFloors(
  env: Record<string, string>,
  reads: Scenario[],
  pathOf: (s: Scenario) => Promise<string>,
  dir: string,
): Promise<{ file: string; statements: number[] } | undefined> {
  try {
    const requests = [];
    for (const s of reads) requests.push({ path: await pathOf(s), as: s.as! });
    const p = spawnNode([path.join(BENCH_DIR, 'floors.ts')], { ...env, FLOOR_REQUESTS: JSON.stringify(requests) }, ROOT, true);
    const code = await p.exited;
    const line = p
      .output()
      .split('\n')
      .find((l) => l.startsWith('FLOORS '));
    if (code !== 0 || !line) throw new Error(`floors.ts exited ${code}: ${p.output().slice(-1000)}`);
    const floors = JSON.parse(line.slice('FLOORS '.length)) as unknown[][];
    const file = path.join(dir, 'floors.json');
    writeFileSync(file, JSON.stringify(floors));
    return { file, statements: floors.map((f) => f.length) };
  } catch (err) {
    console.log(`  statement floors not measured: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
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

    const cookies = new Map<string, string>();
    const cookie = async (u: string) => {
      const c = cookies.get(u) ?? (await login(server!.url, u));
      cookies.set(u, c);
      return c;
    };
    const paths = new Map<Scenario, string>();
    const pathOf = async (s: Scenario) => {
      if (!paths.has(s)) paths.set(s, s.resolvePath ? await s.resolvePath({ engine, baseUrl: server!.url, cookie }) : s.path);
      return paths.get(s)!;
    };
    // Each signed-in read's own statements, replayed alone by the baseline app (floors.ts): on
    // PostgreSQL now, beside the server; on PGlite after the figures, once the server has stopped.
    const reads = scenarios.filter((s) => s.goal === 'read' && s.as);
    const floorsFile = engine === 'postgres' && reads.length ? await captureFloors(env, reads, pathOf, dataDir) : undefined;

    base = await startBaseline(engine === 'postgres' ? { DATABASE_URL: env.DATABASE_URL!, ...(floorsFile ? { FLOORS_FILE: floorsFile.file } : {}) } : {});
    const baselines = {
      route: await measure('baseline: bare Fastify route', 'route', `${base.url}/route`),
      query: await measure(`baseline: single-row query (${engine === 'pglite' ? 'PGlite' : 'pg pool'}) via Fastify`, 'query', `${base.url}/query`),
    };
    result.baselines = [baselines.route, baselines.query].map((b) => ({ ...b, baseline: null }));
    const floors = floorsFile ? await measureFloors(engine, base.url, reads, floorsFile, baselines.query) : new Map<Scenario, Measure>();
    result.baselines.push(...floors.values());
    await stopProc(base.p);
    base = undefined;

    for (const s of scenarios) {
      // One scenario that fails is reported as failed; the others still run (a dead server stops the engine).
      try {
        await drained(server!.url, s.name, server!.p.proc.pid);
        const path = await pathOf(s);
        const m = await measure(s.name, s.baseline, `${server!.url}${path}`, {
          method: s.method,
          body: s.body,
          status: s.status,
          headers: s.as ? { cookie: await cookie(s.as) } : {},
        });
        m.ratio = Math.round((m.reqPerSec / baselines[s.baseline].reqPerSec) * 100) / 100;
        if (s.goal) m.goal = s.goal;
        if (floors.has(s)) m.floorRatio = floors.get(s)!.ratio;
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
        await drained(server!.url, f.name, server!.p.proc.pid);
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
    // PGlite's floors need the data directory, which one process holds: measured once the server has
    // stopped, on the data the scenarios read, against the same query baseline as the scenarios.
    if (engine === 'pglite' && reads.length) {
      await stopProc(server!.p);
      server = undefined;
      const file = await captureFloors(env, reads, pathOf, dataDir);
      if (file) {
        base = await startBaseline({ DATA_DIR: dataDir, FLOORS_FILE: file.file });
        for (const [s, m] of await measureFloors(engine, base.url, reads, file, baselines.query)) {
          result.baselines.push(m);
          const measured = result.scenarios.find((x) => x.name === s.name);
          if (measured) measured.floorRatio = m.ratio;
        }
        await stopProc(base.p);
        base = undefined;
      }
      phase('floors');
    }
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
console.log(`bench finished in ${Math.round((Date.now() - started) / 1000)} s; results in ${RESULTS}`);
process.exit(failed ? 1 : 0);
