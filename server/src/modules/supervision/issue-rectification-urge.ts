import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findRectificationFacts } from '../evaluation/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { todayOf } from './clock.ts';
import { issueUrgeOn } from './issue-urge.ts';
import type { RectificationUrgeCreate } from './schemas.ts';

/**
 * 督办 of a bad review's rectification: like a case's urge (same table, answer, limit and
 * escalation), on an open rectification whose light is yellow or red, one waiting per rectification.
 */
export async function issueRectificationUrge(ctx: Ctx, input: z.infer<typeof RectificationUrgeCreate>) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  await ctx.calendar.refresh();
  const today = todayOf(ctx);
  const r = await findRectificationFacts(ctx, input.rectificationId);
  if (!r) throw notFound('rectification', input.rectificationId);
  assertCan(ctx.actor, P.urge, { regionPath: r.regionPath, departmentId: r.departmentId });
  if (!r.open) throw new AppError('supervision.rectification_not_open', { extra: { rectificationId: r.id, status: r.status } });
  if (r.light !== 'yellow' && r.light !== 'red') throw new AppError('supervision.case_not_late', { extra: { rectificationId: r.id, light: r.light } });
  return issueUrgeOn(
    ctx,
    today,
    {
      subjectType: 'rectification',
      rectificationId: r.id,
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      regionPath: r.regionPath,
      light: r.light,
      dueDate: r.dueOn,
      summary: { subject: 'rectification', rectificationId: r.id, caseNo: r.caseNo, department: r.departmentName, light: r.light },
    },
    input,
  );
}
