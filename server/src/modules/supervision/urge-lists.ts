import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { regionWithin, scopesOf, type Actor } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { answeringUnits, ownDepartments, supervisionPermissions as P } from './policy.ts';
import { urgeRepo, type UrgeRow, type UrgeVisibility } from './urge-repository.ts';
import { presentUrge } from './presenter.ts';
import type { UrgeListQuery } from './schemas.ts';

/**
 * Who sees an urge: supervisors whose urge grant covers its case (region, and department if bound),
 * staff of the urged unit, and staff of the department it was escalated to.
 */
export function visibilityOf(actor: Actor): UrgeVisibility & { sees(row: UrgeRow): boolean } {
  const { all, scopes } = scopesOf(actor, P.urge);
  const v: UrgeVisibility = { issuer: all ? 'all' : scopes, units: answeringUnits(actor), escalatedTo: ownDepartments(actor) };
  return {
    ...v,
    sees: (r) =>
      v.issuer === 'all' ||
      v.issuer.some((s) => regionWithin(r.regionPath, s.regionPath) && (!s.departmentId || s.departmentId === r.departmentId)) ||
      v.units.some((u) => u.departmentId === r.departmentId && regionWithin(r.regionPath, u.regionPath)) ||
      (!!r.escalatedToDepartmentId && v.escalatedTo.includes(r.escalatedToDepartmentId)),
  };
}

/** The urges I may see: to my unit (`to-answer`), escalated to my department (`escalated`), or all of them; waiting ones first. */
export async function listUrges(ctx: Ctx, q: z.infer<typeof UrgeListQuery>) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  const { rows, total } = await urgeRepo.list(ctx.database.db, visibilityOf(ctx.actor), q, q);
  return pageOf(
    rows.map((r) => presentUrge(ctx, r)),
    total,
    q,
  );
}

export async function getUrge(ctx: Ctx, id: string) {
  const row = await urgeRepo.find(ctx.database.db, id);
  if (!row || ctx.actor.kind !== 'staff' || !visibilityOf(ctx.actor).sees(row)) throw notFound('supervision_urge', id);
  return presentUrge(ctx, row);
}
