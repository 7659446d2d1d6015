import type { z } from 'zod';
import { can, scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findDepartments, findRegion } from '../org/index.ts';
import { entityRepo, inspectorRepo } from './directory-repository.ts';
import { itemRepo } from './item-repository.ts';
import { assertCan, inspectionPermissions as P } from './policy.ts';
import { drawRepo } from './draw-repository.ts';
import { presentAssignment, presentDraw, presentTask } from './presenters.ts';
import { assignmentRepo, resultRepo, type AssignmentRow } from './result-repository.ts';
import type { PlanCreate, TaskCreate, TaskListQuery } from './schemas.ts';
import { planRepo, taskRepo, type TaskRow } from './task-repository.ts';

// Plans and their tasks: planning, lists, and who may read or manage a task.

export async function createPlan(ctx: Ctx, input: z.infer<typeof PlanCreate>) {
  const region = await findRegion(ctx, input.regionCode);
  if (!region) throw new AppError('request.invalid', { fields: [{ field: 'regionCode', code: 'not_found' }] });
  assertCan(ctx.actor, P.plan, { regionPath: region.path, departmentId: input.departmentId });
  return transact(ctx, async (t) => {
    const row = { id: newId(), ...input, regionPath: region.path };
    await planRepo.insert(t.tx, row);
    t.audit({ action: 'inspection.plan.create', objectType: 'inspection_plan', objectId: row.id, summary: { after: row } });
    return row;
  });
}

export async function listPlans(ctx: Ctx) {
  return planRepo.all(ctx.database.db);
}

export async function createTask(ctx: Ctx, planId: string, input: z.infer<typeof TaskCreate>) {
  const plan = await planRepo.find(ctx.database.db, planId);
  if (!plan) throw notFound('inspection_plan', planId);
  const lead = input.departmentIds[0]!;
  assertCan(ctx.actor, P.plan, { regionPath: plan.regionPath, departmentId: lead });
  const depts = await findDepartments(ctx, input.departmentIds);
  if (depts.length !== new Set(input.departmentIds).size) throw new AppError('request.invalid', { fields: [{ field: 'departmentIds', code: 'not_found' }] });
  const found = await itemRepo.findMany(ctx.database.db, input.itemIds);
  if (found.length !== new Set(input.itemIds).size || found.some((i) => !input.departmentIds.includes(i.departmentId))) {
    throw new AppError('request.invalid', { fields: [{ field: 'itemIds', code: 'not_found' }], detail: 'items must belong to the task departments' });
  }
  return transact(ctx, async (t) => {
    const row = {
      id: newId(),
      planId,
      title: input.title,
      itemIds: input.itemIds,
      departmentIds: input.departmentIds,
      leadDepartmentId: lead,
      regionPath: plan.regionPath,
      scope: input.scope,
      count: input.count ?? null,
      proportionBp: input.proportionPercent != null ? Math.round(input.proportionPercent * 100) : null,
      inspectorsPerEntity: input.inspectorsPerEntity,
      riskWeights: input.riskWeights,
      creditWeights: input.creditWeights,
      recentTasks: input.recentTasks,
      dueDate: input.dueDate,
      disclosureWorkingDays: input.disclosureWorkingDays,
      createdBy: t.actor.kind === 'staff' ? (t.actor.subjectId ?? null) : null,
    };
    const created = await taskRepo.insert(t.tx, row);
    t.audit({ action: 'inspection.task.create', objectType: 'inspection_task', objectId: row.id, summary: { after: row } });
    return presentTask(created);
  });
}

export async function listTasks(ctx: Ctx, q: z.infer<typeof TaskListQuery>) {
  const manager = scopesOf(ctx.actor, P.plan);
  // A supervisor (inspection.draw.void) sees the tasks of the regions they oversee.
  const supervisor = manager.all || manager.scopes.length ? undefined : scopesOf(ctx.actor, P.void);
  const { all, scopes } = supervisor ?? manager;
  if (!all && scopes.length === 0) throw new AppError('auth.forbidden');
  const departments = supervisor || all || scopes.some((s) => s.departmentId === null) ? undefined : scopes.map((s) => s.departmentId!);
  const regions = supervisor && !all ? scopes.map((s) => s.regionPath) : undefined;
  const { rows, total } = await taskRepo.page(ctx.database.db, { ...q, regions, departments });
  return pageOf(rows.map(presentTask), total, q);
}

