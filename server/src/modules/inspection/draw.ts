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
import { createHash } from 'node:crypto';

export const ALGORITHM_VERSION = 'yiwang-draw/1';
export const SUPPORTED_ALGORITHMS = [ALGORITHM_VERSION] as const;

export const riskLevels = ['low', 'medium', 'high'] as const;
export const creditLevels = ['A', 'B', 'C', 'D'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type CreditLevel = (typeof creditLevels)[number];
export const recusalReasons = ['relation', 'same_address', 'recent'] as const;
export type RecusalReason = (typeof recusalReasons)[number];

export interface DrawEntity {
  uscc: string;
  regionPath: string;
  riskLevel: RiskLevel;
  creditLevel: CreditLevel;
}

export interface DrawInspector {
  /** An opaque, stable key (the inspector-directory id); never a name or certificate number. */
  key: string;
  departmentId: string;
  regionPath: string;
}

export interface DrawExclusion {
  inspectorKey: string;
  uscc: string;
  reason: RecusalReason;
}

export interface DrawParams {
  /** Exactly one of count and proportionBp (basis points: 500 = 5%). */
  count: number | null;
  proportionBp: number | null;
  inspectorsPerEntity: number;
  departmentIds: string[];
  riskWeights: Record<RiskLevel, number>;
  creditWeights: Record<CreditLevel, number>;
}

export interface DrawInputs {
  algorithm: string;
  /** 64 hex digits (32 bytes). */
  seed: string;
  params: DrawParams;
  /**
   * The entity pool: a list, or (big pools, as disclosed by the server) its canonical text, the
   * `E|uscc|regionPath|risk|credit\n` lines whose SM3 is the `entities` hash.
   */
  entities: DrawEntity[] | string;
  inspectors: DrawInspector[];
  exclusions: DrawExclusion[];
}

export interface DrawAssignment {
  uscc: string;
  inspectorKeys: string[];
}

export interface DrawOutcome {
  algorithm: string;
  poolSize: number;
  target: number;
  selected: DrawAssignment[];
  skipped: { uscc: string; reason: 'no_eligible_inspectors' }[];
  hashes: DrawHashes;
}

export interface DrawHashes {
  params: string;
  entities: string;
  inspectors: string;
  exclusions: string;
  result: string;
}

export class DrawInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DrawInputError';
  }
}

export const defaultRiskWeights: Record<RiskLevel, number> = { low: 1, medium: 1, high: 1 };
export const defaultCreditWeights: Record<CreditLevel, number> = { A: 1, B: 1, C: 1, D: 1 };

function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

// ---------- seed and commitment ----------

export function isSeed(seed: string): boolean {
  return /^[0-9a-f]{64}$/.test(seed);
}

/** The commitment published before the draw: SM3 over the 32 raw seed bytes. */
export function commitmentOf(seed: string): string {
  if (!isSeed(seed)) throw new DrawInputError('seed', 'a seed is 64 lowercase hex digits');
  return sm3(Buffer.from(seed, 'hex'));
}

// ---------- PRNG ----------

const TWO_48 = 2 ** 48;

/** SM3 in counter mode (see the header). */
export class Sm3Stream {
  private block: Buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0n;
  private readonly prefix: Buffer;

  constructor(seed: string, label: string) {
    if (!isSeed(seed)) throw new DrawInputError('seed', 'a seed is 64 lowercase hex digits');
    this.prefix = Buffer.concat([Buffer.from(seed, 'hex'), Buffer.from(`${ALGORITHM_VERSION}|${label}|`, 'utf8')]);
  }

  private refill(): void {
    const ctr = Buffer.alloc(8);
    ctr.writeBigUInt64BE(this.counter++);
    const next = createHash('sm3').update(this.prefix).update(ctr).digest();
    this.block = this.offset < this.block.length ? Buffer.concat([this.block.subarray(this.offset), next]) : next;
    this.offset = 0;
  }

  /** The next 6 bytes as a big-endian integer in [0, 2^48). */
  next48(): number {
    if (this.block.length - this.offset < 6) this.refill();
    const v = this.block.readUIntBE(this.offset, 6);
    this.offset += 6;
    return v;
  }

