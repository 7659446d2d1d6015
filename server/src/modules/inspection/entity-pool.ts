/** The entity pool of a draw, held as its canonical text (draw.ts's header). */
import { createHash } from 'node:crypto';
import { byAscii, entityLine, sortEntities } from './draw-canonical.ts';
import { DrawInputError, creditLevels, riskLevels, type DrawEntity, type DrawParams } from './draw-types.ts';

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
          if (byAscii(nonEmpty[i - 1]!.uscc(nonEmpty[i - 1]!.size - 1), nonEmpty[i]!.uscc(0)) >= 0)
            return EntityPool.fromText(nonEmpty.map((p) => p.text).join(''));
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
      if (RISK_CODE[e.riskLevel] === undefined || CREDIT_CODE[e.creditLevel] === undefined)
        throw new DrawInputError('entities', `bad risk or credit level for ${e.uscc}`);
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
    for (let i = 0; i < t.length;) {
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