/** A task a manager of its lead department, or a supervisor over its region, may read. */
export async function taskForReader(ctx: Ctx, taskId: string): Promise<TaskRow> {
  const task = await taskRepo.find(ctx.database.db, taskId);
  if (!task) throw notFound('inspection_task', taskId);
  const scope = { regionPath: task.regionPath, departmentId: task.leadDepartmentId };
  if (!can(ctx.actor, P.plan, scope)) assertCan(ctx.actor, P.void, scope);
  return task;
}

/** A task a manager of its lead department may act on. */
export async function taskForManager(ctx: Ctx, taskId: string): Promise<TaskRow> {
  const task = await taskRepo.find(ctx.database.db, taskId);
  if (!task) throw notFound('inspection_task', taskId);
  assertCan(ctx.actor, P.plan, { regionPath: task.regionPath, departmentId: task.leadDepartmentId });
  return task;
}

export async function getTask(ctx: Ctx, taskId: string) {
  const task = await taskForReader(ctx, taskId);
  const db = ctx.database.db;
  const plan = await planRepo.find(db, task.planId);
  const depts = new Map((await findDepartments(ctx, task.departmentIds)).map((d) => [d.id, d.name]));
  const itemRows = await itemRepo.findMany(db, task.itemIds);
  return {
    ...presentTask(task),
    planTitle: plan?.title ?? '',
    departments: task.departmentIds.map((id) => ({ id, name: depts.get(id) ?? id })),
    items: task.itemIds
      .map((id) => itemRows.find((i) => i.id === id))
      .filter((i) => !!i)
      .map((i) => ({ id: i!.id, code: i!.code, name: i!.name })),
  };
}

/** Assignments with their task titles, inspectors, entity addresses and results. */
export async function presentAssignments(ctx: Ctx, rows: AssignmentRow[]) {
  if (!rows.length) return [];
  const db = ctx.database.db;
  const titles = await taskRepo.titles(db, [...new Set(rows.map((r) => r.taskId))]);
  const inspectors = new Map((await inspectorRepo.findMany(db, [...new Set(rows.flatMap((r) => r.inspectorIds))])).map((i) => [i.id, i]));
  const addresses = new Map(
    (
      await entityRepo.addresses(
        db,
        rows.map((r) => r.uscc),
      )
    ).map((e) => [e.uscc, e.address]),
  );
  const results = new Map(
    (
      await resultRepo.ofAssignments(
        db,
        rows.map((r) => r.id),
      )
    ).map((r) => [r.assignmentId, r]),
  );
  return rows.map((r) => presentAssignment(r, { titles, inspectors, addresses, results }));
}

/** The entities drawn for a task (the live draw, or ?drawId= a voided one), with names, inspectors and results. */
export async function taskAssignments(ctx: Ctx, taskId: string, q: { page: number; pageSize: number; drawId?: string; q?: string }) {
  await taskForReader(ctx, taskId);
  const { rows, total } = await assignmentRepo.pageOfTask(ctx.database.db, taskId, q);
  const presented = await presentAssignments(ctx, rows);
  const depts = await inspectorRepo.departmentsOf(
    ctx.database.db,
    rows.flatMap((r) => r.inspectorIds),
  );
  return pageOf(
    presented.map((a, i) => ({ ...a, seq: rows[i]!.seq, inspectors: a.inspectors.map((x) => ({ ...x, departmentId: depts.get(x.id) ?? '' })) })),
    total,
    q,
  );
}

/** All draws of a task, voided ones included. */
export async function listDraws(ctx: Ctx, taskId: string) {
  await taskForReader(ctx, taskId);
  return (await drawRepo.ofTask(ctx.database.db, taskId)).map(presentDraw);
}