  /** Uniform integer in [0, n), by rejection (n ≤ 2^48). */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > TWO_48) throw new RangeError(`bad bound ${n}`);
    const limit = TWO_48 - (TWO_48 % n);
    for (;;) {
      const r = this.next48();
      if (r < limit) return r % n;
    }
  }
}

// ---------- canonical serialisation and hashes ----------

function field(name: string, v: string): string {
  if (v.includes('|') || v.includes('\n') || v.includes('\r')) throw new DrawInputError(name, `${name} may not contain "|" or a line break`);
  return v;
}

const byAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function canonicalParams(p: DrawParams): string {
  return (
    [
      'P',
      p.count === null ? '-' : String(p.count),
      p.proportionBp === null ? '-' : String(p.proportionBp),
      String(p.inspectorsPerEntity),
      [...p.departmentIds].sort(byAscii).map((d) => field('departmentIds', d)).join(','),
      riskLevels.map((r) => String(p.riskWeights[r])).join(','),
      creditLevels.map((c) => String(p.creditWeights[c])).join(','),
    ].join('|') + '\n'
  );
}

export function sortEntities(list: DrawEntity[]): DrawEntity[] {
  return [...list].sort((a, b) => byAscii(a.uscc, b.uscc));
}
export function sortInspectors(list: DrawInspector[]): DrawInspector[] {
  return [...list].sort((a, b) => byAscii(a.key, b.key));
}
const byExclusion = (a: DrawExclusion, b: DrawExclusion) => byAscii(a.inspectorKey, b.inspectorKey) || byAscii(a.uscc, b.uscc) || byAscii(a.reason, b.reason);
/** Sorted by inspectorKey, uscc, reason (a list already in that order is returned as it is). */
export function sortExclusions(list: DrawExclusion[]): DrawExclusion[] {
  for (let i = 1; i < list.length; i++) if (byExclusion(list[i - 1]!, list[i]!) > 0) return [...list].sort(byExclusion);
  return list;
}

/** One line per entity, USCC ascending: `E|uscc|regionPath|risk|credit\n`. */
const entityLine = (e: DrawEntity) => `E|${field('uscc', e.uscc)}|${field('regionPath', e.regionPath)}|${e.riskLevel}|${e.creditLevel}\n`;
export function canonicalEntities(list: DrawEntity[], sorted = false): string[] {
  return (sorted ? list : sortEntities(list)).map(entityLine);
}
/** `I|key|departmentId|regionPath\n`, key ascending. */
const inspectorLine = (i: DrawInspector) => `I|${field('key', i.key)}|${field('departmentId', i.departmentId)}|${field('regionPath', i.regionPath)}\n`;
export function canonicalInspectors(list: DrawInspector[], sorted = false): string[] {
  return (sorted ? list : sortInspectors(list)).map(inspectorLine);
}
/** `X|inspectorKey|uscc|reason\n`, sorted by all three. */
export function canonicalExclusions(list: DrawExclusion[]): string[] {
  return sortExclusions(list).map((x) => `X|${field('inspectorKey', x.inspectorKey)}|${field('uscc', x.uscc)}|${x.reason}\n`);
}
/** `S|uscc|key1,key2,…\n` in draw order, then `K|uscc|reason\n` for skipped entities. */
export function canonicalResult(selected: DrawAssignment[], skipped: DrawOutcome['skipped']): string[] {
  return [...selected.map((s) => `S|${s.uscc}|${s.inspectorKeys.join(',')}\n`), ...skipped.map((k) => `K|${k.uscc}|${k.reason}\n`)];
}

/** SM3 over the concatenated lines (UTF-8), fed in chunks so a million lines never form one string. */
export function hashLines(lines: string[]): string {
  return hashEach(lines, (l) => l);
}

function hashEach<T>(list: T[], line: (x: T) => string): string {
  const h = createHash('sm3');
  let chunk = '';
  for (let i = 0; i < list.length; i++) {
    chunk += line(list[i]!);
    if (chunk.length > 65536) {
      h.update(chunk, 'utf8');
      chunk = '';
    }
  }
  h.update(chunk, 'utf8');
  return h.digest('hex');
}

