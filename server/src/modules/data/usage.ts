import type { Ctx } from '../../platform/context.ts';
import { pageOf, type PageQuery } from '../../platform/db/paging.ts';
import { AppError } from '../../platform/errors.ts';
import { getLegalEntity } from '../identity/index.ts';
import { departmentNames } from './present.ts';
import { resourceRepo } from './repository.ts';
import { accessRepo } from './share-repository.ts';

/**
 * 数据使用记录: which department read which of my data, when and why (the successful reads of the
 * sharing API about the signed-in person, or the enterprise's USCC).
 */
export async function myDataUsage(ctx: Ctx, q: PageQuery) {
  const a = ctx.actor;
  if ((a.kind !== 'person' && a.kind !== 'entity') || !a.subjectId) throw new AppError('auth.forbidden');
  const who = a.kind === 'person' ? { personId: a.subjectId } : { uscc: (await getLegalEntity(ctx, a.subjectId)).uscc };
  const { rows, total } = await accessRepo.pageOfSubject(ctx.database.db, { ...q, ...who });
  const names = await departmentNames(
    ctx,
    rows.flatMap((r) => [r.requesterDepartmentId, ...(r.ownerDepartmentId ? [r.ownerDepartmentId] : [])]),
  );
  const resources = await resourceRepo.findMany(
    ctx.database.db,
    rows.flatMap((r) => (r.resourceId ? [r.resourceId] : [])),
  );
  return pageOf(
    rows.map((r) => {
      const res = r.resourceId ? resources.get(r.resourceId) : undefined;
      const labels = new Map((res?.fields ?? []).map((f) => [f.name, f.label]));
      return {
        id: r.id,
        at: r.at.toISOString(),
        departmentName: names.get(r.requesterDepartmentId) ?? '',
        ownerDepartmentName: r.ownerDepartmentId ? (names.get(r.ownerDepartmentId) ?? null) : null,
        resourceName: res?.name ?? r.resourceCode,
        fields: r.fields.map((f) => ({ name: f, label: labels.get(f) ?? f })),
        purpose: r.purpose,
        caseNo: r.caseNo,
        approvalId: r.approvalId,
        outcome: r.outcome,
        detail: r.detail,
      };
    }),
    total,
    q,
  );
}
