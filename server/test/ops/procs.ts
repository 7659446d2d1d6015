/**
 * Helpers for the operations tests: real `serve` processes on free ports, throw-away storage
 * (a temp DATA_DIR, or a PostgreSQL database created and dropped here), and CLI runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What `npm start` and `npx yiwang` run: the bundled server, rebuilt first when a source is newer. */
export const BIN = path.join(SERVER_DIR, 'bin/yiwang.mjs');
export const DEMO_PASSWORD = 'demo-Passw0rd!';
export const onPostgres = process.env.TEST_DATABASE === 'postgres';
export const PG_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function adminQuery<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Storage for one test: always a temp DATA_DIR (secrets live there); plus a fresh database on PostgreSQL. */
export interface Storage {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createStorage(kind: 'pglite' | 'postgres' = onPostgres ? 'postgres' : 'pglite'): Promise<Storage> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yiwang-ops-'));
  if (kind === 'pglite') {
    return { kind, dataDir, env: { DATA_DIR: dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `yiwang_ops_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(PG_BASE, `CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(PG_BASE, name);
  return {
    kind,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async dispose() {
      await adminQuery(PG_BASE, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'TEST_DATABASE' || k === 'TEST_COUNTS_FILE') delete env[k];
  const out: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'development', LOG_LEVEL: 'warn', JOBS: 'off', DEMO_PASSWORD, HOST: '127.0.0.1', ...extra };
  // An empty value in `extra` leaves the variable unset (e.g. DEMO_PASSWORD for a production install).
  for (const [k, v] of Object.entries(extra)) if (v === '') delete out[k];
  return out;
}

export interface ServerProc {
  proc: ChildProcess;
  pid: number;
  port: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitReady(timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
/** Kills every server this file started (call in afterAll / afterEach). */
export function killAll() {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  running.clear();
}

export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProc> {
  const p = port ?? (await freePort());
  const proc = spawn(process.execPath, [BIN, 'serve'], { cwd: SERVER_DIR, env: childEnv({ ...env, PORT: String(p) }), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${p}`;
  return {
    proc,
    pid: proc.pid!,
    port: p,
    url,
    output: () => out,
    exited,
    async waitReady(timeoutMs = 300_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (done) throw new Error(`server exited before it was ready:\n${out}`);
        try {
          const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
          if (res.status === 200) return;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    },
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (!done) proc.kill(signal);
      return exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 600_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, ...args], { cwd: SERVER_DIR, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(proc);
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('error', reject);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      running.delete(proc);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Signs in and returns the Cookie header value. */
export async function login(url: string, username = 'admin', password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Waits until the process with this pid is gone (for processes we did not spawn ourselves). */
export async function waitGone(pid: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pid ${pid} still alive`);
}
