import { and, asc, gt, gte, ne } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { paymentOrders } from './tables.ts';
import type { OrderLine } from './tables.ts';

/** What e-supervision's rule `fee.not_in_catalog` reads of a payment order charged on a case. */
export interface CaseChargeFact {
  id: string;
  orderNo: string;
  caseNo: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  status: string;
  amountFen: number;
  /** Shanghai date the order was issued: the catalog entry must have been in force then. */
  issuedOn: string;
  lines: OrderLine[];
}

/**
 * 电子监察: the payment orders (not closed: unpaid, paid or refunded) created or changed since
 * `updatedSince`, a page in id order after `afterId`. Whoever asks (the supervision module's job
 * checks its own permission when it shows a hit). One query per page.
 */
export async function caseChargeFacts(ctx: Ctx, q: { updatedSince: Date; afterId?: string; limit: number }): Promise<CaseChargeFact[]> {
  const o = paymentOrders;
  const rows = await ctx.database.db
    .select()
    .from(o)
    .where(and(gte(o.updatedAt, q.updatedSince), ne(o.status, 'closed'), q.afterId ? gt(o.id, q.afterId) : undefined))
    .orderBy(asc(o.id))
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    orderNo: r.orderNo,
    caseNo: r.caseNo,
    itemName: r.itemName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    regionPath: r.regionPath,
    status: r.status,
    amountFen: r.amountFen,
    issuedOn: shanghaiDate(r.createdAt),
    lines: r.lines,
  }));
}
