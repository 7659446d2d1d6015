/**
 * Browser journeys: starts yiwang on a throw-away PGlite data directory with the demo city, drives
 * Debian's chromium with playwright-core through each journey in e2e/journeys, and prints
 * `tests: N passed, N failed` (also appended to $TEST_COUNTS_FILE for .ci/run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DEMO_PASSWORD, type Journey } from './lib.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const artifacts = path.join(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(): Promise<{ proc: ChildProcess; baseUrl: string; dataDir: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yiwang-e2e-'));
  // As `npm start` runs it: the bundled server, rebuilt first when a source file is newer.
  const proc = spawn(process.execPath, [path.join(root, 'server/bin/yiwang.mjs'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  // The first start migrates and seeds the whole demo city: minutes on a loaded 2-core machine.
  const started = Date.now();
  const deadline = started + 420_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return { proc, baseUrl, dataDir };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not become ready in ${Math.round((Date.now() - started) / 1000)} s:\n${output}`);
}

async function loadJourneys(filter?: string): Promise<Journey[]> {
  const dir = path.join(here, 'journeys');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const list: Journey[] = [];
  for (const f of files) {
    const mod = (await import(path.join(dir, f))) as { journeys: Journey[] };
    for (const j of mod.journeys) if (!filter || `${f} ${j.name}`.includes(filter)) list.push({ ...j, name: `${f.replace(/\.ts$/, '')}: ${j.name}` });
  }
  return list;
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(path.join(root, 'web/dist/index.html'))) throw new Error('web/dist is missing: run `npm run build --workspace web`');
  mkdirSync(artifacts, { recursive: true });
  const journeys = await loadJourneys(process.argv[2]);
  const server = await startServer();
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    for (const journey of journeys) {
      const contexts: import('playwright-core').BrowserContext[] = [];
      // Any Content-Security-Policy violation a page reports fails the journey (docs/security.md).
      const cspViolations: string[] = [];
      const started = Date.now();
      try {
        await journey.run({
          baseUrl: server.baseUrl,
          artifact: (name) => path.join(artifacts, name),
          newPage: async (opts = {}) => {
            const context = await browser!.newContext({
              viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
              locale: opts.locale ?? 'zh-CN',
              timezoneId: 'Asia/Shanghai',
            });
            context.setDefaultTimeout(15_000);
            contexts.push(context);
            const page = await context.newPage();
            page.on('console', (msg) => {
              // (about:blank is a journey's own test page, e.g. one that tries to frame the site.)
              if (/Content[ -]Security[ -]Policy/i.test(msg.text()) && page.url() !== 'about:blank') cspViolations.push(`${page.url()}: ${msg.text()}`);
            });
            return page;
          },
        });
        if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
        passed++;
        process.stdout.write(`  ✓ ${journey.name} (${Date.now() - started} ms)\n`);
      } catch (err) {
        failed++;
        failures.push(
          `${journey.name}: ${String((err as Error).message ?? err)
            .split('\n')[0]!
            .slice(0, 300)}`,
        );
        process.stdout.write(
          `  ✗ ${journey.name}\n    ${String((err as Error).stack ?? err)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}\n`,
        );
        for (const [i, c] of contexts.entries()) {
          for (const [k, p] of c.pages().entries()) {
            await p.screenshot({ path: path.join(artifacts, `FAILED-${journey.name.replace(/[^\w-]+/g, '_')}-${i}-${k}.png`), fullPage: true }).catch(() => {});
          }
        }
      } finally {
        for (const c of contexts) await c.close().catch(() => {});
      }
    }
  } finally {
    await browser?.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    rmSync(server.dataDir, { recursive: true, force: true });
  }
  if (process.env.TEST_COUNTS_FILE)
    appendFileSync(process.env.TEST_COUNTS_FILE, `${JSON.stringify({ suite: 'browser', passed, failed, skipped: 0, failures })}\n`);
  process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`e2e: ${(err as Error).stack ?? err}\n`);
  if (process.env.TEST_COUNTS_FILE) appendFileSync(process.env.TEST_COUNTS_FILE, `${JSON.stringify({ suite: 'browser', passed: 0, failed: 1, skipped: 0 })}\n`);
  process.stdout.write('\ntests: 0 passed, 1 failed\n');
  process.exit(1);
});
