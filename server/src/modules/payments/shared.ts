import { randomInt } from 'node:crypto';
import { can } from '../../platform/auth/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/index.ts';
import { paymentPermissions as P } from './policy.ts';
import { orderRepo, type OrderRow } from './repository.ts';

export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();
export const todayOf = (ctx: Ctx): string => shanghaiDate(nowOf(ctx));

export function isPayer(ctx: Ctx, o: Pick<OrderRow, 'applicantKind' | 'applicantId'>): boolean {
  const a = ctx.actor;
  return (a.kind === 'person' || a.kind === 'entity') && a.kind === o.applicantKind && a.subjectId === o.applicantId;
}

export function staffMay(ctx: Ctx, permission: string, o: Pick<OrderRow, 'regionPath' | 'departmentId'>): boolean {
  return ctx.actor.kind === 'staff' && can(ctx.actor, permission, { regionPath: o.regionPath, departmentId: o.departmentId });
}

/** The order, for its payer or the department's staff who may read it; a 404 for anyone else. */
export async function readableOrder(ctx: Ctx, db: Executor, orderNo: string, lock = false): Promise<OrderRow> {
  const row = lock ? await orderRepo.lock(db, orderNo) : await orderRepo.byNo(db, orderNo);
  if (!row || !(isPayer(ctx, row) || staffMay(ctx, P.read, row) || staffMay(ctx, P.refund, row))) throw notFound('payment_order', orderNo);
  return row;
}

/** 'JF' + the Shanghai date + 8 random digits. */
export function newOrderNo(at: Date): string {
  return `JF${shanghaiDate(at).replaceAll('-', '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export function presentOrder(o: OrderRow) {
  return {
    orderNo: o.orderNo,
    caseNo: o.caseNo,
    implementationCode: o.implementationCode,
    itemName: o.itemName,
    departmentName: o.departmentName,
    payerName: o.payerName,
    lines: o.lines,
    amountFen: o.amountFen,
    status: o.status,
    gateway: o.gateway,
    gatewayTradeNo: o.gatewayTradeNo,
    paidFen: o.paidFen,
    paidAt: o.paidAt?.toISOString() ?? null,
    refundedFen: o.refundedFen,
    refundReason: o.refundReason,
    refundedAt: o.refundedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}
