import { can, definePermissions, type Actor } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import type { WorkflowDefinition } from './workflow/definition.ts';
import { allowedActions, allowedActionsByStatus, caseActions, type CaseAction, type CaseState } from './workflow/engine.ts';
import { whyNotBranch, type BranchRefusal } from './countersign-policy.ts';

export const casePermissions = {
  /** Read cases of a department (workbench, to-do list). */
  read: 'cases.case.read',
  /** Act on cases at the steps of one's role (the step's role decides which step). */
  handle: 'cases.case.handle',
  /** File a case for a walk-in applicant (一窗受理). */
  fileForApplicant: 'cases.case.file_for_applicant',
  /** Cancel, revoke or withdraw certificates. */
  certificates: 'cases.certificate.manage',
  /** Define workflows and bind them to implementations. */
  workflows: 'cases.workflow.manage',
} as const;

definePermissions({
  'cases.case.read': { zh: '查看本部门办件', en: "Read the department's cases" },
  'cases.case.handle': { zh: '办理办件（按环节角色）', en: 'Handle cases at the steps of your role' },
  'cases.case.file_for_applicant': { zh: '窗口代为申报（一窗受理）', en: 'File a case for a walk-in applicant' },
  'cases.certificate.manage': { zh: '管理电子证照状态', en: 'Manage certificate statuses' },
  'cases.workflow.manage': { zh: '配置审批流程', en: 'Configure workflows' },
});

extendBuiltInRole('window_clerk', [casePermissions.read, casePermissions.handle, casePermissions.fileForApplicant]);
extendBuiltInRole('reviewer', [casePermissions.read, casePermissions.handle]);
extendBuiltInRole('approver', [casePermissions.read, casePermissions.handle, casePermissions.certificates]);
extendBuiltInRole('supervisor', [casePermissions.read]);
// Custom workflows name inspectors at site-check steps (cases.md): acting at a step needs cases.case.handle.
extendBuiltInRole('inspector', [casePermissions.handle]);
extendBuiltInRole('it_admin', [casePermissions.workflows]);

registerErrors({
  'cases.not_applicable': { status: 409, zh: '该事项当前不可申请', en: 'This item cannot be applied for now' },
  'cases.not_online': { status: 409, zh: '该事项不支持网上申请，请到窗口办理', en: 'This item cannot be applied for online; please apply at a window' },
  'cases.materials_missing': { status: 400, zh: '必要材料未提供', en: 'Required materials are missing' },
  'cases.not_your_step': { status: 403, zh: '当前环节不由您办理', en: 'This step is not yours to handle' },
  'cases.form_invalid': { status: 400, zh: '申请表填写有误', en: 'The application form has errors' },
  'cases.guide_changed': { status: 409, zh: '办事指南已更新，请按新版申请表重新填写', en: 'The guide was updated; please fill in the new form' },
  'cases.materials_pending': { status: 409, zh: '尚有容缺材料未补齐，不能出证', en: 'Pending materials have not been supplied yet' },
  'cases.already_claimed': { status: 409, zh: '该办件已被他人认领', en: 'Someone has already claimed this case' },
  'cases.deferral_refused': {
    status: 409,
    zh: '申请人列入严重失信主体名单，不适用容缺受理',
    en: 'The applicant is on a dishonesty list: no acceptance with pending materials',
  },
  'cases.certificate_pdf_unavailable': {
    status: 503,
    zh: '服务器未安装中文字体，暂不能生成 PDF 证照（请安装 fonts-noto-cjk 或设置 CERTIFICATE_FONT）；可下载签名 JSON',
    en: 'No CJK font is installed on the server, so the PDF cannot be made (install fonts-noto-cjk or set CERTIFICATE_FONT); the signed JSON is available',
  },
  'cases.certificate_invalid_identifier': { status: 400, zh: '电子证照标识格式或校验位错误', en: 'Malformed certificate identifier or wrong check character' },
});

// ---------- who takes which case action ----------

/**
 * Who takes an action on a case: one typed record per action (issue 13 extends it into the
 * state-machine table). `staff`: a grant of one of `roles` (today always the case's current step's
 * role) carrying `permission` in the case's department and region, and, once the case is claimed or
 * transferred at this step, only its assignee. `applicant`: the case's own applicant.
 * `system`: the platform's scheduled jobs only (no route).
 */
export type CaseActionRule =
  { by: 'staff'; permission: string; roles: 'current_step' | 'open_branch'; alsoSystem?: true } | { by: 'applicant' } | { by: 'system' };

const atStep = { by: 'staff', permission: casePermissions.handle, roles: 'current_step' } as const;
const applicant = { by: 'applicant' } as const;

