import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { applyStep } from './apply.ts';
import { orderForStaff } from './orders.ts';
import { orderRepo } from './repository.ts';
import { nowOf, pickupDigest, presentOrder } from './shared.ts';
import type { CarrierStep } from './workflow.ts';

/** Wrong pickup codes before the order is locked to the code (the clerk then checks identity and hands over manually). */
export const PICKUP_ATTEMPTS = 5;

/**
 * 人工更新: the fallback when a carrier has no webhook or an event is lost. A clerk of the case's
 * department moves the order forward (never back), may set the carrier and tracking number while
 * handing a result to the post, and gives a note; a pickup is signed manually after checking identity.
 */
export async function manualStatus(
  ctx: Ctx,
  id: string,
  input: { status: CarrierStep; carrier?: string; trackingNumber?: string; note: string; signedBy?: string },
) {
  return transact(ctx, async (t) => {
    const order = await orderForStaff(t, id);
    if (order.method === 'pickup' && input.status !== 'signed') throw invalid([{ field: 'status', code: 'pickup_signs_only' }]);
    const set = input.carrier && input.trackingNumber && order.method === 'post' ? { carrier: input.carrier, trackingNumber: input.trackingNumber } : undefined;
    const action = order.method === 'pickup' ? 'hand_over' : input.status;
    const updated = await applyStep(t, order, action, { method: 'manual', signedBy: input.signedBy, note: input.note, set });
    return presentOrder(updated);
  });
}

/**
 * 窗口领取: the clerk enters the applicant's pickup code. Right once: the order is signed for and
 * the code is spent (a second hand-over is a 409). Wrong codes are counted; after five the code no longer works.
 */
export async function handOver(ctx: Ctx, id: string, input: { code: string; signedBy?: string }) {
  const result = await transact(ctx, async (t) => {
    const order = await orderForStaff(t, id);
    if (order.method !== 'pickup') throw invalid([{ field: 'id', code: 'not_pickup' }]);
    if (order.status !== 'awaiting_pickup') return { order: await applyStep(t, order, 'hand_over', { method: 'pickup_code' }) }; // the machine's 409
    if (order.pickupAttempts >= PICKUP_ATTEMPTS) return { error: 'delivery.pickup_locked' };
    if (pickupDigest(t, order.id, input.code) !== order.pickupCodeDigest) {
      await orderRepo.update(t.tx, order.id, { pickupAttempts: order.pickupAttempts + 1, updatedAt: nowOf(t) });
      await t.audit({
        action: 'delivery.pickup.wrong_code',
        objectType: 'delivery_order',
        objectId: order.id,
        summary: { text: `${order.caseNo} 取件码错误` },
      });
      return { error: 'delivery.pickup_code_wrong' };
    }
    return { order: await applyStep(t, order, 'hand_over', { method: 'pickup_code', signedBy: input.signedBy, set: { pickupCodeDigest: null } }) };
  });
  if (result.error) throw new AppError(result.error);
  return presentOrder(result.order!);
}
