import type { Ctx } from '../../platform/context.ts';
import { allPermissions } from '../../platform/auth/index.ts';
import { currentGeneration } from '../../platform/meta/generations.ts';

type Me = Record<string, unknown>;

/**
 * What /api/auth/me answers a staff member, kept per account for one `auth` and one `org` generation
 * (accounts, staff, grants and roles bump `auth`; department and region names bump `org`), so a
 * warm staff "who am I" costs the session statement only instead of three (account, staff with its
 * grants). Read fresh every time: `mustChangePassword` (from the session statement) and the
 * permissions (from the actor, cached for the same `auth` generation). Citizens' and companies'
 * answers are not kept: their person and company rows change without a generation.
 * Kept per database handle (as generationCache); least recently used accounts go first beyond MAX.
 */
const MAX = 5_000;
type Entries = Map<string, { auth: number; org: number; me: Me }>;
const byDatabase = new WeakMap<object, Entries>();
const entriesOf = (ctx: Ctx): Entries => {
  let entries = byDatabase.get(ctx.database);
  if (!entries) byDatabase.set(ctx.database, (entries = new Map()));
  return entries;
};

export async function cachedStaffMe(ctx: Ctx): Promise<Me | undefined> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !actor.id || 'tx' in ctx) return undefined;
  const entries = entriesOf(ctx);
  const entry = entries.get(actor.id);
  if (!entry) return undefined;
  entries.delete(actor.id);
  if (entry.auth !== (await currentGeneration(ctx, 'auth')) || entry.org !== (await currentGeneration(ctx, 'org'))) return undefined;
  entries.set(actor.id, entry);
  return { ...entry.me, mustChangePassword: actor.mustChangePassword ?? entry.me.mustChangePassword, permissions: allPermissions(actor) };
}

/** Keeps a staff member's answer for the generations the request read it at. */
export async function rememberStaffMe(ctx: Ctx, me: Me): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind !== 'staff' || !actor.id || 'tx' in ctx) return;
  const entries = entriesOf(ctx);
  entries.delete(actor.id);
  entries.set(actor.id, { auth: await currentGeneration(ctx, 'auth'), org: await currentGeneration(ctx, 'org'), me });
  while (entries.size > MAX) entries.delete(entries.keys().next().value!);
}
