import type { TxCtx } from '../../platform/context.ts';
import { enqueueNotifications, type Notification } from '../../platform/outbox/index.ts';
import { contactPhoneOf } from '../identity/index.ts';

/** SMS wording per notification (zh-CN: SMS to Chinese mobile numbers); the in-site message is rendered by the web app. */
const smsTexts: Record<string, (p: Record<string, unknown>) => string> = {
  'cases.submitted': (p) => `您的办件${p.caseNo}（${p.itemName}）已提交，承诺办结日期${p.dueDate}。`,
  'cases.accepted': (p) => `您的办件${p.caseNo}（${p.itemName}）已受理。`,
  'cases.refused': (p) => `您的办件${p.caseNo}（${p.itemName}）不予受理，理由和法律依据请登录“我的办件”查看。`,
  'cases.correction_requested': (p) => `您的办件${p.caseNo}（${p.itemName}）需要补正材料，请登录“我的办件”查看一次性告知清单并在线补正。`,
  'cases.approved': (p) => `您的办件${p.caseNo}（${p.itemName}）已审批通过，正在制证出件。`,
  'cases.denied': (p) => `您的办件${p.caseNo}（${p.itemName}）不予许可，理由和法律依据请登录“我的办件”查看。`,
  'cases.special_procedure_started': (p) => `您的办件${p.caseNo}（${p.itemName}）进入特别程序，期间不计入办理时限。`,
  'cases.special_procedure_ended': (p) => `您的办件${p.caseNo}（${p.itemName}）特别程序已结束，恢复计时办理。`,
  'cases.issued': (p) => `您的办件${p.caseNo}（${p.itemName}）已出件，电子证照已存入您的证照库。`,
  'cases.delivered': (p) =>
    `您的办件${p.caseNo}（${p.itemName}）已办结送达${p.pickupCode ? `，窗口取件码${p.pickupCode}` : ''}${p.trackingNumber ? `，快递单号${p.trackingNumber}` : ''}。`,
  'cases.withdrawn': (p) => `您的办件${p.caseNo}（${p.itemName}）已撤回。`,
  'cases.awaiting_payment': (p) => `您的办件${p.caseNo}（${p.itemName}）需缴费后继续办理，请登录“我的办件”在线缴费。`,
  'cases.payment_received': (p) => `您的办件${p.caseNo}（${p.itemName}）已收到缴费，继续办理。`,
  'cases.expired': (p) => `您的办件${p.caseNo}（${p.itemName}）因未在期限内补正，已终止办理。`,
  'cases.bundle_results_ready': (p) =>
    p.chooseAgain
      ? `您的“一件事”${p.bundleNo}（${p.name}）结果已全部出具，原收件地址已删除，请登录重新选择送达方式。`
      : p.pickupCode
        ? `您的“一件事”${p.bundleNo}（${p.name}）结果已全部出具，请到${p.pickupPlace}一次领取，取件码${p.pickupCode}。`
        : `您的“一件事”${p.bundleNo}（${p.name}）结果已全部出具，将统一寄递给您。`,
  'cases.bundle_concluded': (p) =>
    p.status === 'concluded'
      ? `您的“一件事”${p.bundleNo}（${p.name}）${p.members}项已全部办结送达。`
      : `您的“一件事”${p.bundleNo}（${p.name}）已结束：${p.concluded}/${p.members}项办结，其余未予办理，详情请登录查看。`,
};

const SMS_SIGNATURE = '【一网通办】';

function smsText(template: string, params: Record<string, unknown>): string | undefined {
  const f = smsTexts[template];
  return f ? `${SMS_SIGNATURE}${f(params)}` : undefined;
}

/**
 * Tells the applicant: an in-site message always, and an SMS to a person's mobile number when one
 * is on file (the number is kept in the outbox only until it is sent).
 */
export async function notifyApplicant(
  t: TxCtx,
  applicant: { kind: string; id: string; contactPhone?: string },
  template: string,
  params: Record<string, unknown>,
): Promise<void> {
  const site: Notification = { channel: 'site', recipientKind: applicant.kind as 'person' | 'entity', recipientId: applicant.id, template, params };
  const text = smsText(template, params);
  // A caller that read the person in this transaction already passes the number.
  const phone =
    applicant.kind === 'person' && text ? ('contactPhone' in applicant ? applicant.contactPhone : await contactPhoneOf(t, applicant.id)) : undefined;
  // Both in one statement.
  await enqueueNotifications(
    t.tx,
    phone && text
      ? [site, { channel: 'sms', recipientKind: 'person', recipientId: applicant.id, address: phone, template, params: { ...params, text } }]
      : [site],
  );
}
