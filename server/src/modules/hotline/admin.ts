import { desc, eq, isNull, and } from 'drizzle-orm';
import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { randomToken, sm3 } from '../../platform/crypto/index.ts';
import { categoryRepo, type CategoryRow } from './repository.ts';
import { hotlineApiKeys, hotlineCategories } from './tables.ts';
import type { CategoryCreate, CategoryUpdate } from './schemas.ts';

export function presentCategory(c: CategoryRow) {
  return { id: c.id, code: c.code, name: c.name, parentId: c.parentId, routing: c.routing, departmentKind: c.departmentKind, limitDays: c.limitDays, notAccepted: c.notAccepted, referTo: c.referTo, active: c.active };
}

export async function listCategories(ctx: Ctx) {
  return (await categoryRepo.all(ctx.database.db)).map(presentCategory);
}

export async function createCategory(ctx: Ctx, input: z.infer<typeof CategoryCreate>) {
  return transact(ctx, async (t) => {
    if (await categoryRepo.findByCode(t.tx, input.code)) throw new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] });
    if (input.parentId && !(await categoryRepo.find(t.tx, input.parentId))) throw new AppError('request.invalid', { fields: [{ field: 'parentId', code: 'not_found' }] });
    const row = { id: newId(), ...input, parentId: input.parentId ?? null, departmentKind: input.departmentKind ?? null, limitDays: input.limitDays ?? null, referTo: input.referTo ?? null };
    await categoryRepo.insert(t.tx, [row]);
    t.audit({ action: 'hotline.category.create', objectType: 'hotline_category', objectId: row.id, summary: { after: row } });
    return presentCategory((await categoryRepo.find(t.tx, row.id))!);
  });
}

/** Edit a category (default department kind, limit, referral) or deactivate it (active: false). */
export async function updateCategory(ctx: Ctx, id: string, input: z.infer<typeof CategoryUpdate>) {
  return transact(ctx, async (t) => {
    const before = await categoryRepo.find(t.tx, id);
    if (!before) throw notFound('hotline_category', id);
    const routing = input.routing ?? before.routing;
    const departmentKind = input.departmentKind === undefined ? before.departmentKind : input.departmentKind;
    if (routing === 'department' && !departmentKind) throw new AppError('request.invalid', { fields: [{ field: 'departmentKind', code: 'required' }] });
    const patch = Object.fromEntries(Object.entries({ ...input, departmentKind }).filter(([, v]) => v !== undefined));
    const [row] = await t.tx.update(hotlineCategories).set(patch).where(eq(hotlineCategories.id, id)).returning();
    const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== (before as Record<string, unknown>)[k]);
    t.audit({
      action: before.active && input.active === false ? 'hotline.category.deactivate' : 'hotline.category.update',
      objectType: 'hotline_category',
      objectId: id,
      summary: { code: before.code, changed, before: Object.fromEntries(changed.map((k) => [k, (before as Record<string, unknown>)[k]])), after: Object.fromEntries(changed.map((k) => [k, (patch as Record<string, unknown>)[k]])) },
    });
    return presentCategory(row!);
  });
}

const presentKey = (k: typeof hotlineApiKeys.$inferSelect) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null, lastUsedAt: k.lastUsedAt?.toISOString() ?? null });

export async function listApiKeys(ctx: Ctx) {
  return (await ctx.database.db.select().from(hotlineApiKeys).orderBy(desc(hotlineApiKeys.createdAt))).map(presentKey);
}

/** Issues an Open311 API key: the key is shown once, only its SM3 digest is kept. */
export async function issueApiKey(ctx: Ctx, name: string, key = `o311_${randomToken(24)}`) {
  return transact(ctx, async (t) => {
    const id = newId();
    await t.tx.insert(hotlineApiKeys).values({ id, name, keyHash: sm3(key), prefix: key.slice(0, 9), createdBy: t.actor.id });
    t.audit({ action: 'hotline.api_key.issue', objectType: 'hotline_api_key', objectId: id, summary: { name, prefix: key.slice(0, 9) } });
    const [row] = await t.tx.select().from(hotlineApiKeys).where(eq(hotlineApiKeys.id, id));
    return { ...presentKey(row!), key };
  });
}

export async function revokeApiKey(ctx: Ctx, id: string) {
  return transact(ctx, async (t) => {
    const [row] = await t.tx.update(hotlineApiKeys).set({ revokedAt: new Date() }).where(and(eq(hotlineApiKeys.id, id), isNull(hotlineApiKeys.revokedAt))).returning();
    if (!row) throw notFound('hotline_api_key', id);
    t.audit({ action: 'hotline.api_key.revoke', objectType: 'hotline_api_key', objectId: id, summary: { name: row.name } });
    return presentKey(row);
  });
}

export async function apiKeyByValue(ctx: Ctx, key: string) {
  const [row] = await ctx.database.db.select().from(hotlineApiKeys).where(and(eq(hotlineApiKeys.keyHash, sm3(key)), isNull(hotlineApiKeys.revokedAt)));
  return row;
}
