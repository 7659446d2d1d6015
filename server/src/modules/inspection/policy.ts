import { definePermissions, can, type Actor, type Scope } from '../../platform/auth/index.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';

export const inspectionPermissions = {
  plan: 'inspection.plan.manage',
  record: 'inspection.result.record',
  void: 'inspection.draw.void',
} as const;

definePermissions({
  'inspection.plan.manage': { zh: '管理抽查事项、名录库、计划、抽取与公示', en: 'Manage inspection lists, directories, plans, draws and disclosure' },
  'inspection.result.record': { zh: '录入本人承担的抽查结果', en: 'Record results of inspections assigned to you' },
  'inspection.draw.void': { zh: '作废抽取结果（须说明理由）', en: 'Void a draw (with a reason)' },
});

registerErrors({
  'inspection.import_invalid': { status: 422, zh: '导入文件有错误行，未导入任何数据', en: 'The import has bad rows; nothing was imported' },
  'inspection.already_drawn': {
    status: 409,
    zh: '该任务已抽取；须由监察人员作废原抽取并说明理由后方可重新抽取',
    en: 'This task was already drawn; a supervisor must void that draw with a reason before another',
  },
  'inspection.not_committed': { status: 409, zh: '抽取前须先公布随机种子的承诺值', en: 'Publish the seed commitment before drawing' },
  'inspection.not_assigned': { status: 403, zh: '您不是该检查对象的承办检查人员', en: 'You are not assigned to inspect this entity' },
  'inspection.has_results': { status: 409, zh: '已有检查结果的抽取不能作废', en: 'A draw with recorded results cannot be voided' },
  'inspection.no_inspectors': { status: 409, zh: '没有可抽取的检查人员', en: 'No inspectors can be drawn for this task' },
});

export function assertCan(actor: Actor, permission: string, scope: Scope): void {
  if (!can(actor, permission, scope)) throw new AppError('auth.out_of_scope', { extra: { permission } });
}
