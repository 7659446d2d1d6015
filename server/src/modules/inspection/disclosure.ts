import { transact, type Ctx } from '../../platform/context.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { resultRepo } from './result-repository.ts';
import { taskRepo } from './task-repository.ts';
import { taskForManager } from './tasks-service.ts';
import { nextTaskStatus } from './workflow.ts';

// Disclosure of results on the portal (公示), within the task's working days.

/** Discloses the task's recorded results on the portal. */
export async function discloseTask(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const task = (await taskRepo.lock(t.tx, taskId))!;
    const status = nextTaskStatus(task.status, 'disclose');
    const updated = await resultRepo.discloseTask(t.tx, taskId, new Date());
    if (status !== task.status) await taskRepo.setStatus(t.tx, taskId, status);
    t.audit({ action: 'inspection.task.disclose', objectType: 'inspection_task', objectId: taskId, summary: { results: updated.length } });
    return { disclosed: updated.length, status };
  });
}

/** Job: warns the task's planner about undisclosed results due within `withinDays` working days. */
export async function warnDisclosureDue(ctx: Ctx, withinDays = 3): Promise<number> {
  await ctx.calendar.refresh();
  const today = ctx.calendar.today();
  const limit = ctx.calendar.addWorkingDays(today, withinDays).date;
  return transact(ctx, async (t) => {
    const due = await resultRepo.dueForWarning(t.tx, limit);
    for (const r of due) {
      if (r.createdBy) {
        await enqueueNotification(t.tx, {
          channel: 'site',
          recipientKind: 'staff',
          recipientId: r.createdBy,
          template: 'inspection.disclosure_due',
          params: { taskId: r.taskId, title: r.title, uscc: r.uscc, due: r.disclosureDue, overdue: r.disclosureDue < today },
        });
      }
      await resultRepo.markWarned(t.tx, r.id, new Date());
    }
    if (due.length)
      t.audit({ action: 'inspection.disclosure.warn', objectType: 'inspection_result', objectId: 'batch', summary: { results: due.length, limit } });
    return due.length;
  });
}
