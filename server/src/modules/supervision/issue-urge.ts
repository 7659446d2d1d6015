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

/** What an urge presses about: a case, or the rectification of a bad review (checked by the caller). */
export interface UrgeSubject {
  subjectType: 'case' | 'rectification';
  rectificationId?: string;
  caseNo: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  light: 'yellow' | 'red';
  dueDate: string;
  /** What the audit event says the urge is about. */
  summary: Record<string, unknown>;
}

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
  const subject: UrgeSubject = {
    subjectType: 'case',
    caseNo: c.caseNo,
    itemName: c.itemName,
    departmentId: c.departmentId,
    departmentName: c.departmentName,
    regionPath: c.regionPath,
    light: c.light,
    dueDate: c.dueDate,
    summary: { caseNo: c.caseNo, department: c.departmentName, light: c.light },
  };
  return issueUrgeOn(ctx, today, subject, input);
}

/** Writes the urge on a checked subject: one waiting per case (or per rectification), its notice to the unit, its audit event. */
export async function issueUrgeOn(ctx: Ctx, today: string, s: UrgeSubject, input: { message: string; answerDays: number }) {
  const due = ctx.calendar.addWorkingDays(today, input.answerDays, s.regionPath);
  return transact(ctx, async (t) => {
    const waiting = s.rectificationId ? await urgeRepo.unansweredOfRectification(t.tx, s.rectificationId) : await urgeRepo.unansweredOfCase(t.tx, s.caseNo);
    if (waiting) throw new AppError('supervision.urge_open', { extra: { urgeId: waiting.id } });
    const row = await urgeRepo.insert(t.tx, {
      id: newId(),
      subjectType: s.subjectType,
      rectificationId: s.rectificationId ?? null,
      caseNo: s.caseNo,
      itemName: s.itemName,
      departmentId: s.departmentId,
      departmentName: s.departmentName,
      regionPath: s.regionPath,
      caseLight: s.light,
      caseDueDate: s.dueDate,
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
      recipientId: `unit:${s.departmentId}`,
      template: 'supervision.urge.issued',
      params: { caseNo: s.caseNo, dueDate: due.date },
    });
    t.audit({
      action: 'supervision.urge.issue',
      objectType: 'supervision_urge',
      objectId: row.id,
      summary: { ...s.summary, answerDays: input.answerDays, dueDate: due.date },
      scope: { regionPath: s.regionPath, departmentId: s.departmentId },
    });
    return presentUrge(t, row);
  });
}
