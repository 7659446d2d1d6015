import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { ConfigError } from '../config/index.ts';

/**
 * How yiwang opens PGlite on a data directory (docs/storage-guarantees.md, docs/operations.md
 * "Upgrading PGlite").
 *
 * The PostgreSQL major version inside @electric-sql/pglite 0.5: a data directory written by another
 * major (PGlite 0.3 wrote 17) cannot be opened, only dumped by the old version and restored.
 */
export const PGLITE_PG_MAJOR = '18';

/**
 * PGlite's own start parameters with two changes:
 * - `shared_buffers=16MB` instead of 128MB: the buffer pool lives in the WebAssembly memory, which
 *   never shrinks, and PostgreSQL touches all of it at start. 16 MB keeps the process under 250 MB
 *   resident; the operating system's page cache still holds the table files.
 * - fsync stays on (PGlite passes `-F`, fsync off): a commit is acknowledged after the WAL is
 *   flushed, as with PGlite 0.3 and as docs/storage-guarantees.md promises.
 */
export const PGLITE_START_PARAMS: string[] = [
  ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams.filter((p) => p !== '-F'),
  '-c',
  'shared_buffers=16MB',
];

/**
 * PGlite's PostgreSQL (9 MB of WebAssembly) is compiled by V8's baseline compiler only. By default
 * V8 also recompiles hot functions with its optimizing compiler in background threads and keeps
 * both copies: about 45 MB more resident memory, and on a busy 2-core machine the background
 * compiles compete with the requests. Measured 2026-12-05 (load ≈ 16, 1,000 catalog joins):
 * 294 → 253 MB resident, 13.0 → 11.0 s and 15.0 → 13.2 s. Set before PGlite compiles its module;
 * the process has no other WebAssembly.
 */
v8.setFlagsFromString('--liftoff-only');

export const pgliteOptions: PGliteOptions = { relaxedDurability: false, startParams: PGLITE_START_PARAMS };

/**
 * The data directory holds another PostgreSQL major version than this PGlite; the message says what
 * to do. A ConfigError, so the CLI prints it and exits 78 like other start-up refusals.
 */
export class DataDirFormatError extends ConfigError {}

/** Throws DataDirFormatError when `pgdata` was written by another PGlite major; passes on a new or current directory. */
export function checkDataDirFormat(pgdata: string): void {
  const versionFile = `${pgdata}/PG_VERSION`;
  if (!existsSync(versionFile)) return;
  const found = readFileSync(versionFile, 'utf8').trim();
  if (found === PGLITE_PG_MAJOR) return;
  throw new DataDirFormatError(
    `The data directory ${pgdata} was written by PostgreSQL ${found} (an earlier yiwang, PGlite 0.3); this yiwang runs PostgreSQL ${PGLITE_PG_MAJOR} (PGlite 0.5) and cannot open it.\n` +
      `Nothing was changed. To move the data: with the earlier yiwang version run \`yiwang backup old.jsonl.gz\`, move ${pgdata} aside, ` +
      `then with this version run \`yiwang restore old.jsonl.gz\` (docs/operations.md, "Upgrading PGlite"). Keep secrets.json.\n` +
      `数据目录 ${pgdata} 由 PostgreSQL ${found}（旧版 yiwang，PGlite 0.3）写入，本版本（PostgreSQL ${PGLITE_PG_MAJOR}，PGlite 0.5）无法打开，未做任何改动。` +
      `请用旧版运行 \`yiwang backup old.jsonl.gz\`，将 ${pgdata} 移走，再用本版本运行 \`yiwang restore old.jsonl.gz\`。`,
  );
}

/**
 * A new data directory is made by initdb in a child process. PGlite 0.5 runs initdb as a second
 * WebAssembly instance beside the first; its memory (about 550 MB) would stay in the server's
 * resident set for good, because WebAssembly memory is never given back.
 */
export function initDataDirInChild(pgdata: string): void {
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) return;
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `const { PGlite } = require(${JSON.stringify(pgliteEntry)});
PGlite.create(${JSON.stringify(pgdata)}, ${JSON.stringify(pgliteOptions)}).then((db) => db.close()).catch((err) => { console.error(err); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
}
