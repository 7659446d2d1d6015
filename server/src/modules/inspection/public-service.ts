import type { Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { notFound } from '../../platform/errors.ts';
import { findDepartments } from '../org/index.ts';
import { inspectorRepo } from './directory-repository.ts';
import { drawRepo } from './draw-repository.ts';
import { itemRepo } from './item-repository.ts';
import { presentDraw } from './presenters.ts';
import { assignmentRepo, resultRepo } from './result-repository.ts';
import { planRepo, taskRepo } from './task-repository.ts';

// The portal's view (公示): disclosed tasks with their results, and each draw. No personal data.

export async function publicTasks(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const db = ctx.database.db;
  const { rows, total } = await taskRepo.pageDisclosed(db, q);
  if (!rows.length) return pageOf([], total, q);
  const ids = rows.map((r) => r.id);
  const planRows = await planRepo.findMany(db, [...new Set(rows.map((r) => r.planId))]);
  const itemRows = await itemRepo.findMany(db, [...new Set(rows.flatMap((r) => r.itemIds))]);
  const depts = new Map((await findDepartments(ctx, [...new Set(rows.flatMap((r) => r.departmentIds))])).map((d) => [d.id, d.name]));
  const resRows = await resultRepo.disclosedOfTasks(db, ids);
  const drawRows = await drawRepo.drawnOfTasks(db, ids);
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: planRows.find((p) => p.id === r.planId)?.year ?? 0,
      departments: r.departmentIds.map((d) => depts.get(d) ?? d),
      items: itemRows.filter((i) => r.itemIds.includes(i.id)).map((i) => ({ code: i.code, name: i.name, legalBasis: i.legalBasis })),
      drawId: drawRows.find((d) => d.taskId === r.id)?.id ?? null,
      results: resRows
        .filter((x) => x.taskId === r.id)
        .map((x) => ({
          uscc: x.uscc,
          entityName: x.entityName,
          inspectedOn: x.inspectedOn,
          outcome: x.outcome,
          followUp: x.followUp,
          disclosedAt: x.disclosedAt!.toISOString(),
        })),
    })),
    total,
    q,
  );
}

export async function publicDraw(ctx: Ctx, drawId: string) {
  const db = ctx.database.db;
  const draw = await drawRepo.find(db, drawId);
  if (!draw) throw notFound('inspection_draw', drawId);
  const task = await taskRepo.find(db, draw.taskId);
  const rows = await assignmentRepo.ofDraw(db, drawId);
  const insp = await inspectorRepo.publicOf(
    db,
    rows.flatMap((r) => r.inspectorIds),
  );
  const depts = new Map((await findDepartments(ctx, task!.departmentIds)).map((d) => [d.id, d.name]));
  const others = await drawRepo.othersOfTask(db, draw.taskId, drawId);
  return {
    ...presentDraw(draw),
    taskTitle: task!.title,
    selected: rows.map((r) => ({
      uscc: r.uscc,
      entityName: r.entityName,
      // The key stays (the page recomputes the draw with it); the name is what people read.
      inspectors: r.inspectorIds.map((k) => ({ key: k, name: insp.get(k)?.name ?? '', department: depts.get(insp.get(k)?.departmentId ?? '') ?? '' })),
    })),
    otherDraws: others,
  };
}
