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

/** The request's counter `name` (one statement the first time in a request without a session). */
export async function currentGeneration(ctx: Ctx, name: GenerationName): Promise<number> {
  const snapshot = ctx.generations;
  if (snapshot?.values) return snapshot.values[name] ?? 0;
  const values = await readGenerations(ctx.database.db);
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
  t.afterCommit(() => {
    if (snapshot) snapshot.values = undefined;
  });
}
