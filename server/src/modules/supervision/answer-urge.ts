import { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { answersFor, supervisionPermissions as P } from './policy.ts';
import { urgeRepo } from './urge-repository.ts';
import { presentUrge } from './presenter.ts';
import { urgeWorkflow } from './workflow.ts';
import { nowOf, todayOf } from './clock.ts';
import type { UrgeAnswer } from './schemas.ts';
import { visibilityOf } from './urge-lists.ts';

/**
 * The urged unit answers (staff holding the answer permission in a grant bound to the case's
 * department). An answer after the limit, or after escalation, is recorded as late.
 */
export async function answerUrge(ctx: Ctx, id: string, input: z.infer<typeof UrgeAnswer>) {
  return transact(ctx, async (t) => {
    const row = await urgeRepo.lock(t.tx, id);
    if (!row || !visibilityOf(t.actor).sees(row)) throw notFound('supervision_urge', id);
    if (!answersFor(t.actor, row)) throw new AppError('supervision.not_your_unit', { extra: { permission: P.answer } });
    const status = urgeWorkflow.next(row.status, 'answer');
    if (row.version !== input.version) throw new AppError('resource.stale', { extra: { currentVersion: row.version } });
    const late = row.status === 'escalated' || row.dueDate < todayOf(t);
    const updated = await urgeRepo.update(t.tx, row.id, row.version, {
      status,
      answer: input.answer,
      answeredBy: t.actor.id,
      answeredByName: t.actor.name,
      answeredAt: nowOf(t),
      answeredLate: late,
    });
    if (!updated) throw new AppError('resource.stale');
    t.audit({
      action: 'supervision.urge.answer',
      objectType: 'supervision_urge',
      objectId: row.id,
      summary: { caseNo: row.caseNo, from: row.status, to: status, late },
      scope: { regionPath: row.regionPath, departmentId: row.departmentId },
    });
    return presentUrge(t, updated);
  });
}
