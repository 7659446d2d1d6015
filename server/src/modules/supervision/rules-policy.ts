import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { ruleHitStatuses } from './tables.ts';

export const rulePermissions = {
  /** See the rules and the hits of one's region (and department), and confirm or dismiss the hits. */
  review: 'supervision.rule_hit.review',
  /** Switch the rules on or off and tune them (threshold, severity), over the rules' owner region. */
  manage: 'supervision.rule.manage',
} as const;

definePermissions({
  [rulePermissions.review]: { zh: '查看并核实电子监察规则发现的问题', en: 'Review the hits of the e-supervision rules' },
  [rulePermissions.manage]: { zh: '管理电子监察规则（启用、阈值、严重程度）', en: 'Manage the e-supervision rules (enable, threshold, severity)' },
});

registerErrors({
  'supervision.rule_not_evaluable': {
    status: 409,
    zh: '该规则所需的数据尚不存在，暂不能启用',
    en: 'The data this rule needs does not exist yet; it cannot be enabled',
  },
  'supervision.rule_no_threshold': { status: 422, zh: '该规则没有阈值', en: 'This rule has no threshold' },
});

export type HitStatus = (typeof ruleHitStatuses)[number];
export type HitAction = 'confirm' | 'dismiss';

/** A hit is confirmed (the practice was irregular) or dismissed (it was not), once, with a reason. */
export const hitWorkflow = defineStateMachine<HitStatus, HitAction>({
  open: { confirm: 'confirmed', dismiss: 'dismissed' },
  confirmed: {},
  dismissed: {},
});
