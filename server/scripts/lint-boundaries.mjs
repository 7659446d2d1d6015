#!/usr/bin/env node
// Keeps the modular monolith honest (docs/developing.md):
// 1. platform/ imports no module;
// 2. a module imports another module only through its index.ts (its one public door);
// 3. no cycles between modules;
// 4. a module's tables are imported only inside that module (and by the migration tooling).
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
  const isTest = /\.test\.ts$/.test(file);
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
