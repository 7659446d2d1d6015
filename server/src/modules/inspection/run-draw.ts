import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { transact, type Ctx } from '../../platform/context.ts';
import { openPersonal } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { runDraw } from './draw.ts';
import { compactDrawInputs, documentHead } from './draw-inputs.ts';
import { drawInputsRepo } from './draw-inputs-repository.ts';
import { buildPools } from './draw-pools.ts';
import { drawRepo } from './draw-repository.ts';
import { presentDraw } from './presenters.ts';
import { taskRepo } from './task-repository.ts';
import { taskForManager } from './tasks-service.ts';
import { drawWorkflow, nextTaskStatus } from './workflow.ts';

const gzipAsync = promisify(gzip);

/** Runs the committed draw: reveals the seed, records input hashes, pools and results. */
export async function drawTask(ctx: Ctx, taskId: string) {
  await taskForManager(ctx, taskId);
  return transact(ctx, async (t) => {
    const task = (await taskRepo.lock(t.tx, taskId))!;
    const taskStatus = nextTaskStatus(task.status, 'draw');
    const draw = await drawRepo.committedOfTask(t.tx, taskId);
    if (!draw) throw new AppError('inspection.not_committed');
    const seed = openPersonal(t.config.secrets.dataKey, draw.seedSealed);
    const started = performance.now();
    const { inputs } = await buildPools(t, task, draw.id);
    const pooled = performance.now();
    if (inputs.inspectors.length === 0) throw new AppError('inspection.no_inspectors');
    const outcome = runDraw({ ...inputs, seed });
    const ran = performance.now();
    const rows = outcome.selected.map((s, i) => ({ id: newId(), seq: i + 1, uscc: s.uscc, k: s.inspectorKeys }));
    const head = documentHead({ drawId: draw.id, commitment: draw.commitment, seed, hashes: outcome.hashes, inputs });
    // The head is gzipped on the thread pool meanwhile. All assignments are one statement, names joined in the database.
    const headGz = gzipAsync(head, { level: 1 });
    headGz.catch(() => {});
    await drawRepo.update(t.tx, draw.id, {
      status: drawWorkflow.next(draw.status, 'draw'),
      seed,
      hashes: { ...outcome.hashes },
      poolSize: outcome.poolSize,
      target: outcome.target,
      selectedCount: outcome.selected.length,
      drawnAt: new Date(),
      drawnBy: t.actor.id,
    });
    await drawRepo.insertAssignments(t.tx, draw.id, taskId, rows);
    await taskRepo.setStatus(t.tx, taskId, taskStatus);
    await drawInputsRepo.insert(t.tx, draw.id, await headGz);
    const written = performance.now();
    const text = inputs.entities.text;
    t.afterCommit(() => {
      // Not awaited, and started after the answer has gone: the draw does not wait for the compression.
      setImmediate(() => {
        void compactDrawInputs(ctx, draw.id, { head, text }).catch((err: unknown) =>
          ctx.log.warn({ err, drawId: draw.id }, 'inspection draw inputs: compaction failed (served uncompacted)'),
        );
      });
    });
    const ms = (a: number, b: number) => Math.round(b - a);
    t.log.info(
      {
        drawId: draw.id,
        poolSize: outcome.poolSize,
        selected: outcome.selected.length,
        pools: ms(started, pooled),
        draw: ms(pooled, ran),
        write: ms(ran, written),
      },
      'inspection draw (ms)',
    );
    t.audit({
      action: 'inspection.draw.run',
      objectType: 'inspection_draw',
      objectId: draw.id,
      summary: { taskId, hashes: outcome.hashes, poolSize: outcome.poolSize, selected: outcome.selected.length, skipped: outcome.skipped.length },
    });
    return presentDraw((await drawRepo.find(t.tx, draw.id))!);
  });
}