export function inputHashes(inputs: Pick<DrawInputs, 'params' | 'inspectors' | 'exclusions'> & { entities: DrawEntity[] | EntityPool }, sorted = false): Omit<DrawHashes, 'result'> {
  return {
    params: sm3(canonicalParams(inputs.params)),
    entities: inputs.entities instanceof EntityPool ? inputs.entities.hash() : hashEach(sorted ? inputs.entities : sortEntities(inputs.entities), entityLine),
    inspectors: hashEach(sorted ? inputs.inspectors : sortInspectors(inputs.inspectors), inspectorLine),
    exclusions: hashLines(canonicalExclusions(inputs.exclusions)),
  };
}

// ---------- the entity pool ----------

const RISK_CODE: Record<string, number> = { low: 0, medium: 1, high: 2 };
const CREDIT_CODE: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };
/** Credit code by character code ('A'..'D'), read without slicing the line. */
const CREDIT_AT: Record<number, number> = { 65: 0, 66: 1, 67: 2, 68: 3 };
/** The risk code of text[from, to), compared in place (no substring per line). */
function riskAt(text: string, from: number, to: number): number | undefined {
  const n = to - from;
  if (n === 3 && text.startsWith('low', from)) return 0;
  if (n === 6 && text.startsWith('medium', from)) return 1;
  if (n === 4 && text.startsWith('high', from)) return 2;
  return undefined;
}

/**
 * The entity pool as its canonical text: `E|uscc|regionPath|risk|credit\n` lines in USCC order.
 * A million entities stay one string (about 60 MB) plus two typed arrays: no object per entity,
 * the `entities` hash is one SM3 over the text, and an entity's fields are read only when drawn.
 */
export class EntityPool {
  private constructor(
    /** The canonical text (what the `entities` hash is over). */
    readonly text: string,
    /** Start of each line, and the text length at the end. */
    private readonly starts: Int32Array,
    /** risk code × 4 + credit code, per entity. */
    private readonly levels: Uint8Array,
  ) {}

  get size(): number {
    return this.starts.length - 1;
  }

