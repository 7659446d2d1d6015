#!/usr/bin/env node
// Keeps the modular monolith honest (docs/developing.md):
// 1. platform/ imports no module;
// 2. a module imports another module only through its index.ts (its one public door);
// 3. no cycles between modules;
// 4. a module's tables are imported only inside that module (and by the migration tooling);
// 5. inside a module, only its repositories (and its seeds, bench data, tests and index) use its
//    tables: services and routes may import the enum value lists from tables.ts, never a table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../src');
const problems = [];
const edges = new Map();

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (full.endsWith('.ts')) check(full);
  }
}

function moduleOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  return rel[0] === 'modules' && rel.length > 2 ? rel[1] : rel[0] === 'platform' ? 'platform' : null;
}

function check(file) {
  const source = readFileSync(file, 'utf8');
  const from = moduleOf(file);
  const isTest = /(\.test|-test-kit)\.ts$/.test(file); // a test kit is test code: its imports make no module edge
  for (const match of source.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    const spec = match[1] ?? match[2];
    const target = path.resolve(path.dirname(file), spec);
    const to = moduleOf(target);
    const rel = path.relative(root, file);
    if (from === 'platform' && to && to !== 'platform') problems.push(`${rel}: platform must not import module "${to}" (${spec})`);
    if (from && to && from !== to && to !== 'platform') {
      const base = path.basename(target);
      if (base !== 'index.ts' && base !== 'index') problems.push(`${rel}: import module "${to}" through its index.ts, not ${spec}`);
      if (!isTest) {
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from).add(to);
      }
    }
  }
  if (from && from !== 'platform') {
    for (const match of source.matchAll(/from\s+['"](\.[^'"]*\/modules\/([^/'"]+)\/tables(\.ts)?)['"]/g)) {
      if (match[2] !== from) problems.push(`${path.relative(root, file)}: uses the tables of module "${match[2]}"`);
    }
  }
}

walk(root);

const queryOwners = /(^|[-/])(repository|[a-z-]+-repository|tables|seed|bench-data|index|demo-cases)\.ts$|\.test\.ts$|\/migrations\//;
for (const dir of readdirSync(path.join(root, 'modules'))) {
  const moduleDir = path.join(root, 'modules', dir);
  if (!statSync(moduleDir).isDirectory()) continue;
  const tablesFile = path.join(moduleDir, 'tables.ts');
  let tableNames;
  try {
    tableNames = new Set([...readFileSync(tablesFile, 'utf8').matchAll(/export const (\w+)\s*=\s*pgTable\(/g)].map((m) => m[1]));
  } catch {
    continue;
  }
  const files = [];
  (function collect(d) {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) collect(full);
      else if (full.endsWith('.ts')) files.push(full);
    }
  })(moduleDir);
  for (const file of files) {
    const rel = path.relative(root, file);
    if (queryOwners.test(rel)) continue;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s+['"](\.{1,2}\/(?:\.\.\/)*tables(?:\.ts)?)['"]/g)) {
      if (match[1] || path.resolve(path.dirname(file), match[3]).replace(/\.ts$/, '') !== tablesFile.replace(/\.ts$/, '')) continue;
      const names = match[2]
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '))
        .map((n) => n.split(/\s+as\s+/)[0].trim());
      const used = names.filter((n) => tableNames.has(n));
      if (used.length) problems.push(`${rel}: queries the module's tables (${used.join(', ')}); move the SQL into a repository`);
    }
  }
}

// Cycle detection over module → module edges.
const state = new Map();
function visit(node, stack) {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'active') {
    problems.push(`module dependency cycle: ${[...stack.slice(stack.indexOf(node)), node].join(' → ')}`);
    return;
  }
  state.set(node, 'active');
  for (const next of edges.get(node) ?? []) visit(next, [...stack, node]);
  state.set(node, 'done');
}
for (const node of edges.keys()) visit(node, []);

if (problems.length) {
  console.error(`Boundary problems (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`boundaries: ok (${[...edges].map(([a, b]) => `${a} → ${[...b].join(', ')}`).join('; ') || 'no cross-module imports'})`);
