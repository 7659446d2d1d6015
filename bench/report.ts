import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What one engine's run measured, and the markdown report of a whole run (bench/results/latest.md). */

export const TARGET_START_MS = 3000;
export const TARGET_RSS_MB = 250;

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
}

export interface EngineResult {
  engine: Engine;
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadavg1: number; loadavg1End?: number };
  settings: { durationS: number; warmupS: number; connections: number };
  firstStartMs: number;
  warmStartsMs: number[];
  /** Start → ready once the generators' bulk data is in (cold start with a realistic database). */
  startWithGeneratedMs?: number;
  rssMbAfterFirstStart?: number;
  rssMbAfterStart: number;
  rssMbAfterLoad: number;
  baselines: Measure[];
  scenarios: Measure[];
  generated: { name: string; ms: number }[];
  figures: { name: string; value: string; target?: string; ok?: boolean; data?: Record<string, unknown> }[];
  skipped?: string;
}

export function table(results: EngineResult[], command: string): string {
  const lines: string[] = [];
  const measured = (r: EngineResult) => r.firstStartMs > 0; // also a failed engine's start-up figures
  const first = results.find(measured);
  lines.push(`# yiwang benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push('');
  if (first) {
    lines.push(`Command: \`${command}\` (one run, both engines; each ratio uses the baseline measured in this run on the same engine).`);
    lines.push('');
    lines.push(
      `Machine: ${first.machine.cpus} × ${first.machine.cpuModel}, ${first.machine.memoryGb} GB, Node ${first.machine.node}; 1-minute load average at start → end: ${results
        .filter(measured)
        .map((r) => `${r.engine} ${r.machine.loadavg1} → ${r.machine.loadavg1End ?? (r.skipped ? 'failed' : '?')}`)
        .join(', ')}.`,
    );
    lines.push(
      `autocannon: ${first.settings.connections} connections, ${first.settings.durationS} s per scenario after ${first.settings.warmupS} s warm-up. Ratio = req/s of the scenario ÷ req/s of its baseline (same engine, same run).`,
    );
    lines.push('');
  }
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
  lines.push(
    '| engine | first start → ready (migrate + seed) | start → ready with the demo data | start → ready with the generated data | target | RSS after first start | RSS after start | RSS after load | target |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results.filter(measured)) {
    const cold = r.startWithGeneratedMs ?? Math.min(...r.warmStartsMs);
    const mark = (ok: boolean) => (ok ? '✅' : '❌');
    lines.push(
      `| ${r.engine} | ${r.firstStartMs} ms | ${r.warmStartsMs.join(' / ')} ms | ${r.startWithGeneratedMs === undefined ? '—' : `${r.startWithGeneratedMs} ms`} | < ${TARGET_START_MS} ms ${mark(cold < TARGET_START_MS)} | ` +
        `${r.rssMbAfterFirstStart ?? '—'} MB | ${r.rssMbAfterStart} MB | ${r.rssMbAfterLoad ? `${r.rssMbAfterLoad} MB` : '—'} | < ${TARGET_RSS_MB} MB after start ${mark(Math.max(r.rssMbAfterStart, r.rssMbAfterFirstStart ?? 0) < TARGET_RSS_MB)} |`,
    );
  }
  const withFigures = results.filter((x) => measured(x) && (x.figures.length > 0 || x.generated.length > 0));
  if (withFigures.length > 0) {
    lines.push('');
    lines.push('| engine | figure (measured against the running server) | value | target |');
    lines.push('|---|---|---|---|');
    for (const r of withFigures) {
      for (const g of r.generated) lines.push(`| ${r.engine} | generate ${g.name} | ${(g.ms / 1000).toFixed(1)} s | |`);
      for (const f of r.figures) lines.push(`| ${r.engine} | ${f.name} | ${f.value} | ${f.target ?? ''} ${f.ok === undefined ? '' : f.ok ? '✅' : '❌'} |`);
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
