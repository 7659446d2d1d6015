#!/usr/bin/env node
/**
 * Bundles the server (src/main.ts and everything it imports, npm packages left external) into
 * dist/main.mjs, so that `npm start` runs plain JavaScript: no TypeScript loader at start-up, which
 * halves the time to ready and saves memory (docs/decisions/0004-bundled-server-start.md).
 *
 * Source files use `import.meta.url` to find files beside them (migrations, the web build, data of
 * packages); in one bundle they would all point at dist/. The plugin rewrites each occurrence to the
 * URL of its own source file, expressed relative to the bundle, so the tree can still be moved.
 *
 * `node scripts/build.mjs --if-stale` rebuilds only when a file under src/ is newer than the bundle.
 */
import { mkdir, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(serverDir, 'src');
const outFile = path.join(serverDir, 'dist', 'main.mjs');

async function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSourceMtime(full));
    else newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function isStale() {
  const built = await stat(outFile).catch(() => undefined);
  if (!built) return true;
  const inputs = Math.max(await newestSourceMtime(srcDir), (await stat(path.join(serverDir, 'package.json'))).mtimeMs);
  return inputs > built.mtimeMs;
}

export async function bundleServer() {
  const { build } = await import('esbuild');
  const started = performance.now();
  const result = await build({
    write: false,
    entryPoints: [path.join(srcDir, 'main.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    // Keeps function and class names readable in stack traces and logs.
    keepNames: true,
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
  });
  // Written beside and renamed, map first: a server starting meanwhile never reads half a bundle.
  await mkdir(path.dirname(outFile), { recursive: true });
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const file of files) {
    const temp = `${file.path}.${process.pid}.tmp`;
    await writeFile(temp, file.contents);
    await rename(temp, file.path);
  }
  return Math.round(performance.now() - started);
}

/** Builds the bundle when it is missing or older than a source file; returns its path. */
export async function ensureBundle() {
  if (await isStale()) {
    const ms = await bundleServer();
    process.stderr.write(`yiwang: server bundle rebuilt from src/ (${ms} ms)\n`);
  }
  return outFile;
}

const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const relative = path.relative(path.dirname(outFile), args.path).split(path.sep).join('/');
      const own = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
    });
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureBundle();
  else process.stdout.write(`server bundle: ${path.relative(process.cwd(), outFile)} (${await bundleServer()} ms)\n`);
}
