/**
 * The draw (抽取) of a random inspection task, as pure code: same inputs, same result, on any
 * machine and in any language. docs/inspection.md specifies it byte by byte; this file is the
 * reference implementation. Nothing here reads the database or the clock.
 *
 * Version `yiwang-draw/1`:
 * - PRNG: SM3 in counter mode. Stream `label` yields the bytes of
 *   SM3(seed ‖ utf8("yiwang-draw/1|" + label + "|") ‖ uint64be(i)) for i = 0, 1, 2, …, concatenated.
 *   `seed` is the 32 raw bytes of the revealed seed (64 hex digits). The commitment published before
 *   the draw is SM3(seed) over the same 32 bytes.
 * - Integers: a 48-bit value is the next 6 bytes of the stream, big-endian. A uniform integer below
 *   n is drawn by rejection: r < 2^48 − (2^48 mod n), else draw again; answer r mod n.
 * - Entities are put in canonical order (USCC ascending, ASCII) and given the integer weight
 *   riskWeight[risk] × creditWeight[credit]. Sampling without replacement proportional to weight
 *   ("successive sampling", the same distribution as Efraimidis–Spirakis exponential keys) is done in
 *   exact integer arithmetic, so no floating point or logarithm can differ between implementations:
 *   r = uniform(W) on stream "entities", where W is the remaining total weight; the entity drawn is the
 *   first in canonical order whose running weight sum exceeds r; it is removed and the next drawn.
 * - Inspectors: for each department (department id ascending) its inspectors in canonical order (key
 *   ascending) are shuffled by Fisher–Yates on stream "inspectors|" + departmentId (for i from len−1
 *   down to 1: j = uniform(i + 1), swap i and j). Each department keeps a cursor into its queue (from 0).
 * - Assignment, entity by entity in the order drawn: slots = inspectorsPerEntity split over the task's
 *   departments (department ids ascending; the first `slots mod D` departments get one more). For each
 *   department, walk its queue from the cursor, at most once round, taking inspectors who cover the
 *   entity's region (their region path equals it or is a prefix at a "/"; "" covers all) and are not
 *   excluded from it (recusal); the cursor moves past the last one taken. If any department cannot
 *   fill its slots the entity is skipped (reason `no_eligible_inspectors`), no cursor moves, and
 *   drawing goes on until the target number of entities is staffed or the pool is used up.
 * - Target: `count` (capped at the pool size) or ceil(poolSize × proportionBp / 10000).
 */
import {
  byAscii,
  canonicalExclusions,
  canonicalParams,
  canonicalResult,
  entityLine,
  hashEach,
  hashLines,
  inspectorLine,
  sortEntities,
  sortInspectors,
} from './draw-canonical.ts';
import { commitmentOf, isSeed, sm3, Sm3Stream } from './draw-prng.ts';
import {
  DrawInputError,
  SUPPORTED_ALGORITHMS,
  creditLevels,
  recusalReasons,
  riskLevels,
  type DrawAssignment,
  type DrawEntity,
  type DrawHashes,
  type DrawInputs,
  type DrawInspector,
  type DrawOutcome,
  type DrawParams,
} from './draw-types.ts';
import { EntityPool } from './entity-pool.ts';

// The reference implementation in parts: the data (draw-types.ts), the randomness (draw-prng.ts),
// the canonical lines and hashes (draw-canonical.ts), the pool (entity-pool.ts); the draw itself here.
export * from './draw-types.ts';
export { Sm3Stream, commitmentOf, isSeed } from './draw-prng.ts';
export {
  canonicalEntities,
  canonicalExclusions,
  canonicalInspectors,
  canonicalParams,
  canonicalResult,
  hashLines,
  sortEntities,
  sortExclusions,
  sortInspectors,
} from './draw-canonical.ts';
export { EntityPool } from './entity-pool.ts';

export function inputHashes(
  inputs: Pick<DrawInputs, 'params' | 'inspectors' | 'exclusions'> & { entities: DrawEntity[] | EntityPool },
  sorted = false,
): Omit<DrawHashes, 'result'> {
  return {
    params: sm3(canonicalParams(inputs.params)),
    entities: inputs.entities instanceof EntityPool ? inputs.entities.hash() : hashEach(sorted ? inputs.entities : sortEntities(inputs.entities), entityLine),
    inspectors: hashEach(sorted ? inputs.inspectors : sortInspectors(inputs.inspectors), inspectorLine),
    exclusions: hashLines(canonicalExclusions(inputs.exclusions)),
  };
}

// ---------- validation ----------

function assertWeight(name: string, w: unknown): void {
  if (!Number.isInteger(w) || (w as number) < 1 || (w as number) > 100) throw new DrawInputError(name, `${name} must be an integer from 1 to 100`);
}

