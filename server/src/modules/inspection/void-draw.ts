import { transact, type Ctx } from '../../platform/context.ts';
import { openPersonal } from '../../platform/crypto/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { drawRepo } from './draw-repository.ts';
import { assertCan, inspectionPermissions as P } from './policy.ts';
import { presentDraw } from './presenters.ts';
import { assignmentRepo, resultRepo } from './result-repository.ts';
import { taskRepo } from './task-repository.ts';
import { drawWorkflow, taskWorkflow } from './workflow.ts';

/** A supervisor voids a draw with a reason; it stays visible, and the task may be drawn again. */
export async function voidDraw(ctx: Ctx, drawId: string, reason: string) {
  return transact(ctx, async (t) => {
    const draw = await drawRepo.lock(t.tx, drawId);
    if (!draw) throw notFound('inspection_draw', drawId);
    const task = (await taskRepo.find(t.tx, draw.taskId))!;
    assertCan(t.actor, P.void, { regionPath: task.regionPath, departmentId: task.leadDepartmentId });
    const drawStatus = drawWorkflow.next(draw.status, 'void');
    if ((await resultRepo.countOfDraw(t.tx, drawId)) > 0) throw new AppError('inspection.has_results');
    const taskStatus = taskWorkflow.next(task.status, 'void');
    // A committed draw's seed is revealed when voided, so nobody can keep a favourable one secret.
    const seed = draw.seed ?? openPersonal(t.config.secrets.dataKey, draw.seedSealed);
    await drawRepo.update(t.tx, drawId, { status: drawStatus, seed, voidedAt: new Date(), voidedBy: t.actor.id, voidReason: reason });
    await assignmentRepo.deactivateDraw(t.tx, drawId);
    await taskRepo.setStatus(t.tx, draw.taskId, taskStatus);
    t.audit({ action: 'inspection.draw.void', objectType: 'inspection_draw', objectId: drawId, summary: { taskId: draw.taskId, reason } });
    return presentDraw((await drawRepo.find(t.tx, drawId))!);
  });
}
