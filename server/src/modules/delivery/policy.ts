import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';

export const deliveryPermissions = {
  /** The delivery orders of the department's cases: the list, the manual status update (fallback), pickup hand-over and the simulated carrier. */
  handle: 'delivery.order.handle',
} as const;

definePermissions({
  'delivery.order.handle': { zh: '办理办件寄递与窗口领取', en: 'Handle delivery orders and window pickups of cases' },
});

registerErrors({
  'delivery.bad_signature': { status: 401, zh: '寄递回调签名无效', en: 'The carrier callback signature is not valid' },
  'delivery.unknown_carrier': { status: 404, zh: '未接入该寄递企业', en: 'This carrier is not connected' },
  'delivery.order_exists': { status: 409, zh: '该办件已有同方向的寄递单', en: 'This case already has a delivery order in that direction' },
  'delivery.bundle_delivers_once': {
    status: 409,
    zh: '该办件属于“一件事”联办，结果将与其他结果统一送达',
    en: 'This case belongs to a life-event application whose results are delivered together',
  },
  'delivery.not_applicant': { status: 403, zh: '只有申请人可为本办件办理寄递', en: "Only the case's applicant can arrange its delivery" },
  'delivery.pickup_code_wrong': { status: 422, zh: '取件码不正确', en: 'The pickup code is not correct' },
  'delivery.pickup_locked': {
    status: 409,
    zh: '取件码错误次数过多，请核验身份后由窗口人工办理',
    en: 'Too many wrong pickup codes; verify identity and hand over manually',
  },
  'delivery.not_simulated': { status: 409, zh: '只有模拟寄递企业的寄递单可在此推进', en: 'Only orders of the simulated carrier can be advanced here' },
});
