import type { TxCtx } from '../../platform/context.ts';
import { orderRepo, type OrderRow } from './repository.ts';
import { nowOf } from './shared.ts';
import { deliveryMachine, type DeliveryAction } from './workflow.ts';

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /** 签收: a delivery order of a case was signed for (by the carrier's report, a clerk, or the pickup code at the window). */
    'delivery.order.signed': {
      caseNo: string;
      direction: 'materials_in' | 'result_out';
      signedAt: string;
      signMethod: 'carrier' | 'manual' | 'pickup_code';
      method: 'post' | 'pickup';
      carrier: string | null;
      trackingNumber: string | null;
      applicantKind: 'person' | 'entity';
      applicantId: string;
    };
  }
}

/**
 * Moves an order by one action of the machine (409 otherwise), audits it, and on 签收 records who
 * signed and how, and publishes `delivery.order.signed` in the same transaction.
 */
export async function applyStep(
  t: TxCtx,
  order: OrderRow,
  action: DeliveryAction,
  how: { method: 'carrier' | 'manual' | 'pickup_code'; signedBy?: string; eventAt?: Date; note?: string; set?: Partial<OrderRow> },
): Promise<OrderRow> {
  const status = deliveryMachine.next(order.status, action);
  const now = nowOf(t);
  const signed = status === 'signed';
  const updated = await orderRepo.update(t.tx, order.id, {
    ...how.set,
    status,
    lastEventAt: how.eventAt ?? order.lastEventAt,
    updatedAt: now,
    ...(signed ? { signedAt: how.eventAt ?? now, signedBy: how.signedBy ?? null, signMethod: how.method } : {}),
  });
  await t.audit({
    action: `delivery.order.${action}`,
    objectType: 'delivery_order',
    objectId: order.id,
    summary: { caseNo: order.caseNo, before: order.status, after: status, by: how.method, note: how.note ?? null },
    scope: { regionPath: order.regionPath, departmentId: order.departmentId },
  });
  if (signed)
    await t.publish('delivery.order.signed', {
      caseNo: order.caseNo,
      direction: order.direction,
      signedAt: updated.signedAt!.toISOString(),
      signMethod: how.method,
      method: updated.method,
      carrier: updated.carrier,
      trackingNumber: updated.trackingNumber,
      applicantKind: order.applicantKind,
      applicantId: order.applicantId,
    });
  return updated;
}
