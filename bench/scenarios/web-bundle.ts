/**
 * The portal home's first load (JS + CSS the browser downloads before the home page renders,
 * compressed), from `npm run -w web size` (web/scripts/bundle-size.mjs over web/dist). Not an HTTP
 * scenario: it is reported as a static figure beside cold start and memory. Issue 4's target is
 * under 300 KB gzip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario, StaticFigure } from '../types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const TARGET_GZIP_KB = 300;

interface PageSize {
  files: number;
  rawKB: number;
  gzipKB: number;
  brotliKB: number;
  jsGzipKB: number;
  cssGzipKB: number;
}

export function portalHomeSize(): PageSize {
  if (!existsSync(path.join(root, 'web/dist/.vite/manifest.json'))) {
    // The same build `npm start` serves; built here when the bench runs on a tree without one.
    execFileSync('npm', ['run', '-s', '-w', 'web', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // The script's JSON on stdout (its table goes to stderr); without --max-gzip-kb it never fails on size.
  const out = execFileSync(process.execPath, [path.join(root, 'web/scripts/bundle-size.mjs')], {
    cwd: path.join(root, 'web'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const sizes = JSON.parse(out) as Record<string, PageSize>;
  const home = sizes['portal-home'];
  if (!home) throw new Error('bundle-size.mjs reported no portal-home entry');
  return home;
}

export const figures: StaticFigure[] = [
  {
    name: 'portal home first load (JS+CSS)',
    measure: () => {
      const s = portalHomeSize();
      return {
        value: `${s.gzipKB} KB gzip / ${s.brotliKB} KB brotli (${s.files} files, ${s.rawKB} KB raw)`,
        target: `< ${TARGET_GZIP_KB} KB gzip`,
        ok: s.gzipKB < TARGET_GZIP_KB,
        data: { ...s },
      };
    },
  },
];

const scenarios: Scenario[] = [];
export default scenarios;