export const caseActionRules = {
  accept: atStep,
  refuse: atStep,
  request_correction: atStep,
  submit_correction: applicant,
  approve: atStep,
  deny: atStep,
  return_to_previous: atStep,
  transfer: atStep,
  start_special_procedure: atStep,
  end_special_procedure: atStep,
  issue: atStep,
  // The platform also delivers: the children of a 一件事 application when its one delivery is signed for (bundles-delivery.ts).
  deliver: { ...atStep, alsoSystem: true },
  withdraw: applicant,
  claim: atStep,
  supplement_materials: applicant,
  expire: { by: 'system' },
  await_payment: { by: 'system' },
  payment_received: { by: 'system' },
  // 会签: a holder of an open branch's role (countersign-policy.ts).
  countersign: { by: 'staff', permission: casePermissions.handle, roles: 'open_branch' },
} as const satisfies Record<CaseAction, CaseActionRule>;

/** Actions only the platform takes (a scheduled job): no route. */
export const systemActions: readonly CaseAction[] = caseActions.filter((a) => caseActionRules[a].by === 'system');

/** A case as the action rules see it: where it is (scope), whose it is, and its derived state. */
export interface CaseStanding {
  departmentId: string;
  regionPath: string;
  applicantKind: string;
  applicantId: string;
  def: WorkflowDefinition;
  state: CaseState;
}

export function isApplicantOf(actor: Actor, c: { applicantKind: string; applicantId: string }): boolean {
  return (actor.kind === 'person' || actor.kind === 'entity') && actor.kind === c.applicantKind && actor.subjectId === c.applicantId;
}

/**
 * Does the actor hold `permission` through a grant of `role` in the case's department and region?
 * Decided by `can()`, over the actor's grants of that role only: a grant of the step's role
 * without the permission, or the permission through another role, is not enough.
 */
export function holdsAtStep(actor: Actor, role: string, c: { departmentId: string; regionPath: string }, permission: string = casePermissions.handle): boolean {
  if (actor.kind !== 'staff') return false;
  return can({ ...actor, grants: actor.grants.filter((g) => g.role === role) }, permission, { regionPath: c.regionPath, departmentId: c.departmentId });
}

export type ActionRefusal =
  | { code: 'workflow.action_not_allowed'; extra: { currentStatus: string; allowed: CaseAction[] } }
  | { code: 'cases.materials_pending'; extra: { pendingMaterials: string[]; supplyBy: string | null } }
  | { code: 'cases.already_claimed'; extra: { assigneeId: string; mine: boolean } }
  | { code: 'cases.not_your_step'; extra: { step: string; role: string } }
  | BranchRefusal;

/**
 * Why the actor may not take `action` on the case now (null: they may). The one decision behind
 * both what a case offers (`allowedActions` in its view) and what the action path accepts: the
 * status must allow the action (409), and the actor must be who the action's rule names (403).
 * `branch`: the 会签 branch a `countersign` names (without: may the actor sign any open branch).
 */
export function whyNot(actor: Actor, c: CaseStanding, action: CaseAction, branch?: string): ActionRefusal | null {
  const { state } = c;
  const standing: readonly CaseAction[] = allowedActionsByStatus[state.status];
  if (!allowedActions(c.def, state).includes(action)) {
    if (action === 'issue' && standing.includes('issue') && state.pendingMaterials.length)
      return { code: 'cases.materials_pending', extra: { pendingMaterials: state.pendingMaterials, supplyBy: state.supplyBy } };
    if (action === 'claim' && standing.includes('claim') && state.assigneeId !== null && holdsAtStep(actor, state.step.role, c)) {
      return { code: 'cases.already_claimed', extra: { assigneeId: state.assigneeId, mine: state.assigneeId === actor.subjectId } };
    }
    return {
      code: 'workflow.action_not_allowed',
      extra: { currentStatus: state.status, allowed: allowedActions(c.def, state).filter((x) => caseActionRules[x].by !== 'system') },
    };
  }
  const rule: CaseActionRule = caseActionRules[action];
  if (rule.by === 'staff' && rule.roles === 'open_branch') return whyNotBranch(actor, c, branch);
  const may =
    rule.by === 'applicant'
      ? isApplicantOf(actor, c)
      : rule.by === 'system'
        ? actor.kind === 'system'
        : (rule.alsoSystem === true && actor.kind === 'system') ||
          (holdsAtStep(actor, state.step.role, c, rule.permission) && (state.assigneeId === null || state.assigneeId === actor.subjectId));
  return may ? null : { code: 'cases.not_your_step', extra: { step: state.step.key, role: rule.by === 'staff' ? state.step.role : rule.by } };
}

/** May the actor take `action` on the case now? */
export function mayTake(actor: Actor, c: CaseStanding, action: CaseAction): boolean {
  return whyNot(actor, c, action) === null;
}

/** The actions the case offers this actor: every action `mayTake` allows, in the status table's order. */
export function offeredActions(actor: Actor, c: CaseStanding): CaseAction[] {
  return (allowedActionsByStatus[c.state.status] as readonly CaseAction[]).filter((a) => mayTake(actor, c, a));
}
