import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cappedPageOf } from '../../platform/db/paging.ts';
import { can, scopesOf, type Actor } from '../../platform/auth/index.ts';
import { casePermissions } from './policy.ts';
import { caseRepo, type CaseSummaryRow, type CaseScope, type StepScope } from './repository.ts';
import type { CaseView, TodoQuery } from './schemas.ts';
import type { WorkflowDefinition } from './workflow/definition.ts';
import { caseLight } from './case-state.ts';
import { stepName } from './present.ts';
import { loadWorkflow } from './workflows.ts';
import { todoPage } from './todo-repository.ts';
import { disclosurePage } from './disclosure-repository.ts';

/** The case lists' summary of each row (light by caseLight, step name from its workflow). */
export async function summaries(ctx: Ctx, rows: CaseSummaryRow[]) {
  const today = ctx.calendar.today();
  const defs = new Map<string, WorkflowDefinition>();
  const out = [];
  for (const r of rows) {
    const key = `${r.workflowCode}@${r.workflowVersion}`;
    if (!defs.has(key)) defs.set(key, await loadWorkflow(ctx, r.workflowCode, r.workflowVersion));
    out.push({
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentName: r.departmentName,
      applicantName: r.applicantName,
      status: r.status as CaseView['status'],
      stepName: stepName(ctx, defs.get(key)!, r.stepKey),
      submittedAt: r.submittedAt.toISOString(),
      dueDate: r.dueDate,
      light: caseLight(ctx, r, today),
      paused: r.paused,
      assigneeId: r.assigneeId,
      supplyBy: r.supplyBy,
      fastLane: r.fastLane,
      version: r.version,
    });
  }
  return out;
}

/** The scopes of the cases the actor may read ('all': everything); 403 without `cases.case.read` anywhere. */
export function readScope(actor: Actor): CaseScope[] | 'all' {
  const { all, scopes } = scopesOf(actor, casePermissions.read);
  if (all) return 'all';
  if (scopes.length === 0) throw new AppError('auth.forbidden', { extra: { permission: casePermissions.read } });
  return scopes;
}

/** `mine`: the applicant's own cases; otherwise the cases of the departments the staff member may read. */
export async function listCases(ctx: Ctx, q: { page: number; pageSize: number; q?: string; mine?: string; status?: string; applicantId?: string }) {
  const db = ctx.database.db;
  if (q.mine) {
    const { kind, subjectId } = ctx.actor;
    if ((kind !== 'person' && kind !== 'entity') || !subjectId) return cappedPageOf([], { total: 0, totalCapped: false }, q);
    const { rows, ...total } = await caseRepo.listForApplicant(db, { kind, id: subjectId }, q);
    return cappedPageOf(await summaries(ctx, rows), total, q);
  }
  const { rows, ...total } = await caseRepo.listInScope(db, readScope(ctx.actor), q, { totalMaxAgeMs: ctx.config.CACHE_RECHECK_SECONDS * 1000 });
  return cappedPageOf(await summaries(ctx, rows), total, q);
}

/** 待办: open cases at a step of one of my roles (a grant carrying cases.case.handle), in my department / region, unassigned or mine; most urgent first. */
export async function todo(ctx: Ctx, q: TodoQuery) {
  // Every role may stand at a step (custom workflows name their own roles): the role match is the filter.
  const scopes: StepScope[] = ctx.actor.grants
    .filter((g) => can({ ...ctx.actor, grants: [g] }, casePermissions.handle))
    .map((g) => ({ role: g.role, regionPath: g.regionPath, departmentId: g.departmentId }));
  const { rows, ...total } = await todoPage(ctx.database.db, scopes, ctx.actor.subjectId ?? null, q, {
    totalMaxAgeMs: ctx.config.CACHE_RECHECK_SECONDS * 1000,
  });
  return cappedPageOf(await summaries(ctx, rows), total, q);
}

const outcomeNames = { concluded: '办结', refused: '不予受理', denied: '不予许可' } as const;

/** 办件公示: concluded cases with item, department, result and dates; a person's name is masked, nothing else personal. */
export async function publicDisclosure(ctx: Ctx, q: { page: number; pageSize: number; q?: string }) {
  const { rows, ...total } = await disclosurePage(ctx.database.db, q, { totalMaxAgeMs: ctx.config.CACHE_RECHECK_SECONDS * 1000 });
  return cappedPageOf(
    rows.map((r) => ({
      caseNo: r.caseNo,
      itemName: r.itemName,
      departmentName: r.departmentName,
      // A natural person is not named, not even by surname: item + date + district identify people in a small place (issue 11 §3).
      applicant: r.applicantKind === 'entity' ? r.applicantName : '个人',
      result: outcomeNames[r.status as keyof typeof outcomeNames],
      outcome: r.outcome,
      submittedOn: r.submittedOn,
      concludedOn: r.concludedOn,
    })),
    total,
    q,
  );
}
