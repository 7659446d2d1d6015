import type { Ctx } from '../../platform/context.ts';
import type { Config } from '../../platform/config/index.ts';
import { can, type Actor } from '../../platform/auth/index.ts';
import { casePermissions, holdsAtStep, isApplicantOf, type CaseStanding } from './policy.ts';
import { holdsOpenBranch } from './countersign-policy.ts';
import { openBranchKeys } from './workflow/countersign.ts';
import type { CaseActionRow, CaseRow } from './repository.ts';
import type { WorkflowDefinition } from './workflow/definition.ts';
import { terminalStatuses, type CaseAction, type CaseState, type CaseStatus, type RecordedAction } from './workflow/engine.ts';
import { caseDeadlines, type Light } from './workflow/clock.ts';

/** The cases settings of the installation (platform config: CASES_YELLOW_DAYS, CASES_CORRECTION_DAYS, CASES_MAX_UPLOAD_MB). */
export function caseSettings(config: Config) {
  return {
    /** Yellow light threshold in working days. */
    yellowDays: config.CASES_YELLOW_DAYS,
    /** Working days the applicant has to supply a requested correction. */
    correctionDays: config.CASES_CORRECTION_DAYS,
    /** Max size of one uploaded material. */
    maxUploadBytes: config.CASES_MAX_UPLOAD_MB * 1024 * 1024,
  };
}

export const TERMINAL: readonly string[] = terminalStatuses;

export const isTerminal = (status: string): boolean => TERMINAL.includes(status as CaseStatus);

export function toRecorded(a: CaseActionRow): RecordedAction {
  return { action: a.action as CaseAction, date: a.occurredOn, actorId: a.actorId, stepKey: a.stepKey, payload: a.payload };
}

/**
 * The applicant, staff who may read the department's cases, and whoever may act at the current step
 * (e.g. an inspector in a custom step, or a co-signing department's holder of an open 会签 branch).
 */
export function mayRead(actor: Actor, row: CaseRow): boolean {
  return (
    isApplicantOf(actor, row) ||
    can(actor, casePermissions.read, { regionPath: row.regionPath, departmentId: row.departmentId }) ||
    holdsAtStep(actor, row.stepRole, row) ||
    holdsOpenBranch(actor, row)
  );
}

export function standingOf(row: CaseRow, def: WorkflowDefinition, state: CaseState): CaseStanding {
  return { departmentId: row.departmentId, regionPath: row.regionPath, applicantKind: row.applicantKind, applicantId: row.applicantId, def, state };
}

/**
 * THE light of a case as of `today`, the one every page shows (the to-do list, the case lists, the
 * case page): none once the case has ended; while paused, the light it had when the clock stopped;
 * otherwise from the working days left to the case's due date (the cached due date moves with every
 * action and refresh, the light with the date).
 */
export function caseLight(ctx: Ctx, row: Pick<CaseRow, 'status' | 'paused' | 'light' | 'dueDate' | 'regionPath'>, today: string): Light | null {
  if (isTerminal(row.status)) return null;
  if (row.paused) return row.light;
  const left = ctx.calendar.workingDaysBetween(today, row.dueDate, row.regionPath).days;
  return left < 0 ? 'red' : left <= caseSettings(ctx.config).yellowDays ? 'yellow' : 'green';
}

/** The cached columns of a case (status … light, due dates, supplyBy) for a derived state, as of `today`. */
export function cacheOf(
  ctx: Ctx,
  def: WorkflowDefinition,
  state: CaseState,
  row: Pick<CaseRow, 'submittedOn' | 'promisedDays' | 'regionPath'> & { departmentId?: string },
  today: string,
) {
  const d = caseDeadlines(ctx.calendar, def, state, row.submittedOn, row.promisedDays, today, {
    region: row.regionPath,
    yellowDays: caseSettings(ctx.config).yellowDays,
  });
  const terminal = isTerminal(state.status);
  return {
    status: state.status,
    stepKey: state.step.key,
    stepRole: state.step.role,
    // 会签: the to-do keys of the branches still open (the to-do list shows the case to their holders, not the step's role).
    // (Only where the case's department is given: a new case and the light refresh never change them.)
    ...(row.departmentId !== undefined ? { openBranches: terminal ? [] : openBranchKeys(state.branches, row.departmentId) } : {}),
    assigneeId: state.assigneeId,
    outcome: state.outcome,
    dueDate: d.case.dueDate,
    dueEstimated: d.case.estimated,
    stepDueDate: d.step.dueDate,
    paused: d.case.paused,
    light: terminal ? null : d.case.light,
    concludedOn: state.concludedOn,
    supplyBy: terminal ? null : supplyByOf(ctx, state, d.case.dueDate, row.regionPath),
  };
}

/** When what is asked of the applicant is due: a correction (N working days from the request) or pending 容缺 materials. */
function supplyByOf(ctx: Ctx, state: CaseState, caseDue: string, region: string): string | null {
  if (state.status === 'awaiting_correction' && state.correctionRequestedOn)
    return ctx.calendar.addWorkingDays(state.correctionRequestedOn, caseSettings(ctx.config).correctionDays, region).date;
  if (state.pendingMaterials.length) return state.supplyBy ?? caseDue;
  return null;
}
