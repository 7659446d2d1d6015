#!/usr/bin/env node
// Sizes of what a browser downloads for the first view of a page, from dist/.vite/manifest.json:
// the entry, the lazy route chunks the page needs, and everything they import statically,
// JS and CSS, gzip and brotli. Prints JSON (for `npm run bench`) and a table to stderr.
// Usage: node scripts/bundle-size.mjs [--max-gzip-kb 300]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

/** The lazy modules each measured page needs on first view (besides the entry). */
const pages = {
  'portal-home': ['src/portal/PortalLayout.tsx', 'src/portal/HomePage.tsx'],
  'portal-login': ['src/portal/PortalLayout.tsx', 'src/portal/LoginPage.tsx'],
  workbench: ['src/workbench/WorkbenchLayout.tsx', 'src/workbench/TodoPage.tsx'],
  'admin-staff': ['src/admin/AdminLayout.tsx', 'src/admin/StaffPage.tsx'],
};

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('no entry in the manifest');

function closure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`not in the manifest: ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  for (const k of keys) visit(k);
  return files;
}

function measure(files) {
  const out = { files: files.size, raw: 0, gzip: 0, brotli: 0, js: { gzip: 0 }, css: { gzip: 0 } };
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    out.raw += buf.length;
    out.gzip += gz;
    out.brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    (f.endsWith('.css') ? out.css : out.js).gzip += gz;
  }
  return out;
}

const kb = (n) => Math.round((n / 1024) * 10) / 10;
const result = {};
for (const [name, lazy] of Object.entries(pages)) {
  const m = measure(closure([entryKey, ...lazy]));
  result[name] = { files: m.files, rawKB: kb(m.raw), gzipKB: kb(m.gzip), brotliKB: kb(m.brotli), jsGzipKB: kb(m.js.gzip), cssGzipKB: kb(m.css.gzip) };
}
console.log(JSON.stringify(result, null, 2));
console.error(['page'.padEnd(14), 'files', 'raw KB', 'gzip KB', 'br KB'].join('\t'));
for (const [name, r] of Object.entries(result)) console.error([name.padEnd(14), r.files, r.rawKB, r.gzipKB, r.brotliKB].join('\t'));

const i = process.argv.indexOf('--max-gzip-kb');
if (i > 0) {
  const max = Number(process.argv[i + 1]);
  if (result['portal-home'].gzipKB > max) {
    console.error(`portal home first load ${result['portal-home'].gzipKB} KB gzip > ${max} KB`);
    process.exit(1);
  }
}
