/** Payments: an order only from fees in force, signed callbacks (duplicate, late, out of order, bad signature), reconciliation, refund, receipt. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cjkFont } from '../../platform/pdf.ts';
import { unitFen, yuan } from './amounts.ts';
import { receiveCallback } from './callbacks.ts';
import { signSimulated, type CallbackEvent } from './gateway.ts';
import { getOrder, issueOrder, listOrders, myOrders, payOrder } from './orders.ts';
import { receiptPdf } from './receipt.ts';
import { reconcile } from './reconcile.ts';
import { listMismatches, refundOrder } from './refund.ts';
import { tradeRepo } from './repository.ts';
import { demoFeeCase } from './seed.ts';
import { paymentsModule } from './index.ts';
import { SIM_CALLBACK_JOB } from './gateway.ts';

let env: TestApp;
let citizen: Ctx;
let admin: Ctx;
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, status: e.status };
    throw e;
  }
  throw new Error('expected a refusal');
};
/** A 不动产抵押登记 case of citizen2 with its order paid at the simulated gateway (its notice not yet delivered). */
async function paidAtGateway() {
  const caseNo = (await demoFeeCase(env.ctx, '不动产抵押登记', 'citizen2'))!;
  const order = await issueOrder(citizen, caseNo, 'applicant');
  await payOrder(citizen, order.orderNo);
  const trade = (await tradeRepo.byOrder(env.ctx.database.db, order.orderNo))!;
  const event = (kind: 'paid' | 'closed', at: Date, id = `EV-${kind}-${trade.tradeNo}`): CallbackEvent =>
    signSimulated(env.ctx, { eventId: id, orderNo: order.orderNo, kind, tradeNo: trade.tradeNo, amountFen: trade.amountFen, occurredAt: at.toISOString() });
  return { order, trade, event };
}

beforeAll(async () => {
  env = await createTestApp();
  citizen = await env.as('citizen2');
  admin = await env.as('admin');
});
afterAll(() => env.close());

