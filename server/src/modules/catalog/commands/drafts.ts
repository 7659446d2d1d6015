import { newId } from '../../../platform/db/index.ts';
import { transact, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { diffGuides, type GuideInput } from '../guide.ts';
import { insertVersion, updateVersion, versionsOf } from '../repository.ts';
import { implementationLifecycle, versionLifecycle } from '../lifecycle.ts';
import { validateGuide } from '../guide-rules.ts';
import { getForWorkbench } from '../workbench.ts';
import { scopeOf } from '../presenters.ts';
import { assertCan, catalogPermissions as P } from '../policy.ts';
import { implementationOrThrow, workingOf, workingVersionFor } from './shared.ts';

/** Starts a new version by copying the latest one (published, or the last superseded). */
export async function startDraft(ctx: Ctx, code: string) {
  return transact(ctx, async (t) => {
    const { impl } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    implementationLifecycle.next(impl.state, 'edit');
    const versions = await versionsOf(t.tx, impl.id);
    const working = workingOf(versions);
    if (working) throw new AppError('catalog.draft_exists');
    versionLifecycle.next('none', 'start_draft');
    const from = versions[0]!;
    const version = from.version + 1;
    await insertVersion(t.tx, { id: newId(), implementationId: impl.id, version, status: 'draft', guide: from.guide, editedBy: t.actor.id });
    t.audit({ action: 'catalog.draft.create', objectType: 'catalog_implementation', objectId: code, summary: { version, copiedFrom: from.version } });
    return getForWorkbench(t, code);
  });
}

export async function updateDraft(ctx: Ctx, code: string, input: { guide: GuideInput; changeNote?: string }) {
  return transact(ctx, async (t) => {
    const { impl } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    const v = await workingVersionFor(t, impl, 'save');
    const guide = await validateGuide(t.tx, input.guide);
    const changes = diffGuides(v.guide, guide);
    await updateVersion(t.tx, v.id, { guide, changeNote: input.changeNote ?? v.changeNote, editedBy: t.actor.id });
    t.audit({
      action: 'catalog.draft.update',
      objectType: 'catalog_implementation',
      objectId: code,
      summary: { version: v.version, fields: changes.map((c) => c.field).slice(0, 50) },
    });
    return getForWorkbench(t, code);
  });
}

export async function submitDraft(ctx: Ctx, code: string) {
  return transact(ctx, async (t) => {
    const { impl } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    const v = await workingVersionFor(t, impl, 'submit');
    await validateGuide(t.tx, v.guide);
    await updateVersion(t.tx, v.id, { status: 'submitted', submittedBy: t.actor.id, submittedAt: new Date(), reviewComment: null });
    t.audit({ action: 'catalog.draft.submit', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version } });
    return getForWorkbench(t, code);
  });
}

export async function rejectSubmitted(ctx: Ctx, code: string, reason: string) {
  return transact(ctx, async (t) => {
    const { impl } = await implementationOrThrow(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    const v = await workingVersionFor(t, impl, 'reject');
    await updateVersion(t.tx, v.id, { status: 'draft', reviewComment: reason });
    t.audit({ action: 'catalog.draft.reject', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version, reason } });
    return getForWorkbench(t, code);
  });
}
