import { asActor, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { listStaff } from '../identity/index.ts';
import { caseRepo } from './repository.ts';
import type { CaseView } from './schemas.ts';
import { caseMachine } from './workflow/machine.ts';
import type { CaseStatus } from './workflow/engine.ts';
import { mayRead } from './case-state.ts';
import { present, stepName } from './present.ts';
import { loadWorkflow } from './workflows.ts';

/** One case as the actor sees it (404 to whoever may not read it). */
export async function getCase(ctx: Ctx, caseNo: string): Promise<CaseView> {
  const found = await caseRepo.byNoWithActions(ctx.database.db, caseNo);
  if (!found || !mayRead(ctx.actor, found.row)) throw notFound('case', caseNo);
  const def = await loadWorkflow(ctx, found.row.workflowCode, found.row.workflowVersion);
  return present(ctx, found.row, found.actions, def);
}

/**
 * 转办: the colleagues a case may be transferred to at its current step — same department, active,
 * holding the step's role (the rule `transfer` checks). Staff who may read the case or act at the
 * step only; the case must be at a step that can be transferred.
 */
export async function transferCandidates(ctx: Ctx, caseNo: string) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  const step = def.steps.find((s) => s.key === row.stepKey);
  const open = caseMachine.can(row.status as CaseStatus, 'transfer');
  const items: { id: string; name: string; self: boolean; assignee: boolean }[] = [];
  if (open && step) {
    // Identity lists staff for managers only: read the department's staff as the platform, and answer only names.
    const system = asActor(ctx, systemActor);
    for (let page = 1; ; page++) {
      const batch = await listStaff(system, { page, pageSize: 200, departmentId: row.departmentId, active: true });
      for (const s of batch.items) {
        if (s.active && s.departmentId === row.departmentId && s.roles.some((r) => r.roleCode === step.role)) {
          items.push({ id: s.id, name: s.name, self: s.id === ctx.actor.subjectId, assignee: s.id === row.assigneeId });
        }
      }
      if (page * 200 >= batch.total) break;
    }
  }
  return { caseNo, step: { key: row.stepKey, name: stepName(ctx, def, row.stepKey), role: row.stepRole }, items };
}