/** Checks everything but the entity pool (EntityPool checks that while reading it). */
export function validateInputs(inputs: Omit<DrawInputs, 'entities'>): void {
  const { params: p } = inputs;
  if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(inputs.algorithm))
    throw new DrawInputError('algorithm', `unsupported algorithm ${inputs.algorithm}`);
  if (!isSeed(inputs.seed)) throw new DrawInputError('seed', 'a seed is 64 lowercase hex digits');
  if ((p.count === null) === (p.proportionBp === null)) throw new DrawInputError('count', 'give exactly one of count and proportion');
  if (p.count !== null && (!Number.isInteger(p.count) || p.count < 1)) throw new DrawInputError('count', 'count must be a positive integer');
  if (p.proportionBp !== null && (!Number.isInteger(p.proportionBp) || p.proportionBp < 1 || p.proportionBp > 10000)) {
    throw new DrawInputError('proportionBp', 'proportion must be 1 to 10000 basis points');
  }
  if (p.departmentIds.length === 0 || new Set(p.departmentIds).size !== p.departmentIds.length)
    throw new DrawInputError('departmentIds', 'one or more distinct departments');
  if (!Number.isInteger(p.inspectorsPerEntity) || p.inspectorsPerEntity < Math.max(2, p.departmentIds.length) || p.inspectorsPerEntity > 20) {
    throw new DrawInputError('inspectorsPerEntity', 'at least two inspectors per entity, and at least one per department');
  }
  for (const r of riskLevels) assertWeight(`riskWeights.${r}`, p.riskWeights[r]);
  for (const c of creditLevels) assertWeight(`creditWeights.${c}`, p.creditWeights[c]);
  const keys = new Set<string>();
  for (const i of inputs.inspectors) {
    if (keys.has(i.key)) throw new DrawInputError('inspectors', `duplicate inspector ${i.key}`);
    keys.add(i.key);
  }
  for (const x of inputs.exclusions) {
    if (!(recusalReasons as readonly string[]).includes(x.reason)) throw new DrawInputError('exclusions', `bad recusal reason ${x.reason}`);
  }
}

export function targetOf(params: DrawParams, poolSize: number): number {
  if (params.count !== null) return Math.min(params.count, poolSize);
  return Math.min(poolSize, Math.ceil((poolSize * params.proportionBp!) / 10000));
}

// ---------- the draw ----------

/** Fenwick tree over integer weights: O(log n) find-by-prefix and remove. */
class WeightTree {
  private readonly tree: Float64Array;
  private readonly size: number;
  private readonly top: number;
  total = 0;

  constructor(weights: ArrayLike<number>) {
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

  /** The index i (0-based) with prefix(i) ≤ r < prefix(i + 1). */
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

/**
 * Coverage as the published algorithm states it. Deliberately not the platform's regionWithin
 * (the same rule today): yiwang-draw/1 must re-run identically for ever, whatever the platform's
 * authorisation helper may come to mean.
 */
function covers(inspectorPath: string, entityPath: string): boolean {
  return inspectorPath === '' || entityPath === inspectorPath || entityPath.startsWith(`${inspectorPath}/`);
}

/** Slots per department: the first `m mod D` departments (ascending id) get one more. */
export function slotsPerDepartment(params: DrawParams): [string, number][] {
  const depts = [...params.departmentIds].sort(byAscii);
  const base = Math.floor(params.inspectorsPerEntity / depts.length);
  const extra = params.inspectorsPerEntity % depts.length;
  return depts.map((d, i) => [d, base + (i < extra ? 1 : 0)]);
}

export function runDraw(inputs: Omit<DrawInputs, 'entities'> & { entities: DrawEntity[] | string | EntityPool }): DrawOutcome {
  validateInputs(inputs);
  const { params, seed } = inputs;
  const pool =
    inputs.entities instanceof EntityPool
      ? inputs.entities
      : typeof inputs.entities === 'string'
        ? EntityPool.fromText(inputs.entities)
        : EntityPool.fromEntities(inputs.entities);
  const poolSize = pool.size;
  const weights = pool.weights(params);
  const tree = new WeightTree(weights);
  const target = targetOf(params, poolSize);
  const excluded = new Set(inputs.exclusions.map((x) => `${x.inspectorKey}\n${x.uscc}`));

  const slots = slotsPerDepartment(params);
  const queues = new Map<string, DrawInspector[]>();
  const cursors = new Map<string, number>();
  const sortedInspectors = sortInspectors(inputs.inspectors);
  const hashes = inputHashes({ params, entities: pool, inspectors: sortedInspectors, exclusions: inputs.exclusions }, true);
  for (const [dept] of slots) {
    const queue = sortedInspectors.filter((i) => i.departmentId === dept);
    const stream = new Sm3Stream(seed, `inspectors|${dept}`);
    for (let i = queue.length - 1; i >= 1; i--) {
      const j = stream.below(i + 1);
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
    }
    queues.set(dept, queue);
    cursors.set(dept, 0);
  }

  const stream = new Sm3Stream(seed, 'entities');
  const selected: DrawAssignment[] = [];
  const skipped: DrawOutcome['skipped'] = [];
  while (selected.length < target && tree.total > 0) {
    const index = tree.find(stream.below(tree.total));
    tree.remove(index, weights[index]!);
    const entity = { uscc: pool.uscc(index), regionPath: pool.regionPath(index) };
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

  return {
    algorithm: inputs.algorithm,
    poolSize,
    target,
    selected,
    skipped,
    hashes: { ...hashes, result: hashLines(canonicalResult(selected, skipped)) },
  };
}

export interface VerifyReport {
  matches: boolean;
  checks: { name: string; expected: string; actual: string; ok: boolean }[];
}

/** Re-runs a draw from its disclosed inputs and compares every hash with the recorded ones. */
export function verifyDraw(inputs: DrawInputs, recorded: { commitment: string; hashes: DrawHashes }): VerifyReport {
  const outcome = runDraw(inputs);
  const checks = [
    { name: 'commitment', expected: recorded.commitment, actual: commitmentOf(inputs.seed) },
    ...(['params', 'entities', 'inspectors', 'exclusions', 'result'] as const).map((k) => ({
      name: k,
      expected: recorded.hashes[k],
      actual: outcome.hashes[k],
    })),
  ].map((c) => ({ ...c, ok: c.expected === c.actual }));
  return { matches: checks.every((c) => c.ok), checks };
}
