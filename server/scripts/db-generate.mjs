#!/usr/bin/env node
// Generates each module's migrations from its tables (drizzle-kit), one folder and journal per
// module. With --check, fails when the generated SQL is not what is checked in (CI drift check).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const targets = [{ name: 'platform', schema: 'src/platform/**/tables.ts', out: 'src/platform/migrations' }];
for (const name of readdirSync(path.join(root, 'src/modules'))) {
  const dir = path.join('src/modules', name);
  if (existsSync(path.join(root, dir, 'tables.ts'))) targets.push({ name, schema: `${dir}/tables.ts`, out: `${dir}/migrations` });
  else if (existsSync(path.join(root, dir, 'tables'))) targets.push({ name, schema: `${dir}/tables/*.ts`, out: `${dir}/migrations` });
}

for (const t of targets) {
  if (only.length && !only.includes(t.name)) continue;
  execFileSync('npx', ['drizzle-kit', 'generate', '--dialect=postgresql', `--schema=${t.schema}`, `--out=${t.out}`, `--prefix=index`], {
    cwd: root,
    stdio: check ? 'pipe' : 'inherit',
  });
}

if (check) {
  const status = execFileSync('git', ['status', '--porcelain', '--', ...targets.map((t) => t.out)], { cwd: root, encoding: 'utf8' });
  if (status.trim()) {
    console.error('Migrations drift from the tables: run `npm run db:generate` and commit:\n' + status);
    process.exit(1);
  }
  console.log('migrations: no drift');
}
