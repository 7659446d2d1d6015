import { can, mayChangeOwned, scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { evaluationPermissions as P } from './policy.ts';
import { nowOf, presentRectification } from './present.ts';
import { evaluationRepo, rectificationRepo, settingsRepo, type Scope } from './repository.ts';
import type { RectificationStatus } from './workflow.ts';

function scopesFor(ctx: Ctx, permission: string): Scope[] | 'all' {
  const s = scopesOf(ctx.actor, permission);
  return s.all ? 'all' : s.scopes;
}

/**
 * The rectifications the caller may see: `unit` those of the departments where they read
 * rectifications, `appeals` those appealed (or decided) where they decide appeals.
 */
export async function listRectifications(ctx: Ctx, q: { page: number; pageSize: number; status?: RectificationStatus; scope: 'unit' | 'appeals' }) {
  const permission = q.scope === 'appeals' ? P.decide : P.read;
  if (!can(ctx.actor, permission)) throw new AppError('auth.forbidden', { extra: { permission } });
  const status: RectificationStatus[] | undefined = q.status ? [q.status] : q.scope === 'appeals' ? ['appealed', 'annulled'] : undefined;
  const { rows, total } = await rectificationRepo.page(ctx.database.db, { ...q, scopes: scopesFor(ctx, permission), status });
  const items = rows.map(({ rectification: r, evaluation: e }) => ({
    ...presentRectification(ctx, r, e),
    evaluation: { level: e.level, tags: e.tags, comment: e.comment, itemName: e.itemName, ratedOn: e.ratedOn },
  }));
  return pageOf(items, total, q);
}

export async function getRectification(ctx: Ctx, id: string) {
  const r = await rectificationRepo.find(ctx.database.db, id);
  const scope = r && { regionPath: r.regionPath, departmentId: r.departmentId };
  if (!r || !scope || !(can(ctx.actor, P.read, scope) || can(ctx.actor, P.decide, scope))) throw notFound('rectification', id);
  const e = (await evaluationRepo.find(ctx.database.db, r.evaluationId))!;
  return {
    ...presentRectification(ctx, r, e),
    evaluation: { level: e.level, tags: e.tags, comment: e.comment, itemName: e.itemName, ratedOn: e.ratedOn, dimensions: e.dimensions },
  };
}

/** A staff member's own evaluations: those of the cases they filed or acted on. */
export async function myStaffEvaluations(ctx: Ctx, q: { page: number; pageSize: number }) {
  if (ctx.actor.kind !== 'staff' || !ctx.actor.id) throw new AppError('auth.forbidden');
  const { items, total } = await evaluationRepo.pageOfStaff(ctx.database.db, ctx.actor.id, q);
  return pageOf(
    items.map((e) => ({
      id: e.id,
      caseNo: e.caseNo,
      itemName: e.itemName,
      departmentName: e.departmentName,
      level: e.level,
      dimensions: e.dimensions,
      tags: e.tags,
      comment: e.comment,
      ratedOn: e.ratedOn,
      annulled: e.annulled,
    })),
    total,
    q,
  );
}

export async function listSettings(ctx: Ctx) {
  return (await settingsRepo.all(ctx.database.db)).map((s) => ({ regionPath: s.regionPath, rectificationDays: s.rectificationDays }));
}

/** Sets a region's rectification limit (working days); open rectifications keep their due dates. */
export async function putSetting(ctx: Ctx, regionPath: string, rectificationDays: number) {
  // A region-wide setting: a grant bound to one department never changes it ("" is the whole installation).
  if (!mayChangeOwned(ctx.actor, P.settings, { regionPath, departmentId: null }))
    throw new AppError('auth.out_of_scope', { extra: { permission: P.settings } });
  return transact(ctx, async (t) => {
    await settingsRepo.put(t.tx, regionPath, rectificationDays, nowOf(t));
    t.audit({
      action: 'evaluation.settings.put',
      objectType: 'evaluation_settings',
      objectId: regionPath || 'root',
      summary: { regionPath, rectificationDays },
    });
    return { regionPath, rectificationDays };
  });
}
