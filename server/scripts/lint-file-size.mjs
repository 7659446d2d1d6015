#!/usr/bin/env node
// No source file over 500 lines (docs/developing.md, "Formatting, lint and file size"): past that a
// newcomer cannot hold it. Generated code, seeds and bench data are exempt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const LIMIT = 500;
const root = path.resolve(import.meta.dirname, '../..');
const exempt = /(^|\/)(seed|demo-[\w-]+|bench-data)\.tsx?$|\/migrations\/|web\/src\/api\/schema\.d\.ts$/;
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !exempt.test(f));
const long = files
  .map((f) => ({ f, lines: readFileSync(path.join(root, f), 'utf8').split('\n').length - 1 }))
  .filter(({ lines }) => lines > LIMIT)
  .sort((a, b) => b.lines - a.lines);
if (long.length) {
  console.error(`Files over ${LIMIT} lines (split by use case or by page):\n  ${long.map(({ f, lines }) => `${f}: ${lines}`).join('\n  ')}`);
  process.exit(1);
}
console.log(`file size: ok (${files.length} files, none over ${LIMIT} lines)`);
