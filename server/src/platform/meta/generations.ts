import { sql } from 'drizzle-orm';
import { rawRows, type Executor } from '../db/types.ts';
import type { Ctx, TxCtx } from '../context.ts';

/**
 * Generation counters: what an in-process cache checks to know it is still right, in every process
 * sharing the database. A change to cached data bumps its counter in the same transaction
 * (`bumpGeneration`); a reader compares the counter with the one its cached copy was built at.
 * Counters are rows of system_meta ('generation.<name>'); a missing row reads as 0.
 *
 * - `auth`: who an account is and what it may do (accounts, staff, role assignments, roles, names).
 * - `org`: regions and departments.
 * A module caching its own reference data (a category tree, workflow definitions) picks its own
 * name, e.g. 'hotline'.
 */
export type GenerationName = 'auth' | 'org' | (string & {});
export type Generations = Record<string, number | undefined>;

/** The counters as one jsonb column, to add to a statement the request sends anyway. */
export const generationsColumn = sql<
  Record<string, unknown>
>`(SELECT coalesce(jsonb_object_agg(substr(key, 12), value), '{}'::jsonb) FROM system_meta WHERE key LIKE 'generation.%')`;

export function parseGenerations(value: unknown): Generations {
  const raw = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null;
  const out: Generations = {};
  for (const [k, v] of Object.entries(raw ?? {})) out[k as GenerationName] = Number(v);
  return out;
}

/**
 * The counters a request works with, read at most once per request: the session statement fills
 * it (platform/http actor resolution); a request without a session reads it on first use.
 * A holder object, so copies of the Ctx ({ ...ctx, actor }) share it.
 */
export interface GenerationSnapshot {
  values?: Generations;
}

export async function readGenerations(db: Executor): Promise<Generations> {
  const [row] = await rawRows<{ g: unknown }>(db, sql`SELECT ${generationsColumn} AS g`);
  return parseGenerations(row?.g);
}

/**
 * The counters this process read last, per database handle, trusted for CACHE_RECHECK_SECONDS:
 * a request within that time needs no statement to know them. A bump in this process forgets them
 * at its commit (every handle: `localEpoch`), so a change made here takes effect at once; one made
 * by another process on the same database is seen within CACHE_RECHECK_SECONDS.
 */
const recent = new WeakMap<object, { values: Generations; at: number; epoch: number }>();
let localEpoch = 0;

/** The epoch to pass to `rememberGenerations` for counters read from now on. */
export function generationsEpoch(): number {
  return localEpoch;
}

/** Keeps counters read at `epoch` (`generationsEpoch()` before the read), unless a bump committed meanwhile. */
export function rememberGenerations(database: object, values: Generations, epoch: number): void {
  if (epoch === localEpoch) recent.set(database, { values, at: performance.now(), epoch });
}

/** The counters read within the last `maxAgeMs` on `database`, if no bump in this process committed since. */
export function recentGenerations(database: object, maxAgeMs: number): Generations | undefined {
  const entry = recent.get(database);
  if (!entry || entry.epoch !== localEpoch || performance.now() - entry.at > maxAgeMs) return undefined;
  return entry.values;
}

/**
 * For a module that bumps its counter with its own statement (the catalog's repository has the
 * transaction's handle, not its TxCtx): forgets the recent counters now, and again when `transact`
 * sees that transaction commit (`generationsCommitted`).
 */
const bumpedIn = new WeakSet<object>();
export function generationBumpedIn(tx: object): void {
  bumpedIn.add(tx);
  localEpoch++;
}

/** Called by `transact` after a commit: a transaction that bumped a counter forgets the recent counters once more. */
export function generationsCommitted(tx: object): void {
  if (bumpedIn.has(tx)) localEpoch++;
}

/** Forgets every handle's recent counters: a change made behind the application's back (raw SQL in a test, a restore). */
export function forgetGenerations(): void {
  localEpoch++;
}

/** The request's counter `name`: from the request's snapshot, the process's recent read, or one statement. */
export async function currentGeneration(ctx: Ctx, name: GenerationName): Promise<number> {
  const snapshot = ctx.generations;
  if (snapshot?.values) return snapshot.values[name] ?? 0;
  const known = 'tx' in ctx ? undefined : recentGenerations(ctx.database, ctx.config.CACHE_RECHECK_SECONDS * 1000);
  const epoch = localEpoch;
  const values = known ?? (await readGenerations(ctx.database.db));
  if (!known && !('tx' in ctx)) rememberGenerations(ctx.database, values, epoch);
  if (snapshot) snapshot.values = values;
  return values[name] ?? 0;
}

/**
 * Bumps counter `name` in the transaction of the change: other processes see the change and the
 * new counter together. After the commit this process forgets the request's snapshot, so a read
 * later in the same request does not trust a copy made before the change.
 */
export async function bumpGeneration(t: TxCtx, name: GenerationName): Promise<void> {
  const key = `generation.${name}`;
  await t.tx.execute(sql`
    INSERT INTO system_meta (key, value, updated_at) VALUES (${key}, '1'::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((system_meta.value #>> '{}')::bigint + 1), updated_at = now()`);
  const snapshot = t.generations;
  localEpoch++;
  t.afterCommit(() => {
    if (snapshot) snapshot.values = undefined;
    localEpoch++;
  });
}
