import type { Ctx, TxCtx } from '../../platform/context.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { listDepartments, type DepartmentView } from '../org/index.ts';
import { defaultLimit, type Limit } from './limits.ts';
import { apiKeyRepo, categoryRepo, limitRepo, type CategoryRow } from './repository.ts';
import type { ticketKinds, ticketUrgencies } from './tables.ts';

/**
 * The hotline's reference data (categories, the limits table, Open311 keys), kept in memory per
 * 'hotline' generation: every write of it bumps the generation in its transaction (bumpHotline), so
 * every process reloads on its next request. Inside a transaction the cache reads through.
 */
export const bumpHotline = (t: TxCtx) => bumpGeneration(t, 'hotline');

const categories = generationCache('hotline', async (ctx) => {
  const all = await categoryRepo.all(ctx.database.db);
  return { all, byId: new Map(all.map((c) => [c.id, c])), byCode: new Map(all.map((c) => [c.code, c])) };
});

/** The category tree in display order. */
export async function allCategories(ctx: Ctx): Promise<CategoryRow[]> {
  return (await categories(ctx)).all;
}
export async function categoriesById(ctx: Ctx): Promise<Map<string, CategoryRow>> {
  return (await categories(ctx)).byId;
}
export async function categoryByCode(ctx: Ctx, code: string): Promise<CategoryRow | undefined> {
  return (await categories(ctx)).byCode.get(code);
}

const limits = generationCache('hotline', async (ctx) => new Map((await limitRepo.all(ctx.database.db)).map((r) => [`${r.kind}/${r.urgency}`, r])));

/** The limit for a kind × urgency from the table (the default when the row is missing). */
export async function limitFor(ctx: Ctx, kind: (typeof ticketKinds)[number], urgency: (typeof ticketUrgencies)[number]): Promise<Limit> {
  const row = (await limits(ctx)).get(`${kind}/${urgency}`);
  return row ? { conclusionUnit: row.conclusionUnit, conclusionAmount: row.conclusionAmount, signMinutes: row.signMinutes } : defaultLimit(kind, urgency);
}

const activeKeys = generationCache('hotline', async (ctx) => new Map((await apiKeyRepo.allActive(ctx.database.db)).map((k) => [k.keyHash, k])));

/** The unrevoked Open311 key with this SM3 digest. */
export async function activeApiKey(ctx: Ctx, keyHash: string) {
  return (await activeKeys(ctx)).get(keyHash);
}

const byKind = new Map<string, (ctx: Ctx) => Promise<DepartmentView[]>>();

/** Active departments of a kind (the center, district units, functional departments): org reference data, per 'org' generation. */
export async function departmentsOfKind(ctx: Ctx, kind: string): Promise<DepartmentView[]> {
  let load = byKind.get(kind);
  if (!load) {
    load = generationCache('org', async (c) => (await listDepartments(c, { page: 1, pageSize: 100, kind }, { public: true })).items.filter((d) => d.active));
    byKind.set(kind, load);
  }
  return load(ctx);
}
