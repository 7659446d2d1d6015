/**
 * The bench's processes (bench/run.ts): the server as `npm start` runs it, the baseline app, the CLI,
 * and the bench's own requests to them (sign-in, the probe, the wait for a quiet server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from './lib.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');
export const SERVER_DIR = path.join(ROOT, 'server');
// What `npm start` runs: the bundled server, rebuilt first when a source file is newer.
export const BIN = path.join(SERVER_DIR, 'bin/yiwang.mjs');
export async function freePort(): Promise<number> {
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
export const tempDirs = new Set<string>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
// Stopped by hand or by a timeout: no server, baseline app or PGlite directory (GBs) left behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface Proc {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}
export function spawnNode(args: string[], env: Record<string, string>, cwd = SERVER_DIR, typescript = false): Proc {
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

export async function stopProc(p: Proc) {
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGTERM');
  const t = setTimeout(() => p.proc.kill('SIGKILL'), 20_000);
  await p.exited;
  clearTimeout(t);
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Spawns `serve` and returns it with the time from spawn to the first /readyz 200. */
export async function startServer(env: Record<string, string>): Promise<{ p: Proc; url: string; ms: number }> {
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

export async function startBaseline(env: Record<string, string>): Promise<{ p: Proc; url: string }> {
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
export async function control(url: string, init: RequestInit = {}): Promise<Response> {
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
export async function settle(url: string, maxMs = 600_000, times = 5): Promise<number> {
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
export async function drained(url: string, what: string, pid?: number) {
  const ms = await settle(url, 120_000, 3);
  if (ms > 1000) console.log(`  (waited ${ms} ms for the server to drain before ${what})`);
  if (pid) {
    const idleMs = await idle(pid);
    if (idleMs > 1500) console.log(`  (waited ${idleMs} ms for the server's background work to end before ${what})`);
  }
}

/**
 * Waits (at most `maxMs`) until the server process used under 10 % of a core over half a second.
 * At most 10 s: after the bulk data is generated a job can run for many minutes (the hotline urging
 * over 1,000,000 generated tickets), and the run's length must stay bounded; the page then says how
 * long each wait was in the log.
 * A write scenario leaves work for the server's jobs (audit events to seal, notifications to send,
 * statistics deltas to fold) that runs for seconds after the last request; a read measured then
 * shares the core with it (2026-12-07: who am I and a cached staff page at half their rate).
 */
export async function idle(pid: number, maxMs = 10_000): Promise<number> {
  const t0 = performance.now();
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  };
  for (;;) {
    const before = cpuMs();
    await new Promise((r) => setTimeout(r, 500));
    if (cpuMs() - before < 50 || performance.now() - t0 > maxMs) return Math.round(performance.now() - t0);
  }
}
/** Linux's USER_HZ: /proc times are in these ticks. */
const CLOCK_TICKS = 100;

export async function login(url: string, username: string): Promise<string> {
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
