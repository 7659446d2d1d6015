import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { myInspectorId } from './inspectors-service.ts';
import { presentResult } from './presenters.ts';
import { assignmentRepo, resultRepo } from './result-repository.ts';
import type { ResultCreate } from './schemas.ts';
import { taskRepo } from './task-repository.ts';
import { presentAssignments, taskForReader } from './tasks-service.ts';
import { nextTaskStatus } from './workflow.ts';

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /** A random-inspection result: a record for the entity's credit file. */
    'inspection.result.recorded': {
      resultId: string;
      taskId: string;
      uscc: string;
      outcome: string;
      followUp: string;
      inspectedOn: string;
      departmentIds: string[];
      itemIds: string[];
    };
  }
}

/** The signed-in inspector's assignments (active draws), newest task first. */
export async function myAssignments(ctx: Ctx, q: { page: number; pageSize: number }) {
  const me = await myInspectorId(ctx);
  if (!me) return pageOf([], 0, q);
  const { rows, total } = await assignmentRepo.pageOfInspector(ctx.database.db, me, q);
  return pageOf(await presentAssignments(ctx, rows), total, q);
}

export async function recordResult(ctx: Ctx, assignmentId: string, input: z.infer<typeof ResultCreate>) {
  await ctx.calendar.refresh();
  const me = await myInspectorId(ctx);
  return transact(ctx, async (t) => {
    const a = await assignmentRepo.find(t.tx, assignmentId);
    if (!a || !a.active) throw notFound('inspection_assignment', assignmentId);
    if (t.actor.kind !== 'system' && (!me || !a.inspectorIds.includes(me))) throw new AppError('inspection.not_assigned');
    const task = (await taskRepo.lock(t.tx, a.taskId))!;
    nextTaskStatus(task.status, 'record');
    if (await resultRepo.existsFor(t.tx, assignmentId)) throw new AppError('resource.conflict', { fields: [{ field: 'assignmentId', code: 'duplicate' }] });
    const due = t.calendar.addWorkingDays(input.inspectedOn, task.disclosureWorkingDays, task.regionPath);
    const row = {
      id: newId(),
      assignmentId,
      taskId: a.taskId,
      uscc: a.uscc,
      outcome: input.outcome,
      notes: input.notes ?? null,
      photoRefs: input.photoRefs,
      followUp: input.followUp,
      followUpNote: input.followUpNote ?? null,
      inspectedOn: input.inspectedOn,
      recordedBy: t.actor.kind === 'staff' ? (t.actor.subjectId ?? null) : null,
      disclosureDue: due.date,
      disclosureDueEstimated: due.estimated,
    };
    await resultRepo.insert(t.tx, row);
    // Recording the last open assignment finishes the task.
    const open = await assignmentRepo.openCount(t.tx, a.taskId);
    await taskRepo.setStatus(t.tx, a.taskId, nextTaskStatus(task.status, open === 0 ? 'finish' : 'record'));
    t.audit({
      action: 'inspection.result.record',
      objectType: 'inspection_result',
      objectId: row.id,
      summary: { taskId: a.taskId, uscc: a.uscc, outcome: input.outcome, followUp: input.followUp },
    });
    await t.publish('inspection.result.recorded', {
      resultId: row.id,
      taskId: a.taskId,
      uscc: a.uscc,
      outcome: input.outcome,
      followUp: input.followUp,
      inspectedOn: input.inspectedOn,
      departmentIds: task.departmentIds,
      itemIds: task.itemIds,
    });
    return presentResult({ ...row, disclosedAt: null });
  });
}

export async function taskResults(ctx: Ctx, taskId: string) {
  await taskForReader(ctx, taskId);
  return (await resultRepo.ofTask(ctx.database.db, taskId)).map(presentResult);
}
