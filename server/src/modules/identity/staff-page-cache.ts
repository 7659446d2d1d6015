import type { Ctx, TxCtx } from '../../platform/context.ts';
import { bumpGeneration, currentGeneration } from '../../platform/meta/generations.ts';

/**
 * The staff administration list, kept per (scope, query) for one generation of everything it shows:
 * `auth` (staff, accounts, grants, roles: every change there bumps it), `org` (department names) and
 * `staff` (what changes a list row without changing anyone's powers: a new staff member, an account
 * locked after failed sign-ins). A warm page costs no statement (the generations come with the
 * session, or from the process's recent read: a change in another process shows within
 * CACHE_RECHECK_SECONDS, as for permissions). `locked` is worked out when the page is shown, from the
 * cached lock time, so a lock that runs out shows at once. Inside a transaction the cache is bypassed.
 * Least recently used pages go first beyond MAX.
 */
export const STAFF_GENERATION = 'staff';
const MAX = 1_000;

type Entry<T> = { generations: string; page: Promise<T> };
const byDatabase = new WeakMap<object, Map<string, Entry<unknown>>>();

/** Bumps the staff list's own generation in the transaction of a change it shows. */
export const staffListChanged = (t: TxCtx) => bumpGeneration(t, STAFF_GENERATION);

export async function cachedStaffPage<T>(ctx: Ctx, key: string, load: () => Promise<T>): Promise<T> {
  if ('tx' in ctx) return load();
  const generations = `${await currentGeneration(ctx, 'auth')}.${await currentGeneration(ctx, 'org')}.${await currentGeneration(ctx, STAFF_GENERATION)}`;
  let entries = byDatabase.get(ctx.database);
  if (!entries) byDatabase.set(ctx.database, (entries = new Map()));
  const entry = entries.get(key) as Entry<T> | undefined;
  entries.delete(key);
  if (entry && entry.generations === generations) {
    entries.set(key, entry);
    return entry.page;
  }
  const page = load();
  const fresh: Entry<T> = { generations, page };
  entries.set(key, fresh);
  while (entries.size > MAX) entries.delete(entries.keys().next().value!);
  page.catch(() => {
    if (entries.get(key) === fresh) entries.delete(key);
  });
  return page;
}
