import { assertCan, can, definePermissions, scopesOf, type Actor } from '../../platform/auth/index.ts';
import { holdsCityWide, mayChangeOwned } from '../../platform/auth/city-wide.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';
import { extendBuiltInRole } from '../identity/index.ts';

export const hotlinePermissions = {
  create: 'hotline.ticket.create',
  read: 'hotline.ticket.read',
  dispatch: 'hotline.ticket.dispatch',
  handle: 'hotline.ticket.handle',
  review: 'hotline.ticket.review',
  followUp: 'hotline.ticket.follow_up',
  urge: 'hotline.ticket.urge',
  reporter: 'hotline.reporter.read',
  stats: 'hotline.stats.read',
  manage: 'hotline.manage',
} as const;

definePermissions({
  'hotline.ticket.create': { zh: '登记热线工单', en: 'Record hotline tickets' },
  'hotline.ticket.read': { zh: '查看热线工单', en: 'Read hotline tickets' },
  'hotline.ticket.dispatch': { zh: '派发、退回与直接答复工单', en: 'Dispatch, return and answer tickets' },
  'hotline.ticket.handle': { zh: '签收、办理、申请延期与回复工单', en: 'Sign, handle, ask for extensions and reply to tickets' },
  'hotline.ticket.review': { zh: '审核回复、审批延期（热线中心）', en: 'Review replies and approve extensions (hotline center)' },
  'hotline.ticket.follow_up': { zh: '回访工单', en: 'Follow tickets up with callers' },
  'hotline.ticket.urge': { zh: '督办工单', en: 'Urge tickets' },
  'hotline.reporter.read': { zh: '查看举报人身份（留痕）', en: 'Read reporter identity (audited)' },
  'hotline.stats.read': { zh: '查看热线统计与考核', en: 'Read hotline statistics and assessment' },
  'hotline.manage': { zh: '管理工单分类、办理时限、知识库与 Open311 接口密钥', en: 'Manage categories, limits, knowledge base and Open311 API keys' },
});

const P = hotlinePermissions;
extendBuiltInRole('hotline_operator', [P.create, P.read, P.dispatch, P.followUp, P.reporter]);
extendBuiltInRole('hotline_dispatcher', [P.read, P.dispatch, P.review, P.followUp, P.stats]);
extendBuiltInRole('hotline_handler', [P.read, P.handle, P.dispatch]);
extendBuiltInRole('supervisor', [P.read, P.urge, P.stats, P.reporter]);
extendBuiltInRole('it_admin', [P.manage]);

registerFieldMessages({
  'hotline.limit_hours_too_big': {
    zh: '按工作小时计的时限不能超过 35 小时（5 个工作日）',
    en: 'A limit in working hours cannot exceed 35 hours (5 working days)',
  },
  'hotline.sign_exceeds_conclusion': { zh: '签收时限不能长于办结时限', en: 'The sign limit cannot be longer than the conclusion limit' },
});

registerErrors({
  'hotline.not_accepted': {
    status: 422,
    zh: '该诉求不属于热线受理范围，已登记并转办',
    en: 'The hotline does not accept this matter; it was recorded and referred',
  },
  'hotline.reopen_limit': { status: 409, zh: '工单只能重新办理一次', en: 'A ticket can be reopened only once' },
  'hotline.reopen_not_unsatisfied': {
    status: 409,
    zh: '只有回访不满意或未解决的工单可以重新办理',
    en: 'Only tickets rated unsatisfied or unsolved can be reopened',
  },
  'hotline.dispatch_target': { status: 400, zh: '只能向下级单位派单', en: 'Tickets can only be dispatched down to a lower-level unit in your area' },
  'hotline.caller_required': { status: 400, zh: '匿名提交需要留下联系电话', en: 'Anonymous requests need a phone number' },
  'hotline.extension_late': { status: 409, zh: '延期须在办理期限届满前申请并获批', en: 'An extension must be asked for and approved before the limit expires' },
  'hotline.not_public': {
    status: 409,
    zh: '来电人未同意公开该诉求（举报和保密件不公开），不能设置公开内容',
    en: 'The caller did not agree to publish this request (reports and confidential requests are never published)',
  },
  'hotline.merge_invalid': { status: 409, zh: '无法合并这两个工单', en: 'These tickets cannot be merged' },
});

/** The scope of a ticket: the unit holding it. */
export interface TicketScope {
  unitRegionPath: string;
  unitDepartmentId: string | null;
}

export function canOnTicket(actor: Actor, permission: string, t: TicketScope): boolean {
  return can(actor, permission, { regionPath: t.unitRegionPath, departmentId: t.unitDepartmentId });
}

export function assertOnTicket(actor: Actor, permission: string, t: TicketScope): void {
  assertCan(actor, permission, { regionPath: t.unitRegionPath, departmentId: t.unitDepartmentId });
}

/** The hotline center: staff who may read reporter identity (city-wide operators and supervisors). */
export function isCenter(actor: Actor): boolean {
  return can(actor, P.reporter);
}

export function scopes(actor: Actor, permission: string) {
  return scopesOf(actor, permission);
}

/**
 * The limits table, the category tree and the knowledge base serve the whole city's hotline: only a
 * city-wide `hotline.manage` grant changes them (a district's IT admin does not).
 */
export function assertCityWideManager(actor: Actor): void {
  if (!holdsCityWide(actor, P.manage)) throw new AppError('auth.out_of_scope', { extra: { permission: P.manage, regionPath: '' } });
}

/** An Open311 API key belongs to the region (and department) it was issued for; only that scope lists, issues and revokes it. */
export function mayManageKey(actor: Actor, owner: { regionPath: string; departmentId: string | null }): boolean {
  return mayChangeOwned(actor, P.manage, owner);
}
