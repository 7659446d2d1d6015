import { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { findCaseFacts } from '../cases/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import { urgeRepo } from './urge-repository.ts';
import { presentUrge } from './presenter.ts';
import { nowOf, todayOf } from './clock.ts';
import type { UrgeCreate } from './schemas.ts';

/**
 * 督办: a supervisor whose grant covers the case's region (and department) presses the responsible
 * unit about a yellow or red case. The answer is due `answerDays` working days after today by the
 * platform calendar of the case's region. One urge waits for its answer per case at a time.
 */
export async function issueUrge(ctx: Ctx, input: z.infer<typeof UrgeCreate>) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  await ctx.calendar.refresh();
  const today = todayOf(ctx);
  const c = await findCaseFacts(ctx, input.caseNo, today);
  if (!c) throw notFound('case', input.caseNo);
  assertCan(ctx.actor, P.urge, { regionPath: c.regionPath, departmentId: c.departmentId });
  if (!c.open) throw new AppError('supervision.case_ended', { extra: { caseNo: c.caseNo, status: c.status } });
  if (c.light !== 'yellow' && c.light !== 'red') throw new AppError('supervision.case_not_late', { extra: { caseNo: c.caseNo, light: c.light } });
  const due = ctx.calendar.addWorkingDays(today, input.answerDays, c.regionPath);
  return transact(ctx, async (t) => {
    const waiting = await urgeRepo.unansweredOfCase(t.tx, c.caseNo);
    if (waiting) throw new AppError('supervision.urge_open', { extra: { urgeId: waiting.id } });
    const row = await urgeRepo.insert(t.tx, {
      id: newId(),
      caseNo: c.caseNo,
      itemName: c.itemName,
      departmentId: c.departmentId,
      departmentName: c.departmentName,
      regionPath: c.regionPath,
      caseLight: c.light as 'yellow' | 'red',
      caseDueDate: c.dueDate,
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
      recipientId: `unit:${c.departmentId}`,
      template: 'supervision.urge.issued',
      params: { caseNo: c.caseNo, dueDate: due.date },
    });
    t.audit({
      action: 'supervision.urge.issue',
      objectType: 'supervision_urge',
      objectId: row.id,
      summary: { caseNo: c.caseNo, department: c.departmentName, light: c.light, answerDays: input.answerDays, dueDate: due.date },
      scope: { regionPath: c.regionPath, departmentId: c.departmentId },
    });
    return presentUrge(t, row);
  });
}
