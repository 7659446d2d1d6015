import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { gateways, type CallbackEvent } from './gateway.ts';
import { callbackRepo, orderRepo, type CallbackRow, type OrderRow } from './repository.ts';
import { nowOf } from './shared.ts';

type Outcome = CallbackRow['outcome'];

/** What a callback does to the order: every delivery is decided from the order's state, so a repeat, a late or an out-of-order notice changes nothing it should not. */
function decide(order: OrderRow, e: CallbackEvent, at: Date): { outcome: Outcome; patch?: Partial<OrderRow> } {
  if (e.kind === 'paid') {
    if (e.amountFen !== order.amountFen) return { outcome: 'amount_mismatch' };
    if (order.status === 'paid' || order.status === 'refunded') return { outcome: 'already_paid' };
    const patch: Partial<OrderRow> = { status: 'paid', gatewayTradeNo: e.tradeNo, paidFen: e.amountFen, paidAt: at, lastEventAt: at };
    // Money taken after the order was closed is still money taken: the order is paid (and may be refunded).
    return { outcome: order.status === 'closed' ? 'late_paid' : 'applied', patch };
  }
  // closed: only an unpaid order, and only by a notice newer than the last one applied.
  if (order.status !== 'unpaid' || (order.lastEventAt && order.lastEventAt >= at)) return { outcome: 'stale' };
  return { outcome: 'applied', patch: { status: 'closed', lastEventAt: at } };
}

/**
 * 支付回调 (`POST /api/payments/callbacks/{gateway}`): checks the gateway's signature (401 otherwise),
 * records the event once per gateway event id (a repeated delivery answers `duplicate` and changes
 * nothing), and applies it to the order as `decide` says. Always answers 200 for a signed event, so
 * the gateway stops retrying.
 */
export async function receiveCallback(ctx: Ctx, gatewayCode: string, event: CallbackEvent) {
  const gateway = gateways[gatewayCode];
  if (!gateway) throw new AppError('payments.unknown_gateway');
  if (!gateway.verify(ctx, event)) {
    ctx.log.warn({ gateway: gatewayCode, orderNo: event.orderNo }, 'payments: callback with a bad signature refused');
    throw new AppError('payments.bad_signature');
  }
  const at = new Date(event.occurredAt);
  return transact(ctx, async (t) => {
    const seen = await callbackRepo.find(t.tx, gatewayCode, event.eventId);
    if (seen) return { result: 'duplicate' as const, orderStatus: (await orderRepo.byNo(t.tx, event.orderNo))?.status ?? null };
    const order = await orderRepo.lock(t.tx, event.orderNo);
    const { outcome, patch } = order ? decide(order, event, at) : { outcome: 'unknown_order' as const, patch: undefined };
    const recorded = await callbackRepo.insertOnce(t.tx, {
      id: newId(),
      gateway: gatewayCode,
      eventId: event.eventId,
      orderNo: event.orderNo,
      kind: event.kind,
      tradeNo: event.tradeNo,
      amountFen: event.amountFen,
      occurredAt: at,
      receivedAt: nowOf(t),
      outcome,
    });
    // Two deliveries of one event at once: the second finds the first's row.
    if (!recorded) return { result: 'duplicate' as const, orderStatus: order?.status ?? null };
    const updated = order && patch ? await orderRepo.update(t.tx, order.id, { ...patch, gateway: gatewayCode, updatedAt: nowOf(t) }) : order;
    // A case waiting for this payment resumes in this transaction (cases subscribes).
    if (updated && patch?.status === 'paid')
      await t.publish('payments.order.paid', { orderNo: updated.orderNo, caseNo: updated.caseNo, amountFen: updated.amountFen, paidAt: at.toISOString() });
    t.audit({
      action: 'payments.callback',
      objectType: 'payment_order',
      objectId: event.orderNo,
      summary: { gateway: gatewayCode, eventId: event.eventId, kind: event.kind, amountFen: event.amountFen, outcome },
    });
    return { result: outcome, orderStatus: updated?.status ?? null };
  });
}
