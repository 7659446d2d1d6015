/**
 * SM3 (GB/T 32905-2016) in TypeScript, incremental: `new Sm3().update(bytes).update(text).digest()`.
 * Used in the browser to re-run a draw (yiwang-draw/1); the server uses node:crypto's `sm3`.
 */
const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const rotl = (x: number, n: number) => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0;
const P0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const P1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;
const T = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));
const encoder = new TextEncoder();

export class Sm3 {
  private readonly v = Int32Array.from(IV);
  private readonly w = new Int32Array(68);
  private readonly w1 = new Int32Array(64);
  private readonly buf = new Uint8Array(64);
  private bufLen = 0;
  private total = 0;

  update(data: Uint8Array | string): this {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    this.total += bytes.length;
    let i = 0;
    if (this.bufLen > 0) {
      const take = Math.min(64 - this.bufLen, bytes.length);
      this.buf.set(bytes.subarray(0, take), this.bufLen);
      this.bufLen += take;
      i = take;
      if (this.bufLen < 64) return this;
      this.compress(this.buf, 0);
      this.bufLen = 0;
    }
    for (; i + 64 <= bytes.length; i += 64) this.compress(bytes, i);
    if (i < bytes.length) {
      this.buf.set(bytes.subarray(i), 0);
      this.bufLen = bytes.length - i;
    }
    return this;
  }

  digest(): Uint8Array {
    const bitLen = this.total * 8;
    const padLen = this.bufLen < 56 ? 56 - this.bufLen : 120 - this.bufLen;
    const pad = new Uint8Array(padLen + 8);
    pad[0] = 0x80;
    const hi = Math.floor(bitLen / 2 ** 32);
    const lo = bitLen >>> 0;
    const dv = new DataView(pad.buffer);
    dv.setUint32(padLen, hi);
    dv.setUint32(padLen + 4, lo);
    const total = this.total;
    this.update(pad);
    this.total = total;
    const out = new Uint8Array(32);
    const ov = new DataView(out.buffer);
    for (let k = 0; k < 8; k++) ov.setUint32(k * 4, this.v[k]! >>> 0);
    return out;
  }

  hex(): string {
    return toHex(this.digest());
  }

  private compress(b: Uint8Array, off: number): void {
    const w = this.w;
    const w1 = this.w1;
    for (let j = 0; j < 16; j++) {
      const p = off + j * 4;
      w[j] = (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
    }
    for (let j = 16; j < 68; j++) {
      w[j] = P1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!;
    }
    for (let j = 0; j < 64; j++) w1[j] = w[j]! ^ w[j + 4]!;
    let [a, bb, c, d, e, f, g, h] = this.v as unknown as number[];
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a!, 12);
      const ss1 = rotl((a12 + e! + T[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a! ^ bb! ^ c! : (a! & bb!) | (a! & c!) | (bb! & c!);
      const gg = j < 16 ? e! ^ f! ^ g! : (e! & f!) | (~e! & g!);
      const tt1 = (ff + d! + ss2 + w1[j]!) | 0;
      const tt2 = (gg + h! + ss1 + w[j]!) | 0;
      d = c;
      c = rotl(bb!, 9);
      bb = a;
      a = tt1;
      h = g;
      g = rotl(f!, 19);
      f = e;
      e = P0(tt2);
    }
    const v = this.v;
    const out = [a!, bb!, c!, d!, e!, f!, g!, h!];
    for (let k = 0; k < 8; k++) v[k] = v[k]! ^ out[k]!;
  }
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export const sm3Hex = (data: Uint8Array | string): string => new Sm3().update(data).hex();
