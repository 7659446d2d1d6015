import type { z } from 'zod';
import { scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getStaff } from '../identity/index.ts';
import { findRegion, getDepartment } from '../org/index.ts';
import { inspectorRepo } from './directory-repository.ts';
import { addressKey } from './entities-service.ts';
import { isUniqueViolation } from './item-repository.ts';
import { assertCan, inspectionPermissions as P } from './policy.ts';
import { presentInspector } from './presenters.ts';
import type { InspectorCreate } from './schemas.ts';

// The inspector directory (检查人员名录库) and declared relations (recusal).

export async function createInspector(ctx: Ctx, input: z.infer<typeof InspectorCreate>) {
  const dept = await getDepartment(ctx, input.departmentId);
  assertCan(ctx.actor, P.plan, { regionPath: dept.regionPath, departmentId: dept.id });
  const region = await findRegion(ctx, input.regionCode);
  if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
  if (input.staffId) {
    const s = await getStaff(ctx, input.staffId).catch(() => undefined);
    if (!s) throw new AppError('request.invalid', { fields: [{ field: 'staffId', code: 'not_found' }] });
  }
  return transact(ctx, async (t) => {
    const id = newId();
    const row = {
      id,
      staffId: input.staffId ?? null,
      name: input.name,
      certificateNo: input.certificateNo,
      departmentId: dept.id,
      regionCode: region.code,
      regionPath: region.path,
      qualifications: input.qualifications,
      available: input.available,
      addressKey: input.address ? addressKey(input.address) : null,
    };
    await inspectorRepo.insert(t.tx, row).catch((e: unknown) => {
      throw isUniqueViolation(e) ? new AppError('resource.conflict', { fields: [{ field: 'certificateNo', code: 'duplicate' }] }) : e;
    });
    t.audit({
      action: 'inspection.inspector.create',
      objectType: 'inspection_inspector',
      objectId: id,
      summary: { departmentId: dept.id, certificateNo: input.certificateNo },
    });
    return presentInspector(row);
  });
}

export async function listInspectors(ctx: Ctx, q: { page: number; pageSize: number; q?: string; departmentId?: string }) {
  const { all, scopes } = scopesOf(ctx.actor, P.plan);
  const departments = all || scopes.some((s) => s.departmentId === null) ? undefined : scopes.map((s) => s.departmentId!);
  const { rows, total } = await inspectorRepo.page(ctx.database.db, { ...q, departments });
  return pageOf(rows.map(presentInspector), total, q);
}

async function inspectorInScope(ctx: Ctx, id: string) {
  const row = await inspectorRepo.find(ctx.database.db, id);
  if (!row) throw notFound('inspection_inspector', id);
  assertCan(ctx.actor, P.plan, { regionPath: row.regionPath, departmentId: row.departmentId });
  return row;
}

export async function updateInspector(ctx: Ctx, id: string, input: { available?: boolean; qualifications?: string[] }) {
  await inspectorInScope(ctx, id);
  return transact(ctx, async (t) => {
    const row = await inspectorRepo.update(t.tx, id, input);
    t.audit({ action: 'inspection.inspector.update', objectType: 'inspection_inspector', objectId: id, summary: { after: input } });
    return presentInspector(row!);
  });
}

export async function declareRelation(ctx: Ctx, inspectorId: string, input: { uscc: string; relation: string }) {
  await inspectorInScope(ctx, inspectorId);
  return transact(ctx, async (t) => {
    await inspectorRepo.declareRelation(t.tx, { id: newId(), inspectorId, uscc: input.uscc, relation: input.relation });
    t.audit({
      action: 'inspection.relation.declare',
      objectType: 'inspection_inspector',
      objectId: inspectorId,
      summary: { uscc: input.uscc, relation: input.relation },
    });
    return { ok: true };
  });
}

export async function listRelations(ctx: Ctx, inspectorId: string) {
  await inspectorInScope(ctx, inspectorId);
  const rows = await inspectorRepo.relationsOf(ctx.database.db, inspectorId);
  return rows.map((r) => ({ ...r, entityName: r.entityName ?? null, declaredAt: r.declaredAt.toISOString() }));
}

/** The inspector-directory id of the signed-in staff member, if they are an inspector. */
export async function myInspectorId(ctx: Ctx): Promise<string | undefined> {
  if (ctx.actor.kind !== 'staff' || !ctx.actor.subjectId) return undefined;
  return inspectorRepo.idOfStaff(ctx.database.db, ctx.actor.subjectId);
}
