import { transact, type Ctx } from '../../../platform/context.ts';
import { assertGuideProofs } from '../../data/index.ts';
import { diffGuides } from '../guide.ts';
import { findVersion, updateImplementation, updateVersion } from '../repository.ts';
import { implementationLifecycle } from '../lifecycle.ts';
import { validateGuide } from '../guide-rules.ts';
import { indexImplementation } from '../search-index.ts';
import { getForWorkbench } from '../workbench.ts';
import { publishedFigures, scopeOf } from '../presenters.ts';
import { assertCan, catalogPermissions as P } from '../policy.ts';
import { implementationOrThrow, workingVersionFor } from './shared.ts';

/**
 * Publishes the submitted version: it is immutable from now on, the previous published version is
 * superseded, the implementation carries the new figures and (unless suspended) is searchable.
 */
export async function publishSubmitted(ctx: Ctx, code: string, comment?: string) {
  return transact(ctx, async (t) => {
    const { impl, item } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    const v = await workingVersionFor(t, impl, 'publish');
    await validateGuide(t.tx, v.guide);
    // 证明事项清单 (kept by the data module): no proof asked of the applicant that the list does not allow.
    await assertGuideProofs(t, { itemName: item.name, materials: v.guide.materials });
    const state = implementationLifecycle.next(impl.state, 'publish');
    const previous = impl.publishedVersion != null ? await findVersion(t.tx, impl.id, impl.publishedVersion) : undefined;
    const changes = diffGuides(previous?.guide ?? {}, v.guide);
    const now = new Date();
    if (previous) await updateVersion(t.tx, previous.id, { status: 'superseded' });
    await updateVersion(t.tx, v.id, { status: 'published', publishedBy: t.actor.id, publishedAt: now, reviewComment: comment ?? null });
    await updateImplementation(t.tx, impl.id, { publishedVersion: v.version, state, ...publishedFigures(v.guide) });
    await indexImplementation(t.tx, impl, item, state === 'published');
    t.audit({
      action: 'catalog.version.publish',
      objectType: 'catalog_implementation',
      objectId: code,
      summary: { version: v.version, previous: previous?.version ?? null, fields: changes.map((c) => c.field).slice(0, 50) },
    });
    return getForWorkbench(t, code);
  });
}
