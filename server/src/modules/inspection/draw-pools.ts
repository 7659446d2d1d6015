import { regionWithin } from '../../platform/auth/actor.ts';
import type { TxCtx } from '../../platform/context.ts';
import { findRegion } from '../org/index.ts';
import { entityCreditLevels } from '../credit/index.ts';
import { entityRepo, inspectorRepo, relationPairs } from './directory-repository.ts';
import { ALGORITHM_VERSION, sortExclusions, type DrawExclusion, type DrawInputs } from './draw.ts';
import { drawRepo, poolFilter, readPool, sameAddressPairs } from './draw-repository.ts';
import type { EntityPool } from './entity-pool.ts';
import { itemRepo } from './item-repository.ts';
import { assignmentRepo } from './result-repository.ts';
import type { TaskRow } from './task-repository.ts';

// What a task is drawn from: the entity pool as it is now, the inspectors, and the recusal pairs.

/** The region subtrees a task draws from: its scope's regions inside the plan's region, or the plan's region. */
async function poolRoots(t: TxCtx, task: TaskRow): Promise<string[]> {
  const scope = task.scope;
  const regionPaths: string[] = [];
  for (const code of scope.regionCodes ?? []) {
    const r = await findRegion(t, code);
    if (r) regionPaths.push(r.path);
  }
  // Scope regions outside the plan's region are ignored; a scope naming only unknown regions draws from nobody.
  const inPlan = regionPaths.filter((p) => regionWithin(p, task.regionPath));
  return scope.regionCodes?.length ? (inPlan.length ? inPlan : ['-']) : [task.regionPath];
}

/**
 * The pools for a task as they are now: filtered, with recusal pairs. Inspector keys are directory
 * ids. The pool is stored with the draw as it is read (readPool).
 */
export async function buildPools(
  t: TxCtx,
  task: TaskRow,
  drawId: string,
): Promise<{ inputs: Omit<DrawInputs, 'seed' | 'entities'> & { entities: EntityPool } }> {
  const db = t.tx;
  const filter = poolFilter(await poolRoots(t, task), task.scope);
  const taskItems = await itemRepo.findMany(db, task.itemIds);
  const itemCodes = taskItems.map((i) => i.code);
  const inspectorRows = (await inspectorRepo.available(db, task.departmentIds)).filter(
    (i) => i.qualifications.length === 0 || itemCodes.some((c) => i.qualifications.includes(c)),
  );
  const ids = inspectorRows.map((i) => i.id);
  // The last N drawn (not voided) tasks that share a department with this one.
  const recent = ids.length && task.recentTasks > 0 ? await drawRepo.recentOfDepartments(db, task.id, task.departmentIds, task.recentTasks) : [];
  const withAddress = inspectorRows.filter((i) => i.addressKey).map((i) => i.id);
  // The credit level the draw weights by is the one credit computes from the entity's file now;
  // the imported letter counts only for entities credit holds no file of.
  await entityRepo.refreshComputedCreditLevels(db, await entityCreditLevels(t));
  const pool = await readPool(db, t.database.kind, filter.line, drawId);
  // Recusal pairs: declared relations, same address key, assignments of the recent tasks; those of
  // entities outside the pool are dropped (by the pool's own USCC order, no join needed).
  const rel = ids.length ? await relationPairs(db, ids) : [];
  const same = withAddress.length ? await sameAddressPairs(db, withAddress, filter.columns) : [];
  const recentRows = recent.length ? await assignmentRepo.ofDraws(db, recent) : [];
  const inPool = pool.present([...rel.map((r) => r.uscc), ...recentRows.map((a) => a.uscc)]);
  const exclusions: DrawExclusion[] = [];
  for (const r of rel) if (inPool.has(r.uscc)) exclusions.push({ inspectorKey: r.k, uscc: r.uscc, reason: 'relation' });
  for (const r of same) exclusions.push({ inspectorKey: r.k, uscc: r.uscc, reason: 'same_address' });
  const idSet = new Set(ids);
  const seen = new Set<string>();
  for (const a of recentRows) {
    if (!inPool.has(a.uscc)) continue;
    for (const k of a.inspectorIds) {
      if (!idSet.has(k) || seen.has(`${k}|${a.uscc}`)) continue;
      seen.add(`${k}|${a.uscc}`);
      exclusions.push({ inspectorKey: k, uscc: a.uscc, reason: 'recent' });
    }
  }
  return {
    inputs: {
      algorithm: ALGORITHM_VERSION,
      params: {
        count: task.count,
        proportionBp: task.proportionBp,
        inspectorsPerEntity: task.inspectorsPerEntity,
        departmentIds: task.departmentIds,
        riskWeights: task.riskWeights,
        creditWeights: task.creditWeights,
      },
      entities: pool,
      inspectors: inspectorRows.map((i) => ({ key: i.id, departmentId: i.departmentId, regionPath: i.regionPath })),
      exclusions: sortExclusions(exclusions),
    },
  };
}
