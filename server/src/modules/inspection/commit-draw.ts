import { randomBytes } from 'node:crypto';
import { transact, type Ctx } from '../../platform/context.ts';
import { sealPersonal } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { ALGORITHM_VERSION, commitmentOf } from './draw.ts';
import { drawRepo } from './draw-repository.ts';
import { presentDraw } from './presenters.ts';
import { taskRepo } from './task-repository.ts';
import { taskForManager } from './tasks-service.ts';
import { nextTaskStatus } from './workflow.ts';

/** Publishes the commitment (SM3 of a fresh random seed, kept sealed until the draw). */
export async function commitDraw(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const task = (await taskRepo.lock(t.tx, taskId))!;
    const status = nextTaskStatus(task.status, 'commit');
    const n = await drawRepo.countOfTask(t.tx, taskId);
    const seed = randomBytes(32).toString('hex');
    const row = {
      id: newId(),
      taskId,
      seq: n + 1,
      status: 'committed' as const,
      commitment: commitmentOf(seed),
      seedSealed: sealPersonal(t.config.secrets.dataKey, seed),
      algorithm: ALGORITHM_VERSION,
      committedBy: t.actor.id,
    };
    await drawRepo.insert(t.tx, row);
    await taskRepo.setStatus(t.tx, taskId, status);
    t.audit({ action: 'inspection.draw.commit', objectType: 'inspection_draw', objectId: row.id, summary: { taskId, commitment: row.commitment } });
    return presentDraw((await drawRepo.find(t.tx, row.id))!);
  });
}
