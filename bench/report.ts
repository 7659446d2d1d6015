import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What one engine's run measured, and the markdown report of a whole run (bench/results/latest.md). */

export const TARGET_START_MS = 3000;
export const TARGET_RSS_MB = 250;
/** Issue 12's signed-in reads: at least this share of the bare one-row query's req/s, on both engines… */
export const TARGET_READ_RATIO = 0.5;
/** …and on PostgreSQL, with 1,000,000 cases and tickets, p99 under this (autocannon's, 10 connections). */
export const TARGET_READ_P99_MS = 50;
/** The database size the read goal's p99 and the cold-start goal are stated at. */
export const GOAL_ROWS = { postgres: 1_000_000, pglite: 100_000 } as const;

export type Engine = 'pglite' | 'postgres';

export interface Measure {
  name: string;
  baseline: 'route' | 'query' | null;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
  ratio?: number;
  /** One of issue 12's signed-in reads (Scenario.goal): listed in the goals table. */
  goal?: 'read';
  /** The ratio of the read's own statements replayed alone through the bare driver (floors.ts). */
  floorRatio?: number;
}

export interface EngineResult {
  engine: Engine;
  date: string;
  /** loadavg: the 1-, 5- and 15-minute load averages when the engine's half began; loadavgEnd when it ended (also when it failed). */
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    loadavg1: number;
    loadavg1End?: number;
    loadavg?: number[];
    loadavgEnd?: number[];
  };
  settings: { durationS: number; warmupS: number; connections: number };
  firstStartMs: number;
  warmStartsMs: number[];
  /** Start → ready once the generators' bulk data is in (cold start with a realistic database). */
  startWithGeneratedMs?: number;
  rssMbAfterFirstStart?: number;
  /** RSS once ready with the generated data (startWithGeneratedMs). */
  rssMbAfterGeneratedStart?: number;
  /** Rows the generators made (their --cases / --tickets), for the goals stated at a database size. */
  rows?: { cases?: number; tickets?: number };
  rssMbAfterStart: number;
  rssMbAfterLoad: number;
  baselines: Measure[];
  scenarios: Measure[];
  generated: { name: string; ms: number }[];
  figures: { name: string; value: string; target?: string; ok?: boolean; goal?: string; data?: Record<string, unknown> }[];
  /** Seconds each part of the engine's half took (starts, generate, settle, scenarios, figures). */
  phasesS?: Record<string, number>;
  skipped?: string;
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');
const loads = (xs: number[] | undefined, one: number | undefined) => (xs ? xs.join(' / ') : (one ?? '?'));
const FAILED = ': failed: ';

/**
 * The goals table at the top of latest.md: every goal of issue 12 the bench measures, each engine's
 * figure with ✅/❌ beside its target (no mark where the goal is not stated for that engine).
 */
