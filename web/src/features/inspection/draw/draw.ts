/**
 * The draw `yiwang-draw/1` re-run in the browser: a port of server/src/modules/inspection/draw.ts
 * (the reference; docs/inspection.md specifies it byte by byte). Integer arithmetic and SM3 only,
 * so the same inputs give the same selection and the same hashes as on the server.
 */
import { Sm3, fromHex, sm3Hex } from './sm3';

export const ALGORITHM_VERSION = 'yiwang-draw/1';
const riskLevels = ['low', 'medium', 'high'] as const;
const creditLevels = ['A', 'B', 'C', 'D'] as const;
type RiskLevel = (typeof riskLevels)[number];
type CreditLevel = (typeof creditLevels)[number];

type DrawEntity = { uscc: string; regionPath: string; riskLevel: RiskLevel; creditLevel: CreditLevel };

/** The entities of canonical lines `E|uscc|regionPath|risk|credit\n`. */
export function parseEntityLines(text: string): DrawEntity[] {
  const out: DrawEntity[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const f = line.split('|');
    if (f.length !== 5 || f[0] !== 'E' || !(riskLevels as readonly string[]).includes(f[3]!) || !(creditLevels as readonly string[]).includes(f[4]!)) {
      throw new Error(`malformed entity line ${out.length + 1}`);
    }
    out.push({ uscc: f[1]!, regionPath: f[2]!, riskLevel: f[3] as RiskLevel, creditLevel: f[4] as CreditLevel });
  }
  return out;
}

export interface DrawInputs {
  algorithm: string;
  seed: string;
  params: {
    count: number | null;
    proportionBp: number | null;
    inspectorsPerEntity: number;
    departmentIds: string[];
    riskWeights: Record<RiskLevel, number>;
    creditWeights: Record<CreditLevel, number>;
  };
  /** A list, or the canonical text (`E|uscc|regionPath|risk|credit\n` lines) as the server discloses big pools. */
  entities: DrawEntity[] | string;
  inspectors: { key: string; departmentId: string; regionPath: string }[];
  exclusions: { inspectorKey: string; uscc: string; reason: string }[];
}

export interface DrawHashes {
  params: string;
  entities: string;
  inspectors: string;
  exclusions: string;
  result: string;
}

export interface DrawOutcome {
  poolSize: number;
  target: number;
  selected: { uscc: string; inspectorKeys: string[] }[];
  skipped: { uscc: string; reason: 'no_eligible_inspectors' }[];
  hashes: DrawHashes;
}

export interface VerifyCheck {
  name: 'commitment' | keyof DrawHashes;
  expected: string;
  actual: string;
  ok: boolean;
}

const TWO_48 = 2 ** 48;
const TWO_32 = 2 ** 32;
const isSeed = (s: string) => /^[0-9a-f]{64}$/.test(s);
const byAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const encoder = new TextEncoder();

function check(name: string, v: string): string {
  if (v.includes('|') || v.includes('\n') || v.includes('\r')) throw new Error(`${name} may not contain "|" or a line break`);
  return v;
}

/** SM3 in counter mode: SM3(seed ‖ "yiwang-draw/1|label|" ‖ uint64be(i)), i = 0, 1, … */
class Sm3Stream {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  private readonly prefix: Uint8Array;

  constructor(seed: string, label: string) {
    const s = fromHex(seed);
    const l = encoder.encode(`${ALGORITHM_VERSION}|${label}|`);
    this.prefix = new Uint8Array(s.length + l.length);
    this.prefix.set(s);
    this.prefix.set(l, s.length);
  }

  private refill(): void {
    const ctr = new Uint8Array(8);
    const dv = new DataView(ctr.buffer);
    dv.setUint32(0, Math.floor(this.counter / TWO_32));
    dv.setUint32(4, this.counter >>> 0);
    this.counter++;
    const next = new Sm3().update(this.prefix).update(ctr).digest();
    if (this.offset < this.block.length) {
      const rest = this.block.subarray(this.offset);
      const merged = new Uint8Array(rest.length + next.length);
      merged.set(rest);
      merged.set(next, rest.length);
      this.block = merged;
    } else {
      this.block = next;
    }
    this.offset = 0;
  }

