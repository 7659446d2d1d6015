import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertCan, can } from '../../platform/auth/index.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { getApplicableVersion } from '../catalog/index.ts';
import { casesReferenceGeneration } from './workflows.ts';
import { casePermissions } from './policy.ts';
import { deferralRepo } from './repository.ts';

/** Per generation of the cases reference data: the 容缺 lists asked for, filled as they are asked. */
const cachedLists = generationCache(casesReferenceGeneration, async () => new Map<string, Promise<string[]>>());

/** 容缺清单 of an implementation: the materials a case may be accepted without (empty: none). */
export async function deferrableMaterials(ctx: Ctx, implementationCode: string): Promise<string[]> {
  if ('tx' in ctx) return deferralRepo.materials(ctx.database.db, implementationCode);
  const memo = await cachedLists(ctx);
  let list = memo.get(implementationCode);
  if (!list) {
    list = deferralRepo.materials(ctx.database.db, implementationCode);
    memo.set(implementationCode, list);
    list.catch(() => memo.delete(implementationCode));
  }
  return list;
}

/** Read by staff who may read or configure the item's cases in its department and region (403 `auth.out_of_scope` otherwise). */
export async function getDeferralList(ctx: Ctx, implementationCode: string) {
  const impl = await getApplicableVersion(ctx, implementationCode);
  const scope = { regionPath: impl.regionPath, departmentId: impl.departmentId };
  if (!can(ctx.actor, casePermissions.read, scope) && !can(ctx.actor, casePermissions.workflows, scope))
    throw new AppError('auth.out_of_scope', { extra: { permission: casePermissions.read } });
  return { implementationCode, materials: await deferrableMaterials(ctx, implementationCode) };
}

/**
 * Sets the 容缺 list of an implementation (`cases.workflow.manage` in its department's scope).
 * Each name must be a material of the published guide, and none of the government-issued ones
 * (those are never asked for).
 */
export async function setDeferralList(ctx: Ctx, implementationCode: string, materials: string[]) {
  return transact(ctx, async (t) => {
    const impl = await getApplicableVersion(t, implementationCode);
    assertCan(t.actor, casePermissions.workflows, { regionPath: impl.regionPath, departmentId: impl.departmentId });
    const guide = impl.guide as { materials: { name: string; source: string }[] };
    const fields = materials.flatMap((m, i) => {
      const g = guide.materials.find((x) => x.name === m);
      return !g
        ? [{ field: `materials.${i}`, code: 'unknown_material' }]
        : g.source === 'government'
          ? [{ field: `materials.${i}`, code: 'government_material' }]
          : [];
    });
    if (fields.length) throw new AppError('request.invalid', { fields });
    const unique = [...new Set(materials)];
    await deferralRepo.set(t.tx, implementationCode, unique, t.actor.id);
    await bumpGeneration(t, casesReferenceGeneration);
    t.audit({ action: 'case_deferral_list.set', objectType: 'implementation', objectId: implementationCode, summary: { materials: unique } });
    return { implementationCode, materials: unique };
  });
}
