import { definePermissions, type Actor } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { extendBuiltInRole } from '../identity/index.ts';

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
extendBuiltInRole('it_admin', [casePermissions.workflows]);

registerErrors({
  'cases.not_applicable': { status: 409, zh: '该事项当前不可申请', en: 'This item cannot be applied for now' },
  'cases.not_online': { status: 409, zh: '该事项不支持网上申请，请到窗口办理', en: 'This item cannot be applied for online; please apply at a window' },
  'cases.materials_missing': { status: 400, zh: '必要材料未提供', en: 'Required materials are missing' },
  'cases.serial_exhausted': { status: 503, zh: '当日办件编号已用完', en: "The day's case numbers are used up" },
  'cases.not_your_step': { status: 403, zh: '当前环节不由您办理', en: 'This step is not yours to handle' },
  'cases.form_invalid': { status: 400, zh: '申请表填写有误', en: 'The application form has errors' },
  'cases.guide_changed': { status: 409, zh: '办事指南已更新，请按新版申请表重新填写', en: 'The guide was updated; please fill in the new form' },
  'cases.materials_pending': { status: 409, zh: '尚有容缺材料未补齐，不能出证', en: 'Pending materials have not been supplied yet' },
  'cases.already_claimed': { status: 409, zh: '该办件已被他人认领', en: 'Someone has already claimed this case' },
  'cases.deferral_refused': { status: 409, zh: '申请人列入严重失信主体名单，不适用容缺受理', en: 'The applicant is on a dishonesty list: no acceptance with pending materials' },
  'cases.certificate_pdf_unavailable': { status: 503, zh: '服务器未安装中文字体，暂不能生成 PDF 证照（请安装 fonts-noto-cjk 或设置 CERTIFICATE_FONT）；可下载签名 JSON', en: 'No CJK font is installed on the server, so the PDF cannot be made (install fonts-noto-cjk or set CERTIFICATE_FONT); the signed JSON is available' },
  'cases.certificate_invalid_identifier': { status: 400, zh: '电子证照标识格式或校验位错误', en: 'Malformed certificate identifier or wrong check character' },
});

/**
 * The grants through which the actor may act at a step of `role` on a case of this department and
 * region: a grant of that role, for that department (or any department) within its region subtree.
 */
export function holdsStepRole(actor: Actor, role: string, c: { departmentId: string; regionPath: string }): boolean {
  return actor.grants.some(
    (g) =>
      g.role === role &&
      (g.departmentId === null || g.departmentId === c.departmentId) &&
      (g.regionPath === '' || c.regionPath === g.regionPath || c.regionPath.startsWith(`${g.regionPath}/`)),
  );
}
