import { lte, sql } from 'drizzle-orm';
import type { Database } from '../db/index.ts';
import type { Executor } from '../db/types.ts';
import { rateWindows } from './tables.ts';

/**
 * Rate limits shared by every server process: a fixed window per (bucket, key) counted in the
 * database (`rate_windows`) with one atomic upsert, so N processes behind a load balancer give a
 * client the same `max` as one. Used for the anonymous write routes (route config `rateLimit`, key
 * = the client address `request.ip`, which honours TRUST_PROXY) and for sign-in throttling
 * (modules/identity/auth-service.ts). Ended windows are removed by the `platform.rate_windows.sweep`
 * job. `RATE_LIMITS=off` switches the route limits off.
 */
export interface RateLimit {
  /** Routes with the same bucket share one counter. */
  bucket: string;
  max: number;
  windowSeconds: number;
  /** Counted only for callers who are not signed in (signed-in people are accountable). */
  anonymousOnly?: boolean;
}

export interface RateHit {
  ok: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Seconds until the window ends (≥ 1 when refused, 0 when allowed). */
  retryAfterSeconds: number;
}

const secondsUntil = (end: Date, now: Date) => Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));

/**
 * Counts one event (or `amount`, e.g. kilobytes) for (bucket, key) and says whether the window's
 * total is within `max`. One statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): concurrent
 * callers on any process serialise on the row, so no two of them see the same count; inside a
 * transaction the count rolls back with it. A window that has ended starts again.
 */
export async function hitRateLimit(
  db: Executor,
  bucket: string,
  key: string,
  limit: Pick<RateLimit, 'max' | 'windowSeconds'>,
  now = new Date(),
  amount = 1,
): Promise<RateHit> {
  const expiresAt = new Date(now.getTime() + limit.windowSeconds * 1000);
  const ended = sql`${rateWindows.expiresAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateWindows)
    .values({ bucket, key: key.slice(0, 200), count: amount, windowStart: now, expiresAt })
    .onConflictDoUpdate({
      target: [rateWindows.bucket, rateWindows.key],
      set: {
        count: sql`CASE WHEN ${ended} THEN excluded.count ELSE ${rateWindows.count} + excluded.count END`,
        windowStart: sql`CASE WHEN ${ended} THEN excluded.window_start ELSE ${rateWindows.windowStart} END`,
        expiresAt: sql`CASE WHEN ${ended} THEN excluded.expires_at ELSE ${rateWindows.expiresAt} END`,
      },
    })
    .returning({ count: rateWindows.count, expiresAt: rateWindows.expiresAt });
  const ok = row!.count <= limit.max;
  return { ok, count: row!.count, retryAfterSeconds: ok ? 0 : secondsUntil(row!.expiresAt, now) };
}

/** The count of the current window of (bucket, key) without counting: 0 when none is open. */
export async function peekRateLimit(db: Executor, bucket: string, key: string, now = new Date()): Promise<{ count: number; retryAfterSeconds: number }> {
  const [row] = await db
    .select({ count: rateWindows.count, expiresAt: rateWindows.expiresAt })
    .from(rateWindows)
    .where(
      sql`${rateWindows.bucket} = ${bucket} AND ${rateWindows.key} = ${key.slice(0, 200)} AND ${rateWindows.expiresAt} > ${now.toISOString()}::timestamptz`,
    );
  return row ? { count: row.count, retryAfterSeconds: secondsUntil(row.expiresAt, now) } : { count: 0, retryAfterSeconds: 0 };
}

/** Ends the window of (bucket, key) now (e.g. an account's failure count after a good sign-in). */
export async function resetRateLimit(db: Executor, bucket: string, key: string): Promise<void> {
  await db.delete(rateWindows).where(sql`${rateWindows.bucket} = ${bucket} AND ${rateWindows.key} = ${key.slice(0, 200)}`);
}

/** Removes ended windows (the sweep job); returns how many. Counters are not audited: they are not records. */
export async function sweepRateWindows(db: Executor, now = new Date()): Promise<number> {
  const removed = await db.delete(rateWindows).where(lte(rateWindows.expiresAt, now)).returning({ key: rateWindows.key });
  return removed.length;
}

/** The route limiter of one app: every process built on the same database shares its counters. */
export class SharedRateLimiter {
  constructor(private readonly database: Database) {}

  hit(limit: RateLimit, key: string, now = new Date()): Promise<RateHit> {
    return hitRateLimit(this.database.db, `route:${limit.bucket}`, key, limit, now);
  }
}