function goals(results: EngineResult[]): string[] {
  const engines: Engine[] = ['pglite', 'postgres'];
  const of = (e: Engine) => results.find((r) => r.engine === e);
  const cell = (e: Engine, f: (r: EngineResult) => string) => {
    const r = of(e);
    if (!r) return 'not run';
    if (r.skipped && r.firstStartMs === 0) return `skipped ❌`;
    return f(r);
  };
  const rowsAt = (r: EngineResult) => Math.min(r.rows?.cases ?? 0, r.rows?.tickets ?? r.rows?.cases ?? 0);
  const lines = ['| goal (issue 12) | target | pglite | postgres |', '|---|---|---|---|'];
  // Signed-in reads, in the order of the first engine that ran them.
  const names: string[] = [];
  for (const r of results)
    for (const m of r.scenarios ?? []) {
      const n = m.name.split(FAILED)[0]!;
      if (m.goal === 'read' && !names.includes(n)) names.push(n);
    }
  // In the order the issue names them: who am I, a staff page, the to-do list, a case, a ticket list.
  const order = [/auth\/me/, /admin\/staff/, /todo/, /\/cases\//, /hotline\/tickets/];
  const rank = (n: string) => {
    const i = order.findIndex((re) => re.test(n));
    return i < 0 ? order.length : i;
  };
  names.sort((a, b) => rank(a) - rank(b));
  for (const n of names) {
    const read = (e: Engine) =>
      cell(e, (r) => {
        const m = r.scenarios.find((x) => x.name === n || x.name.startsWith(`${n}${FAILED}`));
        if (!m) return r.skipped ? `not measured (${r.engine} failed) ❌` : 'not measured';
        if (m.name !== n) return `failed ❌`;
        const floor = m.floorRatio === undefined ? '' : ` (its statements alone: ${m.floorRatio}×)`;
        const ratio = `${m.ratio}× ${mark((m.ratio ?? 0) >= TARGET_READ_RATIO)}${floor}`;
        if (e !== 'postgres') return `${ratio} (p99 ${m.p99} ms)`;
        const at = rowsAt(r) < GOAL_ROWS.postgres ? ` (at ${rowsAt(r).toLocaleString('en')} cases/tickets, not 1,000,000)` : '';
        // No request answered within the run: autocannon reports a p99 of 0, which is no answer.
        if (m.requests === 0) return `${ratio}, no answer within the run ❌${at}`;
        return `${ratio}, p99 ${m.p99} ms ${mark(m.p99 < TARGET_READ_P99_MS)}${at}`;
      });
    lines.push(
      `| ${n} | ≥ ${TARGET_READ_RATIO}× the bare query; PostgreSQL p99 < ${TARGET_READ_P99_MS} ms at 1,000,000 cases/tickets | ${read('pglite')} | ${read('postgres')} |`,
    );
  }
  // Writes and other figures a scenario file marks as a goal.
  const figureNames: string[] = [];
  for (const r of results) for (const f of r.figures ?? []) if (f.goal && !figureNames.includes(f.name)) figureNames.push(f.name);
  for (const n of figureNames) {
    const target = results.flatMap((r) => r.figures ?? []).find((f) => f.name === n && f.target)?.target ?? '';
    const fig = (e: Engine) =>
      cell(e, (r) => {
        const f = r.figures.find((x) => x.name === n);
        if (!f) return r.skipped ? `not measured (${r.engine} failed) ❌` : 'not measured';
        const short = f.value.startsWith('failed') ? f.value : f.value.split(',')[0]!;
        return `${short}${f.ok === undefined ? '' : ` ${mark(f.ok)}`}`;
      });
    lines.push(`| ${n} | ${target} on PostgreSQL | ${fig('pglite')} | ${fig('postgres')} |`);
  }
  const measured = (r: EngineResult) => r.firstStartMs > 0;
  lines.push(
    `| resident memory after start (the demo data; with the generated data in brackets) | < ${TARGET_RSS_MB} MB on PGlite | ${engines
      .map((e) =>
        cell(e, (r) => {
          if (!measured(r)) return 'not measured ❌';
          const gen = r.rssMbAfterGeneratedStart === undefined ? '' : ` (${r.rssMbAfterGeneratedStart} MB)`;
          return `${r.rssMbAfterStart} MB${gen}${e === 'pglite' ? ` ${mark(r.rssMbAfterStart < TARGET_RSS_MB)}` : ''}`;
        }),
      )
      .join(' | ')} |`,
  );
  lines.push(
    `| cold start → ready with ${GOAL_ROWS.pglite.toLocaleString('en')} cases | < ${TARGET_START_MS / 1000} s on PGlite | ${engines
      .map((e) =>
        cell(e, (r) => {
          if (r.startWithGeneratedMs === undefined) return 'not measured (no generated data)';
          const cases = r.rows?.cases ?? 0;
          const at = `${r.startWithGeneratedMs} ms with ${cases.toLocaleString('en')} cases`;
          if (e !== 'pglite') return at;
          return cases >= GOAL_ROWS.pglite ? `${at} ${mark(r.startWithGeneratedMs < TARGET_START_MS)}` : `${at} (fewer than the goal's: no mark)`;
        }),
      )
      .join(' | ')} |`,
  );
  return lines;
}

export function table(results: EngineResult[], command: string, elapsedS?: number): string {
  const lines: string[] = [];
  const measured = (r: EngineResult) => r.firstStartMs > 0; // also a failed engine's start-up figures
  const first = results.find(measured);
  lines.push(`# yiwang benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  lines.push(
    `Made by one command, \`${command}\`, which wrote this whole page (one run, both engines; each ratio uses the baseline measured in this run on the same engine) and moved the page it replaced to bench/results/history.md.`,
  );
  lines.push('');
  if (first) {
    lines.push(
      `Machine: ${first.machine.cpus} × ${first.machine.cpuModel}, ${first.machine.memoryGb} GB, Node ${first.machine.node}. Load average (1 / 5 / 15 min) at the start → end of each engine's half: ${results
        .filter(measured)
        .map(
          (r) =>
            `${r.engine} ${loads(r.machine.loadavg, r.machine.loadavg1)} → ${loads(r.machine.loadavgEnd, r.machine.loadavg1End)}${r.skipped ? ' (failed)' : ''}`,
        )
        .join('; ')}.`,
    );
    const took = (r: EngineResult) =>
      r.phasesS
        ? `${r.engine} ${Object.entries(r.phasesS)
            .map(([k, v]) => `${k} ${v} s`)
            .join(', ')}`
        : r.engine;
    lines.push(`The run took ${elapsedS === undefined ? '?' : `${Math.round(elapsedS / 60)} min`} (${results.filter(measured).map(took).join('; ')}).`);
    lines.push(
      `autocannon: ${first.settings.connections} connections, ${first.settings.durationS} s per scenario after ${first.settings.warmupS} s warm-up. Ratio = req/s of the scenario ÷ req/s of its baseline (same engine, same run).`,
    );
    lines.push('');
  }
  lines.push('## Goals');
  lines.push('');
  lines.push(...goals(results));
  lines.push('');
  lines.push(
    "The read p99 is autocannon's (10 connections, so it includes queueing). The statement goals (at most 2 statements to know who asks, a budget per route) are enforced by server/test/http/statement-budget.test.ts, not measured here.",
  );
  lines.push('');
  lines.push('## Scenarios');
  lines.push('');
  lines.push('| engine | scenario | req/s | p50 ms | p99 ms | vs baseline | errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    if (r.skipped) {
      lines.push(`| ${r.engine} | skipped: ${r.skipped} | | | | | |`);
    }
    for (const m of [...(r.baselines ?? []), ...(r.scenarios ?? [])]) {
      lines.push(
        `| ${r.engine} | ${m.name} | ${m.reqPerSec} | ${m.p50} | ${m.p99} | ${m.ratio === undefined ? '—' : `${m.ratio} × ${m.baseline}`} | ${m.errors + m.non2xx} |`,
      );
    }
  }
  lines.push('');
  lines.push('## Start-up and memory');
  lines.push('');
  lines.push(
    '| engine | first start → ready (migrate + seed) | start → ready with the demo data | start → ready with the generated data | RSS after first start | RSS after start | RSS after start with the generated data | RSS after load |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results.filter(measured)) {
    const mb = (x: number | undefined) => (x ? `${x} MB` : '—');
    lines.push(
      `| ${r.engine} | ${r.firstStartMs} ms | ${r.warmStartsMs.join(' / ')} ms | ${r.startWithGeneratedMs === undefined ? '—' : `${r.startWithGeneratedMs} ms (${(r.rows?.cases ?? 0).toLocaleString('en')} cases)`} | ` +
        `${mb(r.rssMbAfterFirstStart)} | ${mb(r.rssMbAfterStart)} | ${mb(r.rssMbAfterGeneratedStart)} | ${mb(r.rssMbAfterLoad)} |`,
    );
  }
  const withFigures = results.filter((x) => measured(x) && (x.figures.length > 0 || x.generated.length > 0));
  if (withFigures.length > 0) {
    lines.push('');
    lines.push('## Figures');
    lines.push('');
    lines.push('| engine | figure (measured against the running server) | value | target |');
    lines.push('|---|---|---|---|');
    for (const r of withFigures) {
      for (const g of r.generated) lines.push(`| ${r.engine} | generate ${g.name} | ${(g.ms / 1000).toFixed(1)} s | |`);
      for (const f of r.figures) lines.push(`| ${r.engine} | ${f.name} | ${f.value} | ${f.target ?? ''} ${f.ok === undefined ? '' : mark(f.ok)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The replaced latest.md goes to the end of history.md whole, under the date it was written. */
export function moveLatestToHistory(results: string) {
  const latest = path.join(results, 'latest.md');
  if (!existsSync(latest)) return;
  const history = path.join(results, 'history.md');
  if (!existsSync(history))
    writeFileSync(
      history,
      '# yiwang benchmark: earlier results\n\nEach section is a bench/results/latest.md as it stood before the next `npm run bench` replaced it, oldest first.\n',
    );
  const written = readFileSync(latest, 'utf8');
  const stamp = /benchmark,? (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(written)?.[1] ?? 'undated';
  appendFileSync(
    history,
    `\n---\n\n<!-- moved from latest.md; written ${stamp} UTC -->\n\n${written.replace(/^# /gm, '## ').replace(/^## (?!yiwang)/gm, '### ')}`,
  );
}
