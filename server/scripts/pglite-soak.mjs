#!/usr/bin/env node
/**
 * Long crash soak of the embedded store (docs/storage-guarantees.md): a child process inserts rows
 * back to back into PGlite, opened with the server's own options (platform/db/pglite-data-dir.ts:
 * relaxedDurability off, fsync on, shared_buffers 16 MB), and reports every acknowledged id; after
 * the given seconds the parent kills it with SIGKILL, reopens the directory, times the reopen and
 * checks that every acknowledged row is there.
 *
 *   node --import tsx server/scripts/pglite-soak.mjs [seconds=600] [dir]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from '../src/platform/db/pglite-data-dir.ts';

const [, self, mode, ...rest] = process.argv;

if (mode === '--child') {
  const db = await PGlite.create(rest[0], pgliteOptions);
  await db.exec('CREATE TABLE IF NOT EXISTS soak (id bigint PRIMARY KEY, payload text NOT NULL)');
  process.stdout.write('ready\n');
  const payload = 'x'.repeat(200);
  for (let id = 1; ; id++) {
    await db.query('INSERT INTO soak (id, payload) VALUES ($1, $2)', [id, payload]);
    if (id % 200 === 0) process.stdout.write(`${id}\n`);
  }
}

const seconds = Number(mode ?? 600);
const dir = rest[0] ?? mkdtempSync(path.join(tmpdir(), 'yiwang-soak-'));
const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', path.join(dir, 'pgdata')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let acked = 0;
let buffer = '';
let ready;
const isReady = new Promise((r) => (ready = r));
child.stdout.on('data', (d) => {
  buffer += d;
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const l of lines)
    if (l === 'ready') ready();
    else if (l) acked = Number(l);
});
await isReady; // a fresh directory first runs initdb
const started = Date.now();
const progress = setInterval(() => console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${acked} rows acknowledged`), 60_000);
await new Promise((r) => setTimeout(r, seconds * 1000));
clearInterval(progress);
child.kill('SIGKILL');
await new Promise((r) => child.once('exit', r));
const t0 = performance.now();
const db = await PGlite.create(path.join(dir, 'pgdata'), pgliteOptions);
const reopenMs = Math.round(performance.now() - t0);
const { rows } = await db.query('SELECT count(*)::int AS n, coalesce(max(id), 0)::int AS max FROM soak WHERE id <= $1', [acked]);
const { rows: all } = await db.query('SELECT count(*)::int AS n FROM soak');
const version = (await db.query('SELECT version() AS v')).rows[0].v.split(' on ')[0];
await db.close();
const lost = acked - rows[0].n;
console.log(JSON.stringify({ version, seconds, acknowledged: acked, presentOfAcknowledged: rows[0].n, lost, totalRows: all[0].n, reopenMs, dir }));
if (!rest[0]) rmSync(dir, { recursive: true, force: true });
process.exit(lost === 0 ? 0 : 1);