  next48(): number {
    if (this.block.length - this.offset < 6) this.refill();
    const b = this.block;
    const o = this.offset;
    this.offset += 6;
    return (b[o]! * 256 + b[o + 1]!) * TWO_32 + ((b[o + 2]! << 24) >>> 0) + (b[o + 3]! << 16) + (b[o + 4]! << 8) + b[o + 5]!;
  }

  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_48) throw new RangeError(`bad bound ${n}`);
    const limit = TWO_48 - (TWO_48 % n);
    for (;;) {
      const r = this.next48();
      if (r < limit) return r % n;
    }
  }
}

/** SM3 over many lines, fed in chunks. */
function hashLines<T>(list: readonly T[], line: (x: T) => string): string {
  const h = new Sm3();
  let chunk = '';
  for (const x of list) {
    chunk += line(x);
    if (chunk.length > 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  h.update(chunk);
  return h.hex();
}

class WeightTree {
  private readonly tree: Float64Array;
  private readonly size: number;
  private readonly top: number;
  total = 0;

  constructor(weights: number[]) {
    this.size = weights.length;
    this.tree = new Float64Array(this.size + 1);
    for (let i = 0; i < this.size; i++) {
      this.tree[i + 1]! += weights[i]!;
      const j = i + 1 + ((i + 1) & -(i + 1));
      if (j <= this.size) this.tree[j]! += this.tree[i + 1]!;
      this.total += weights[i]!;
    }
    let top = 1;
    while (top * 2 <= this.size) top *= 2;
    this.top = top;
  }

  find(r: number): number {
    let pos = 0;
    let rem = r;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.size && this.tree[next]! <= rem) {
        pos = next;
        rem -= this.tree[next]!;
      }
    }
    return pos;
  }

  remove(i: number, w: number): void {
    this.total -= w;
    for (let j = i + 1; j <= this.size; j += j & -j) this.tree[j]! -= w;
  }
}

const covers = (inspectorPath: string, entityPath: string) =>
  inspectorPath === '' || entityPath === inspectorPath || entityPath.startsWith(`${inspectorPath}/`);

export function commitmentOf(seed: string): string {
  if (!isSeed(seed)) throw new Error('a seed is 64 lowercase hex digits');
  return sm3Hex(fromHex(seed));
}

