import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';

export const evaluationPermissions = {
  /** Read the rectifications (and the bad reviews behind them) of one's departments. */
  read: 'evaluation.rectification.read',
  /** Record the follow-up call, submit the rectification, appeal a review (the responsible unit). */
  handle: 'evaluation.rectification.handle',
  /** Decide appeals against mistaken or malicious reviews (the supervising office). */
  decide: 'evaluation.appeal.decide',
  /** Set the rectification limit of a region. */
  settings: 'evaluation.settings.manage',
  /** Open an on-site evaluation of a window visit (the counter code; the clerk cannot submit it). */
  visit: 'evaluation.visit.create',
} as const;

definePermissions({
  'evaluation.rectification.read': { zh: '查看本部门差评及整改', en: "Read the department's bad reviews and rectifications" },
  'evaluation.rectification.handle': { zh: '差评回访、整改与申诉', en: 'Follow up, rectify and appeal bad reviews' },
  'evaluation.appeal.decide': { zh: '裁定差评申诉（须说明理由）', en: 'Decide appeals against reviews (with reasons)' },
  'evaluation.settings.manage': { zh: '设置差评整改时限', en: 'Set the rectification limit' },
  'evaluation.visit.create': { zh: '发起窗口现场评价', en: 'Open an on-site evaluation of a window visit' },
});

registerErrors({
  'evaluation.not_concluded': { status: 409, zh: '办件办结后方可评价', en: 'A case can be evaluated once it has concluded' },
  'evaluation.not_applicant': { status: 403, zh: '只有办件的申请人可以评价', en: "Only the case's applicant can evaluate it" },
  'evaluation.already_evaluated': { status: 409, zh: '该办件已评价，每件只能评价一次', en: 'This case has already been evaluated; one evaluation per case' },
  'evaluation.follow_up_missing': { status: 409, zh: '请先记录对评价人的回访', en: 'Record the follow-up call to the reviewer first' },
  'evaluation.staff_session': {
    status: 403,
    zh: '工作人员登录状态下不能提交评价，请由办事群众在本人设备或评价器上评价',
    en: 'A staff session cannot submit an evaluation; the citizen rates on their own device or the counter tablet',
  },
  'evaluation.not_reviewer': { status: 403, zh: '只有评价人可以评价整改结果', en: 'Only the reviewer can rate the rectification' },
});
