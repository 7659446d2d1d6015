import type { Ctx } from '../../platform/context.ts';
import { answersFor } from './policy.ts';
import type { UrgeRow } from './urge-repository.ts';
import type { UrgeView } from './schemas.ts';
import { urgeWorkflow } from './workflow.ts';
import { todayOf } from './clock.ts';

export function presentUrge(ctx: Ctx, r: UrgeRow): UrgeView {
  const waiting = urgeWorkflow.can(r.status, 'answer');
  return {
    id: r.id,
    subjectType: r.subjectType,
    rectificationId: r.rectificationId,
    caseNo: r.caseNo,
    itemName: r.itemName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    caseLight: r.caseLight,
    caseDueDate: r.caseDueDate,
    message: r.message,
    answerDays: r.answerDays,
    dueDate: r.dueDate,
    dueEstimated: r.dueEstimated,
    status: r.status,
    overdue: waiting && r.dueDate < todayOf(ctx),
    issuedByName: r.issuedByName,
    issuedOn: r.issuedOn,
    issuedAt: r.issuedAt.toISOString(),
    answer: r.answer,
    answeredByName: r.answeredByName,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredLate: r.answeredLate,
    escalatedAt: r.escalatedAt?.toISOString() ?? null,
    escalatedToName: r.escalatedToName,
    version: r.version,
    mayAnswer: waiting && answersFor(ctx.actor, r),
  };
}
