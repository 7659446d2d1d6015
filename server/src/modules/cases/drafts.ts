import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { draftRepo } from './repository.ts';

// 草稿: the submit body typed so far, one per applicant and implementation (资料一次填报).

function draftOwner(ctx: Ctx): { kind: 'person' | 'entity'; id: string } {
  const { kind, subjectId } = ctx.actor;
  if ((kind !== 'person' && kind !== 'entity') || !subjectId) throw new AppError('auth.forbidden');
  return { kind, id: subjectId };
}

const presentDraft = (d: { implementationCode: string; data: Record<string, unknown>; version: number; updatedAt: Date }) => ({
  implementationCode: d.implementationCode,
  data: d.data,
  version: d.version,
  updatedAt: d.updatedAt.toISOString(),
});

/**
 * Saves the application typed so far (资料一次填报: resumable on another device). Send back the
 * version you read: a draft changed meanwhile on another device gets resource.stale, not overwritten.
 */
export async function saveDraft(ctx: Ctx, implementationCode: string, input: { data: Record<string, unknown>; version?: number }) {
  const owner = draftOwner(ctx);
  return transact(ctx, async (t) => {
    const existing = await draftRepo.find(t.tx, owner, implementationCode);
    const saved = existing
      ? await draftRepo.update(t.tx, owner, implementationCode, input.version ?? existing.version, input.data)
      : await draftRepo.insert(t.tx, owner, implementationCode, input.data);
    if (!saved) throw new AppError('resource.stale');
    t.audit({
      action: 'case_draft.save',
      objectType: 'case_draft',
      objectId: `${owner.kind}:${owner.id}:${implementationCode}`,
      summary: { version: saved.version },
    });
    return presentDraft(saved);
  });
}

/** My draft of an application, or null when there is none (no draft is an ordinary answer, not an error). */
export async function getDraft(ctx: Ctx, implementationCode: string) {
  const d = await draftRepo.find(ctx.database.db, draftOwner(ctx), implementationCode);
  return d ? presentDraft(d) : null;
}

export async function listDrafts(ctx: Ctx) {
  return (await draftRepo.list(ctx.database.db, draftOwner(ctx))).map(presentDraft);
}

export async function deleteDraft(ctx: Ctx, implementationCode: string) {
  const owner = draftOwner(ctx);
  await transact(ctx, async (t) => {
    await draftRepo.delete(t.tx, owner, implementationCode);
    t.audit({ action: 'case_draft.delete', objectType: 'case_draft', objectId: `${owner.kind}:${owner.id}:${implementationCode}`, summary: {} });
  });
}
