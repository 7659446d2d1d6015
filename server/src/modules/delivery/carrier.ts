import { randomInt, timingSafeEqual } from 'node:crypto';
import { systemActor } from '../../platform/auth/index.ts';
import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { hmacSm3 } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { applyStep } from './apply.ts';
import { orderForStaff } from './orders.ts';
import { carrierEventRepo, orderRepo } from './repository.ts';
import { nowOf, presentOrder } from './shared.ts';
import { carrierSteps, rankOf, type CarrierStep } from './workflow.ts';

/** The simulated carrier of the demo (模拟寄递); a real carrier adapter adds its code and key here. */
export const SIM_CARRIER = 'sim';
const connectedCarriers = [SIM_CARRIER] as const;

export interface CarrierEvent {
  eventId: string;
  trackingNumber: string;
  status: CarrierStep;
  occurredAt: string;
  /** Who signed, as the courier reports it (签收人). */
  signedBy?: string;
}

/** The carrier's callback key: derived from DATA_KEY per carrier (no separate secret to provision for the simulator). */
const carrierKey = (ctx: Pick<Ctx, 'config'>, carrier: string) => hmacSm3(ctx.config.secrets.dataKey, `delivery.carrier:${carrier}`);
const signedText = (e: CarrierEvent) => [e.eventId, e.trackingNumber, e.status, e.occurredAt, e.signedBy ?? ''].join('|');

/** The signature a carrier puts in `X-Carrier-Signature`: HMAC-SM3 over the event's fields joined by '|'. */
export function signCarrierEvent(ctx: Pick<Ctx, 'config'>, carrier: string, e: CarrierEvent): string {
  return hmacSm3(carrierKey(ctx, carrier), signedText(e));
}

/**
 * A carrier's webhook: the signature must match (401 otherwise); an event id seen before is a
 * replay (answered, nothing changes); an event older than the last applied one, or not past the
 * order's status, is recorded but not applied (late and out-of-order callbacks never move an order back).
 */
export async function receiveCarrierEvent(ctx: Ctx, carrier: string, e: CarrierEvent, signature: string | undefined) {
  if (!(connectedCarriers as readonly string[]).includes(carrier)) throw new AppError('delivery.unknown_carrier');
  const expected = Buffer.from(signCarrierEvent(ctx, carrier, e));
  const given = Buffer.from(signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('delivery.bad_signature');
  const system = asActor(ctx, systemActor);
  return transact(system, async (t) => {
    const order = await orderRepo.byTracking(t.tx, carrier, e.trackingNumber);
    if (!order) return { outcome: 'unknown_tracking' as const };
    const occurredAt = new Date(e.occurredAt);
    const stale = rankOf[e.status] <= rankOf[order.status] || (order.lastEventAt !== null && occurredAt < order.lastEventAt);
    const fresh = await carrierEventRepo.record(t.tx, {
      id: newId(),
      carrier,
      eventId: e.eventId,
      orderId: order.id,
      status: e.status,
      occurredAt,
      applied: !stale,
      receivedAt: nowOf(t),
    });
    if (!fresh) return { outcome: 'duplicate' as const };
    if (stale) {
      await t.audit({
        action: 'delivery.carrier.stale',
        objectType: 'delivery_order',
        objectId: order.id,
        summary: { text: `${e.status} @ ${e.occurredAt} ignored in ${order.status}` },
      });
      return { outcome: 'stale' as const };
    }
    await applyStep(t, order, e.status, { method: 'carrier', signedBy: e.signedBy, eventAt: occurredAt });
    return { outcome: 'applied' as const };
  });
}

/**
 * 模拟寄递: a clerk (or the demo) advances an order of the simulated carrier by its next step. A
 * result posted out with no carrier yet is handed to the simulator first (a tracking number given).
 * The step goes through the signed webhook path, like a real carrier's callback.
 */
export async function simulateCarrierStep(ctx: Ctx, orderId: string) {
  const order = await transact(ctx, async (t) => {
    const row = await orderForStaff(t, orderId);
    if (row.method !== 'post' || (row.carrier !== null && row.carrier !== SIM_CARRIER)) throw new AppError('delivery.not_simulated');
    if (row.carrier !== null) return row;
    const trackingNumber = `SIM${String(randomInt(0, 1e9)).padStart(9, '0')}`;
    const updated = await orderRepo.update(t.tx, row.id, { carrier: SIM_CARRIER, trackingNumber, updatedAt: nowOf(t) });
    await t.audit({
      action: 'delivery.order.dispatch',
      objectType: 'delivery_order',
      objectId: row.id,
      summary: { text: `${row.caseNo} 交模拟寄递 ${trackingNumber}` },
    });
    return updated;
  });
  const step = carrierSteps.find((s) => s !== 'returned' && rankOf[s] === rankOf[order.status] + 1);
  if (!step) throw new AppError('workflow.action_not_allowed', { extra: { currentStatus: order.status, action: 'simulate', allowed: [] } });
  const event: CarrierEvent = {
    eventId: `sim-${newId()}`,
    trackingNumber: order.trackingNumber!,
    status: step,
    occurredAt: nowOf(ctx).toISOString(),
    ...(step === 'signed' ? { signedBy: order.recipientName ?? '本人' } : {}),
  };
  await receiveCarrierEvent(ctx, SIM_CARRIER, event, signCarrierEvent(ctx, SIM_CARRIER, event));
  return presentOrder((await orderRepo.find(ctx.database.db, order.id))!);
}
