/**
 * Per-client request limits for the routes that anyone may call without signing in and that write
 * (the 12345 portal form…): a fixed window per route bucket and client address. The counters live
 * in the process, so with N server processes behind a load balancer a client gets up to N × max;
 * a strict city-wide limit belongs in the reverse proxy (docs/operations.md). Set
 * `TRUST_PROXY=true` behind a proxy, or every client shares the proxy's address.
 */
export interface RateLimit {
  /** Routes with the same bucket share one counter. */
  bucket: string;
  max: number;
  windowSeconds: number;
  /** Counted only for callers who are not signed in (signed-in people are accountable). */
  anonymousOnly?: boolean;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** Counts one request; `retryAfterSeconds` > 0 when it is over the limit. */
  hit(key: string, limit: Pick<RateLimit, 'max' | 'windowSeconds'>, now = Date.now()): { ok: boolean; retryAfterSeconds: number } {
    const windowMs = limit.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      if (this.windows.size >= 50_000) this.prune(now, windowMs);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= limit.max) return { ok: true, retryAfterSeconds: 0 };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
  }

  /** Drops finished windows, so a flood of addresses cannot grow the map without end. */
  private prune(now: number, windowMs: number) {
    for (const [key, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(key);
    if (this.windows.size >= 50_000) this.windows.clear();
  }
}
