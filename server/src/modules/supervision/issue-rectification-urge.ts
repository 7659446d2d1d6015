import { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { findRectificationFacts } from '../evaluation/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { urgeRepo } from './urge-repository.ts';
import { presentUrge } from './presenter.ts';
import { nowOf, todayOf } from './clock.ts';
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
  const due = ctx.calendar.addWorkingDays(today, input.answerDays, r.regionPath);
  return transact(ctx, async (t) => {
    const waiting = await urgeRepo.unansweredOfRectification(t.tx, r.id);
    if (waiting) throw new AppError('supervision.urge_open', { extra: { urgeId: waiting.id } });
    const row = await urgeRepo.insert(t.tx, {
      id: newId(),
      subjectType: 'rectification',
      rectificationId: r.id,
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      regionPath: r.regionPath,
      caseLight: r.light as 'yellow' | 'red',
      caseDueDate: r.dueOn,
      message: input.message,
      answerDays: input.answerDays,
      dueDate: due.date,
      dueEstimated: due.estimated,
      issuedBy: t.actor.id,
      issuedByName: t.actor.name,
      issuerDepartmentId: t.actor.departmentId ?? null,
      issuedOn: today,
      issuedAt: nowOf(t),
    });
    await enqueueNotification(t.tx, {
      channel: 'site',
      recipientKind: 'staff',
      recipientId: `unit:${r.departmentId}`,
      template: 'supervision.urge.issued',
      params: { caseNo: r.caseNo, dueDate: due.date },
    });
    t.audit({
      action: 'supervision.urge.issue',
      objectType: 'supervision_urge',
      objectId: row.id,
      summary: { subject: 'rectification', rectificationId: r.id, caseNo: r.caseNo, department: r.departmentName, light: r.light, dueDate: due.date },
      scope: { regionPath: r.regionPath, departmentId: r.departmentId },
    });
    return presentUrge(t, row);
  });
}
