/** The draw's randomness: the seed, its commitment, and SM3 in counter mode (draw.ts's header). */
import { createHash } from 'node:crypto';
import { ALGORITHM_VERSION, DrawInputError } from './draw-types.ts';

export function sm3(data: string | Buffer): string {
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