  /**
   * Reads canonical lines. Lines out of order are sorted (slowly); a malformed line, a bad level or a
   * duplicate USCC is a DrawInputError.
   */
  static fromText(text: string): EntityPool {
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) throw new DrawInputError('entities', 'the entity lines must end with a line break');
    let n = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
    const starts = new Int32Array(n + 1);
    const levels = new Uint8Array(n);
    let sorted = true;
    let prevStart = -1;
    let prevEnd = -1;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const end = text.indexOf('\n', s);
      const b1 = text.indexOf('|', s + 2);
      const b2 = b1 < 0 ? -1 : text.indexOf('|', b1 + 1);
      const b3 = b2 < 0 ? -1 : text.indexOf('|', b2 + 1);
      if (text.charCodeAt(s) !== 69 || text.charCodeAt(s + 1) !== 124 || b1 < 0 || b3 < 0 || b3 > end || b1 === s + 2) {
        throw new DrawInputError('entities', `malformed entity line ${i + 1}`);
      }
      const risk = riskAt(text, b2 + 1, b3);
      const credit = end === b3 + 2 ? CREDIT_AT[text.charCodeAt(b3 + 1)] : undefined;
      if (risk === undefined || credit === undefined) throw new DrawInputError('entities', `bad risk or credit level on entity line ${i + 1}`);
      if (text.charCodeAt(end - 1) === 13) throw new DrawInputError('entities', `line break in entity line ${i + 1}`);
      levels[i] = risk * 4 + credit;
      starts[i] = s;
      if (prevStart >= 0) {
        const c = compareRange(text, prevStart + 2, prevEnd, s + 2, b1);
        if (c === 0) throw new DrawInputError('entities', `duplicate entity ${text.slice(s + 2, b1)}`);
        if (c > 0) sorted = false;
      }
      prevStart = s;
      prevEnd = b1;
      s = end + 1;
    }
    starts[n] = text.length;
    const pool = new EntityPool(text, starts, levels);
    return sorted ? pool : EntityPool.fromEntities(pool.toEntities());
  }

  /**
   * The pool read in parts (consecutive USCC ranges, in order), hashed and parsed part by part as
   * they arrive, so the work overlaps with reading the next part. The same pool as fromText of the
   * parts joined.
   */
  static builder(): { add(text: string): void; finish(): EntityPool } {
    const parts: EntityPool[] = [];
    const h = createHash('sm3');
    let exact = true;
    return {
      add(text: string) {
        h.update(text, 'utf8');
        const part = EntityPool.fromText(text);
        if (part.text !== text) exact = false;
        parts.push(part);
      },
      finish() {
        const nonEmpty = parts.filter((p) => p.size > 0);
        if (nonEmpty.length === 0) return EntityPool.fromText('');
        if (nonEmpty.length === 1 && exact) return nonEmpty[0]!.withDigest(h.digest('hex'));
        // The parts must follow each other in USCC order; otherwise the whole text is read again.
        for (let i = 1; i < nonEmpty.length; i++) {
          if (byAscii(nonEmpty[i - 1]!.uscc(nonEmpty[i - 1]!.size - 1), nonEmpty[i]!.uscc(0)) >= 0) return EntityPool.fromText(nonEmpty.map((p) => p.text).join(''));
        }
        const size = nonEmpty.reduce((n, p) => n + p.size, 0);
        const starts = new Int32Array(size + 1);
        const levels = new Uint8Array(size);
        let at = 0;
        let offset = 0;
        for (const p of nonEmpty) {
          for (let i = 0; i < p.size; i++) starts[at + i] = p.starts[i]! + offset;
          levels.set(p.levels, at);
          at += p.size;
          offset += p.text.length;
        }
        starts[size] = offset;
        const pool = new EntityPool(nonEmpty.map((p) => p.text).join(''), starts, levels);
        return exact ? pool.withDigest(h.digest('hex')) : pool;
      },
    };
  }

  private withDigest(digest: string): EntityPool {
    this.digest = digest;
    return this;
  }

  static fromEntities(list: DrawEntity[]): EntityPool {
    const sorted = sortEntities(list);
    const lines: string[] = new Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i]!;
      if (i > 0 && sorted[i - 1]!.uscc === e.uscc) throw new DrawInputError('entities', `duplicate entity ${e.uscc}`);
      if (RISK_CODE[e.riskLevel] === undefined || CREDIT_CODE[e.creditLevel] === undefined) throw new DrawInputError('entities', `bad risk or credit level for ${e.uscc}`);
      if (e.uscc === '') throw new DrawInputError('entities', 'an entity without a USCC');
      lines[i] = entityLine(e);
    }
    return EntityPool.fromText(lines.join(''));
  }

  private bounds(i: number): [number, number, number] {
    const s = this.starts[i]!;
    const b1 = this.text.indexOf('|', s + 2);
    return [s, b1, this.text.indexOf('|', b1 + 1)];
  }

  uscc(i: number): string {
    const [s, b1] = this.bounds(i);
    return this.text.slice(s + 2, b1);
  }

  regionPath(i: number): string {
    const [, b1, b2] = this.bounds(i);
    return this.text.slice(b1 + 1, b2);
  }

  entity(i: number): DrawEntity {
    const l = this.levels[i]!;
    return { uscc: this.uscc(i), regionPath: this.regionPath(i), riskLevel: riskLevels[l >> 2]!, creditLevel: creditLevels[l & 3]! };
  }

  toEntities(): DrawEntity[] {
    return Array.from({ length: this.size }, (_, i) => this.entity(i));
  }

  /** weight_i = riskWeights[risk_i] × creditWeights[credit_i]. */
  weights(params: DrawParams): Float64Array {
    const table = new Float64Array(12);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) table[r * 4 + c] = params.riskWeights[riskLevels[r]!] * params.creditWeights[creditLevels[c]!];
    const out = new Float64Array(this.size);
    for (let i = 0; i < out.length; i++) out[i] = table[this.levels[i]!]!;
    return out;
  }

  /** The index of the entity with this USCC, or -1 (binary search: the lines are in USCC order). */
  indexOf(uscc: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.starts[mid]! + 2;
      const c = compareWith(this.text, s, this.text.indexOf('|', s), uscc);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  has(uscc: string): boolean {
    return this.indexOf(uscc) >= 0;
  }

  /**
   * Those of the USCCs that are in the pool. The lookups are sorted and sweep the pool once
   * (galloping from the last position): independent binary searches over a 60 MB text spend
   * most of their time waiting for memory.
   */
  present(usccs: Iterable<string>): Set<string> {
    const wanted = [...new Set(usccs)].sort();
    const found = new Set<string>();
    const n = this.size;
    const at = (i: number, u: string) => {
      const s = this.starts[i]! + 2;
      return compareWith(this.text, s, this.text.indexOf('|', s), u);
    };
    let base = 0;
    for (const u of wanted) {
      // The first index at or after base whose USCC is not below u.
      let lo = base;
      let probe = base;
      let step = 1;
      while (probe < n && at(probe, u) < 0) {
        lo = probe + 1;
        probe = base + step;
        step *= 2;
      }
      let hi = Math.min(probe, n);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (at(mid, u) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo < n && at(lo, u) === 0) found.add(u);
      base = lo;
    }
    return found;
  }

  private digest: string | undefined;

  /** SM3 of the canonical text (the `entities` hash), computed once. */
  hash(): string {
    this.digest ??= this.computeHash();
    return this.digest;
  }

  private computeHash(): string {
    const h = createHash('sm3');
    const t = this.text;
    for (let i = 0; i < t.length; ) {
      let end = Math.min(t.length, i + (1 << 22));
      // Never split a surrogate pair between two chunks (UTF-8 of each half would differ).
      if (end < t.length && (t.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      h.update(t.slice(i, end), 'utf8');
      i = end;
    }
    return h.digest('hex');
  }
}

/** Compares text[a0, a1) with b by UTF-16 code unit. */
function compareWith(text: string, a0: number, a1: number, b: string): number {
  const n = Math.min(a1 - a0, b.length);
  for (let k = 0; k < n; k++) {
    const d = text.charCodeAt(a0 + k) - b.charCodeAt(k);
    if (d !== 0) return d;
  }
  return a1 - a0 - b.length;
}

/** Compares text[a0, a1) with text[b0, b1) by UTF-16 code unit (= byte order for ASCII). */
function compareRange(text: string, a0: number, a1: number, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let k = 0; k < n; k++) {
    const d = text.charCodeAt(a0 + k) - text.charCodeAt(b0 + k);
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

// ---------- validation ----------

function assertWeight(name: string, w: unknown): void {
  if (!Number.isInteger(w) || (w as number) < 1 || (w as number) > 100) throw new DrawInputError(name, `${name} must be an integer from 1 to 100`);
}

/** Checks everything but the entity pool (EntityPool checks that while reading it). */
export function validateInputs(inputs: Omit<DrawInputs, 'entities'>): void {
  const { params: p } = inputs;
  if (!(SUPPORTED_ALGORITHMS as readonly string[]).includes(inputs.algorithm)) throw new DrawInputError('algorithm', `unsupported algorithm ${inputs.algorithm}`);
  if (!isSeed(inputs.seed)) throw new DrawInputError('seed', 'a seed is 64 lowercase hex digits');
  if ((p.count === null) === (p.proportionBp === null)) throw new DrawInputError('count', 'give exactly one of count and proportion');
  if (p.count !== null && (!Number.isInteger(p.count) || p.count < 1)) throw new DrawInputError('count', 'count must be a positive integer');
  if (p.proportionBp !== null && (!Number.isInteger(p.proportionBp) || p.proportionBp < 1 || p.proportionBp > 10000)) {
    throw new DrawInputError('proportionBp', 'proportion must be 1 to 10000 basis points');
  }
  if (p.departmentIds.length === 0 || new Set(p.departmentIds).size !== p.departmentIds.length) throw new DrawInputError('departmentIds', 'one or more distinct departments');
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
  const pool = inputs.entities instanceof EntityPool ? inputs.entities : typeof inputs.entities === 'string' ? EntityPool.fromText(inputs.entities) : EntityPool.fromEntities(inputs.entities);
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
    ...(['params', 'entities', 'inspectors', 'exclusions', 'result'] as const).map((k) => ({ name: k, expected: recorded.hashes[k], actual: outcome.hashes[k] })),
  ].map((c) => ({ ...c, ok: c.expected === c.actual }));
  return { matches: checks.every((c) => c.ok), checks };
}
