import { assertCan, scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { paymentPermissions as P } from './policy.ts';
import { mismatchRepo, orderRepo } from './repository.ts';
import { nowOf, presentOrder, staffMay } from './shared.ts';

/** 退费: records the refund of a paid order in full (the department's staff with the refund permission), audited. */
export async function refundOrder(ctx: Ctx, orderNo: string, input: { reason: string }) {
  return transact(ctx, async (t) => {
    const row = await orderRepo.lock(t.tx, orderNo);
    if (!row || !(staffMay(t, P.read, row) || staffMay(t, P.refund, row))) throw notFound('payment_order', orderNo);
    assertCan(t.actor, P.refund, { regionPath: row.regionPath, departmentId: row.departmentId });
    if (row.status !== 'paid') throw new AppError('payments.not_refundable');
    const at = nowOf(t);
    const updated = await orderRepo.update(t.tx, row.id, {
      status: 'refunded',
      refundedFen: row.paidFen,
      refundReason: input.reason,
      refundedAt: at,
      refundedBy: t.actor.id,
      updatedAt: at,
    });
    t.audit({
      action: 'payments.order.refund',
      objectType: 'payment_order',
      objectId: row.orderNo,
      summary: { refundedFen: row.paidFen, reason: input.reason },
    });
    return presentOrder(updated);
  });
}

/** Staff: the reconciliation mismatches of their region and department (those matching no order: staff scoped everywhere). */
export async function listMismatches(ctx: Ctx, q: { page: number; pageSize: number; day?: string }) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  const { items, total } = await mismatchRepo.listScoped(ctx.database.db, scopesOf(ctx.actor, P.read), q);
  return pageOf(
    items.map((m) => ({
      id: m.id,
      gateway: m.gateway,
      day: m.day,
      kind: m.kind,
      orderNo: m.orderNo,
      tradeNo: m.tradeNo,
      orderFen: m.orderFen,
      gatewayFen: m.gatewayFen,
      detectedAt: m.detectedAt.toISOString(),
    })),
    total,
    q,
  );
}
