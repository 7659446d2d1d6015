import { definePermissions } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';

export const paymentPermissions = {
  /** Issue a payment order for a case of one's department (the applicant may also open their own). */
  issue: 'payments.order.issue',
  /** Read the payment orders and reconciliation mismatches of one's region and department. */
  read: 'payments.order.read',
  /** Record a refund of a paid order (the collecting department's finance staff or approver). */
  refund: 'payments.order.refund',
} as const;

definePermissions({
  'payments.order.issue': { zh: '开具缴费单', en: 'Issue payment orders' },
  'payments.order.read': { zh: '查看缴费单和对账差异', en: 'Read payment orders and reconciliation mismatches' },
  'payments.order.refund': { zh: '办理退费', en: 'Record refunds' },
});

registerErrors({
  'payments.no_fees': { status: 409, zh: '该事项没有收费目录中现行有效的收费项目', en: 'The item has no fee of the fee catalog in force' },
  'payments.fee_not_fixed': {
    status: 409,
    zh: '该收费项目的标准不是固定金额，不能在线缴纳',
    en: "The fee's standard is not a fixed amount; it cannot be paid online",
  },
  'payments.order_exists': { status: 409, zh: '该办件已有待缴或已缴的缴费单', en: 'The case already has an unpaid or paid order' },
  'payments.not_payable': { status: 409, zh: '该缴费单已支付、已关闭或已退费', en: 'The order is paid, closed or refunded' },
  'payments.not_refundable': { status: 409, zh: '只有已支付的缴费单可以退费', en: 'Only a paid order can be refunded' },
  'payments.bad_signature': { status: 401, zh: '回调签名无效', en: 'The callback signature is invalid' },
  'payments.unknown_gateway': { status: 404, zh: '未知的支付渠道', en: 'Unknown payment gateway' },
  'payments.receipt_unavailable': {
    status: 503,
    zh: '服务器未安装中文字体，暂不能生成电子票据',
    en: 'No CJK font is installed on the server; the receipt cannot be produced',
  },
  'payments.not_paid': { status: 409, zh: '缴费单尚未支付，没有票据', en: 'The order is not paid; there is no receipt' },
});
