import type { z } from 'zod';
import { newId, type Executor } from '../../../platform/db/index.ts';
import { transact, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { getDepartment, getRegion } from '../../org/index.ts';
import { implementationCode, levelOfRegion, type GuideInput } from '../guide.ts';
import { findItem, implementationCodeTaken, insertImplementation, insertVersion, newestPublishedGuideOfItem } from '../repository.ts';
import { validateGuide } from '../guide-rules.ts';
import { getForWorkbench } from '../workbench.ts';
import { assertCan, catalogPermissions as P } from '../policy.ts';
import type { ImplementationCreate } from '../schemas.ts';

/** A new implementation of a base item by a department, with its first draft guide. */
export async function createImplementation(ctx: Ctx, input: z.infer<typeof ImplementationCreate>) {
  return transact(ctx, async (t) => {
    const item = await findItem(t.tx, input.baseCode);
    if (!item) throw new AppError('request.invalid', { fields: [{ field: 'baseCode', code: 'not_found' }] });
    const dept = await getDepartment(t, input.departmentId).catch(() => {
      throw new AppError('request.invalid', { fields: [{ field: 'departmentId', code: 'not_found' }] });
    });
    assertCan(t.actor, P.edit, { regionPath: dept.regionPath, departmentId: dept.id });
    const region = await getRegion(t, dept.regionCode);
    const level = levelOfRegion[region.level] ?? 3;
    const code = implementationCode(dept.uscc, level, item.baseCode);
    if (await implementationCodeTaken(t.tx, code))
      throw new AppError('resource.conflict', { fields: [{ field: 'baseCode', code: 'duplicate' }], extra: { implementationCode: code } });
    const guide = await validateGuide(t.tx, input.guide ?? (await starterGuide(t.tx, item.id, dept)));
    const id = newId();
    await insertImplementation(t.tx, {
      id,
      implementationCode: code,
      itemId: item.id,
      departmentId: dept.id,
      departmentUscc: dept.uscc,
      departmentName: dept.name,
      regionCode: dept.regionCode,
      regionPath: dept.regionPath,
      level,
    });
    await insertVersion(t.tx, {
      id: newId(),
      implementationId: id,
      version: 1,
      status: 'draft',
      guide,
      changeNote: input.changeNote ?? null,
      editedBy: t.actor.id,
    });
    t.audit({
      action: 'catalog.implementation.create',
      objectType: 'catalog_implementation',
      objectId: code,
      summary: { baseCode: item.baseCode, departmentId: dept.id },
    });
    return getForWorkbench(t, code);
  });
}

/**
 * The first draft of a new implementation when the editor sends none: the newest guide of another
 * implementation of the same item (a sibling department's, places and phones replaced by this
 * department's), else a skeleton to fill in. Review rules are never copied across departments.
 */
async function starterGuide(db: Executor, itemId: string, dept: { name: string; phone?: string | null; address?: string | null }): Promise<GuideInput> {
  const sibling = await newestPublishedGuideOfItem(db, itemId);
  const phone = dept.phone || '12345';
  const places = [{ name: dept.name, address: dept.address || '待填写', hours: '工作日 9:00-12:00，13:30-17:00' }];
  if (sibling) return { ...sibling, places, phones: { inquiry: phone, complaint: '12345' }, reviewRules: '', fees: sibling.fees };
  return {
    acceptanceConditions: ['待填写'],
    materials: [],
    process: [{ step: '受理', description: '待填写' }],
    statutoryLimitDays: 20,
    promisedLimitDays: 10,
    processingType: 'promised',
    visitsRequired: 1,
    onlineDepth: [1],
    doNow: false,
    doOnline: false,
    doInOneVisit: true,
    places,
    phones: { inquiry: phone, complaint: '12345' },
    result: { name: '待填写', type: 'other' },
    delivery: ['pickup'],
  };
}
