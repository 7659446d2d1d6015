import { transact, type Ctx } from '../../../platform/context.ts';
import { updateImplementation } from '../repository.ts';
import { implementationLifecycle } from '../lifecycle.ts';
import { indexImplementation } from '../search-index.ts';
import { getForWorkbench } from '../workbench.ts';
import { scopeOf } from '../presenters.ts';
import { assertCan, catalogPermissions as P } from '../policy.ts';
import { implementationOrThrow } from './shared.ts';

/** Suspends, resumes or abolishes an implementation (a reviewer, with a reason); it leaves or rejoins the search. */
export async function changeState(ctx: Ctx, code: string, action: 'suspend' | 'resume' | 'abolish', reason: string) {
  return transact(ctx, async (t) => {
    const { impl, item } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    const state = implementationLifecycle.next(impl.state, action);
    await updateImplementation(t.tx, impl.id, { state, stateReason: reason });
    await indexImplementation(t.tx, impl, item, state === 'published');
    t.audit({
      action: `catalog.implementation.${action}`,
      objectType: 'catalog_implementation',
      objectId: code,
      summary: { before: impl.state, after: state, reason },
    });
    return getForWorkbench(t, code);
  });
}