describe('payments', () => {
  it('fen from the catalog standard, integers only', () => {
    expect(unitFen('每本 120 元')).toBe(12000);
    expect(unitFen('换领、补领每证 20 元；临时身份证每证 10 元')).toBe(2000);
    expect(unitFen('每件 12.5 元')).toBe(1250);
    expect(unitFen('按征占用土地面积一次性计征，每平方米 1.2 元')).toBeNull();
    expect(yuan(12005)).toBe('120.05');
    expect(unitFen('每增加一本 10 元（首本免收）')).toBeNull();
  });

  it('an order only from the fee-catalog entries in force: none before the fee took effect, 550.00 元 today', async () => {
    const caseNo = (await demoFeeCase(env.ctx, '不动产抵押登记', 'citizen2'))!;
    const before = { ...citizen, now: () => new Date('2017-03-01T04:00:00Z') };
    expect(await refusal(issueOrder(before, caseNo, 'applicant'))).toMatchObject({ code: 'payments.no_fees', status: 409 });
    const order = await issueOrder(citizen, caseNo, 'applicant');
    expect(order).toMatchObject({ status: 'unpaid', amountFen: 55000, lines: [{ feeCode: 'FEE-BDC-FZZ', unitFen: 55000, quantity: 1 }] });
    // Opening it again gives the same order; another citizen cannot see it.
    expect((await issueOrder(citizen, caseNo, 'applicant')).orderNo).toBe(order.orderNo);
    expect(await refusal(getOrder(await env.as('citizen1'), order.orderNo))).toMatchObject({ status: 404 });
    // The demo: 张明's paid and unpaid 不动产抵押登记 orders, and the 120 元 of his passport case that waits for payment.
    const his = await myOrders(await env.as('citizen1'));
    expect(his.map((o) => [o.itemName, o.status, o.amountFen]).sort()).toEqual([
      ['不动产抵押登记', 'paid', 55000],
      ['不动产抵押登记', 'unpaid', 55000],
      ['普通护照签发', 'unpaid', 12000],
    ]);
  });

  it('callbacks: a bad signature refused, a duplicate and an out-of-order notice change nothing, a late payment still counts', async () => {
    const { order, event } = await paidAtGateway();
    const t1 = new Date(Date.now() - 60_000);
    const t2 = new Date();
    const bad = { ...event('paid', t2), amountFen: 1 };
    expect(await refusal(receiveCallback(env.ctx, 'simulated', bad))).toMatchObject({ code: 'payments.bad_signature', status: 401 });
    expect(await refusal(receiveCallback(env.ctx, 'nobank', event('paid', t2)))).toMatchObject({ code: 'payments.unknown_gateway' });
    // Through the route: a wrong signature is a 401 problem; the gateway's notice is applied, then recognised as a duplicate.
    const post = (body: unknown) => env.app.inject({ method: 'POST', url: '/api/payments/callbacks/simulated', payload: body as object });
    const refused = await post(bad);
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'payments.bad_signature']);
    expect((await post(event('paid', t2))).json()).toEqual({ result: 'applied', orderStatus: 'paid' });
    expect((await post(event('paid', t2))).json()).toEqual({ result: 'duplicate', orderStatus: 'paid' });
    expect(await receiveCallback(env.ctx, 'simulated', event('paid', t2, 'EV-retry'))).toEqual({ result: 'already_paid', orderStatus: 'paid' });
    // The gateway's earlier "closed" arrives after the payment: stale.
    expect(await receiveCallback(env.ctx, 'simulated', event('closed', t1))).toEqual({ result: 'stale', orderStatus: 'paid' });
    expect(await getOrder(citizen, order.orderNo)).toMatchObject({ status: 'paid', paidFen: 55000 });

    // The simulated gateway's own asynchronous delivery (the job) goes through the same function.
    const viaJob = await paidAtGateway();
    await paymentsModule.jobs![SIM_CALLBACK_JOB]!(env.ctx, { event: viaJob.event('paid', t2) });
    expect((await getOrder(citizen, viaJob.order.orderNo)).status).toBe('paid');

    const late = await paidAtGateway();
    expect(await receiveCallback(env.ctx, 'simulated', late.event('closed', t1))).toEqual({ result: 'applied', orderStatus: 'closed' });
    expect(await receiveCallback(env.ctx, 'simulated', late.event('paid', t2))).toEqual({ result: 'late_paid', orderStatus: 'paid' });
    expect(await refusal(payOrder(citizen, late.order.orderNo))).toMatchObject({ code: 'payments.not_payable' });
  });

  it('the daily reconciliation flags a trade whose notice never arrived, once; staff see it in their scope only', async () => {
    const lost = await paidAtGateway();
    const day = shanghaiDate(new Date());
    const first = await reconcile(env.ctx, day);
    expect(first.mismatches).toBeGreaterThanOrEqual(1);
    await reconcile(env.ctx, day);
    const seen = await listMismatches(admin, { page: 1, pageSize: 100, day });
    expect(seen.items.filter((m) => m.orderNo === lost.order.orderNo)).toEqual([
      expect.objectContaining({ kind: 'missing_order', gatewayFen: 55000, tradeNo: lost.trade.tradeNo }),
    ]);
    // Orders whose notice arrived match their trades.
    expect(seen.items.every((m) => m.kind === 'missing_order')).toBe(true);
    expect((await listMismatches(await env.as('scjg.approver'), { page: 1, pageSize: 100, day })).total).toBe(0);
    expect((await listOrders(await env.as('window.clerk'), { page: 1, pageSize: 20, q: lost.order.orderNo })).items).toHaveLength(1);
  });

  it('refunds: recorded by the department in scope, only of a paid order; the receipt of a paid order', async () => {
    const { order, event } = await paidAtGateway();
    expect(await refusal(refundOrder(admin, order.orderNo, { reason: '重复缴费' }))).toMatchObject({ code: 'payments.not_refundable' });
    expect(await refusal(receiptPdf(citizen, order.orderNo))).toMatchObject({ code: 'payments.not_paid' });
    await receiveCallback(env.ctx, 'simulated', event('paid', new Date()));
    expect(await refusal(refundOrder(await env.as('scjg.approver'), order.orderNo, { reason: '重复缴费' }))).toMatchObject({ status: 404 });
    const refunded = await refundOrder(admin, order.orderNo, { reason: '申请人撤回申请，全额退费' });
    expect(refunded).toMatchObject({ status: 'refunded', refundedFen: 55000 });
    if (cjkFont(env.config)) {
      const pdf = await receiptPdf(citizen, order.orderNo);
      expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    env.config.CERTIFICATE_FONT = '/nonexistent/font.ttc';
    try {
      expect(await refusal(receiptPdf(citizen, order.orderNo))).toMatchObject({ code: 'payments.receipt_unavailable', status: 503 });
    } finally {
      delete env.config.CERTIFICATE_FONT;
    }
  });
});
