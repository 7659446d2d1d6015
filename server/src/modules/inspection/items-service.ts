import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findDepartments, getDepartment } from '../org/index.ts';
import { isUniqueViolation, itemRepo, rulesRepo } from './item-repository.ts';
import { assertCan, inspectionPermissions as P } from './policy.ts';
import type { ItemCreate, ItemListQuery, ItemUpdate, RulesPut } from './schemas.ts';

// The item list (抽查事项清单) and each department's implementation rules.

export async function createItem(ctx: Ctx, input: z.infer<typeof ItemCreate>) {
  const dept = await getDepartment(ctx, input.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  return transact(ctx, async (t) => {
    const id = newId();
    const row = { id, ...input, subItem: input.subItem ?? null };
    await itemRepo.insert(t.tx, row).catch((e: unknown) => {
      throw isUniqueViolation(e) ? new AppError('resource.conflict', { fields: [{ field: 'code', code: 'duplicate' }] }) : e;
    });
    t.audit({ action: 'inspection.item.create', objectType: 'inspection_item', objectId: id, summary: { after: row } });
    return { ...row, departmentName: dept.name, active: true };
  });
}

export async function listItems(ctx: Ctx, q: z.infer<typeof ItemListQuery>) {
  const { rows, total } = await itemRepo.page(ctx.database.db, q);
  const depts = new Map((await findDepartments(ctx, [...new Set(rows.map((r) => r.departmentId))])).map((d) => [d.id, d.name]));
  return pageOf(
    rows.map((r) => ({ ...r, departmentName: depts.get(r.departmentId) ?? '' })),
    total,
    q,
  );
}

export async function updateItem(ctx: Ctx, id: string, input: z.infer<typeof ItemUpdate>) {
  const item = await itemRepo.find(ctx.database.db, id);
  if (!item) throw notFound('inspection_item', id);
  const dept = await getDepartment(ctx, item.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  return transact(ctx, async (t) => {
    const row = await itemRepo.update(t.tx, id, input);
    t.audit({ action: 'inspection.item.update', objectType: 'inspection_item', objectId: id, summary: { before: item, after: input } });
    return { ...row!, departmentName: dept.name };
  });
}

export async function putRules(ctx: Ctx, departmentId: string, input: z.infer<typeof RulesPut>) {
  const dept = await getDepartment(ctx, departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId });
  return transact(ctx, async (t) => {
    const before = await rulesRepo.findByDepartment(t.tx, departmentId);
    const id = before?.id ?? newId();
    const row = { id, departmentId, ...input, updatedAt: new Date() };
    await rulesRepo.save(t.tx, row, !!before);
    t.audit({ action: 'inspection.rules.put', objectType: 'inspection_rules', objectId: id, summary: { departmentId, title: input.title } });
    return { ...row, departmentName: dept.name, updatedAt: row.updatedAt.toISOString() };
  });
}

export async function listRules(ctx: Ctx) {
  const rows = await rulesRepo.all(ctx.database.db);
  const depts = new Map(
    (
      await findDepartments(
        ctx,
        rows.map((r) => r.departmentId),
      )
    ).map((d) => [d.id, d.name]),
  );
  return rows.map((r) => ({ ...r, departmentName: depts.get(r.departmentId) ?? '', updatedAt: r.updatedAt.toISOString() }));
}