export function runDraw(inputs: DrawInputs): DrawOutcome {
  const { params: p, seed } = inputs;
  if (inputs.algorithm !== ALGORITHM_VERSION) throw new Error(`unsupported algorithm ${inputs.algorithm}`);
  if (!isSeed(seed)) throw new Error('a seed is 64 lowercase hex digits');
  if ((p.count === null) === (p.proportionBp === null)) throw new Error('give exactly one of count and proportion');

  const entities = (typeof inputs.entities === 'string' ? parseEntityLines(inputs.entities) : [...inputs.entities]).sort((a, b) => byAscii(a.uscc, b.uscc));
  const inspectors = [...inputs.inspectors].sort((a, b) => byAscii(a.key, b.key));
  const exclusions = [...inputs.exclusions].sort((a, b) => byAscii(a.inspectorKey, b.inspectorKey) || byAscii(a.uscc, b.uscc) || byAscii(a.reason, b.reason));
  const depts = [...p.departmentIds].sort(byAscii);
  const paramsLine =
    [
      'P',
      p.count === null ? '-' : String(p.count),
      p.proportionBp === null ? '-' : String(p.proportionBp),
      String(p.inspectorsPerEntity),
      depts.map((d) => check('departmentIds', d)).join(','),
      riskLevels.map((r) => String(p.riskWeights[r])).join(','),
      creditLevels.map((c) => String(p.creditWeights[c])).join(','),
    ].join('|') + '\n';
  const hashes = {
    params: sm3Hex(paramsLine),
    entities: hashLines(entities, (e) => `E|${check('uscc', e.uscc)}|${check('regionPath', e.regionPath)}|${e.riskLevel}|${e.creditLevel}\n`),
    inspectors: hashLines(inspectors, (i) => `I|${check('key', i.key)}|${check('departmentId', i.departmentId)}|${check('regionPath', i.regionPath)}\n`),
    exclusions: hashLines(exclusions, (x) => `X|${check('inspectorKey', x.inspectorKey)}|${check('uscc', x.uscc)}|${x.reason}\n`),
  };

  const weights = entities.map((e) => p.riskWeights[e.riskLevel] * p.creditWeights[e.creditLevel]);
  const tree = new WeightTree(weights);
  const poolSize = entities.length;
  const target = p.count !== null ? Math.min(p.count, poolSize) : Math.min(poolSize, Math.ceil((poolSize * p.proportionBp!) / 10000));
  const excluded = new Set(exclusions.map((x) => `${x.inspectorKey}\n${x.uscc}`));

  const base = Math.floor(p.inspectorsPerEntity / depts.length);
  const extra = p.inspectorsPerEntity % depts.length;
  const slots = depts.map((d, i) => [d, base + (i < extra ? 1 : 0)] as const);
  const queues = new Map<string, DrawInputs['inspectors']>();
  const cursors = new Map<string, number>();
  for (const [dept] of slots) {
    const queue = inspectors.filter((i) => i.departmentId === dept);
    const stream = new Sm3Stream(seed, `inspectors|${dept}`);
    for (let i = queue.length - 1; i >= 1; i--) {
      const j = stream.below(i + 1);
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
    }
    queues.set(dept, queue);
    cursors.set(dept, 0);
  }

  const stream = new Sm3Stream(seed, 'entities');
  const selected: DrawOutcome['selected'] = [];
  const skipped: DrawOutcome['skipped'] = [];
  while (selected.length < target && tree.total > 0) {
    const index = tree.find(stream.below(tree.total));
    tree.remove(index, weights[index]!);
    const entity = entities[index]!;
    const picked: string[] = [];
    const newCursors: [string, number][] = [];
    let ok = true;
    for (const [dept, need] of slots) {
      const queue = queues.get(dept)!;
      const start = cursors.get(dept)!;
      let taken = 0;
      let last = -1;
      for (let step = 0; step < queue.length && taken < need; step++) {
        const at = (start + step) % queue.length;
        const insp = queue[at]!;
        if (!covers(insp.regionPath, entity.regionPath) || excluded.has(`${insp.key}\n${entity.uscc}`)) continue;
        picked.push(insp.key);
        taken++;
        last = at;
      }
      if (taken < need) {
        ok = false;
        break;
      }
      newCursors.push([dept, (last + 1) % queue.length]);
    }
    if (!ok) {
      skipped.push({ uscc: entity.uscc, reason: 'no_eligible_inspectors' });
      continue;
    }
    for (const [d, c] of newCursors) cursors.set(d, c);
    selected.push({ uscc: entity.uscc, inspectorKeys: picked });
  }
  const result = hashLines(
    [...selected.map((s) => `S|${s.uscc}|${s.inspectorKeys.join(',')}\n`), ...skipped.map((k) => `K|${k.uscc}|${k.reason}\n`)],
    (l) => l,
  );
  return { poolSize, target, selected, skipped, hashes: { ...hashes, result } };
}

/** Re-runs the draw and compares the commitment and every hash with the recorded ones. */
export function verifyDraw(
  inputs: DrawInputs,
  recorded: { commitment: string; hashes: Partial<Record<keyof DrawHashes, string>> | null },
): { matches: boolean; checks: VerifyCheck[]; outcome: DrawOutcome } {
  const outcome = runDraw(inputs);
  const checks: VerifyCheck[] = [
    { name: 'commitment' as const, expected: recorded.commitment, actual: commitmentOf(inputs.seed) },
    ...(['params', 'entities', 'inspectors', 'exclusions', 'result'] as const).map((k) => ({
      name: k,
      expected: recorded.hashes?.[k] ?? '',
      actual: outcome.hashes[k],
    })),
  ].map((c) => ({ ...c, ok: c.expected === c.actual }));
  return { matches: checks.every((c) => c.ok), checks, outcome };
}
