import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { gateways } from './gateway.ts';
import { mismatchRepo, orderRepo } from './repository.ts';
import { nowOf, todayOf } from './shared.ts';
import type { mismatchKinds } from './tables.ts';

/**
 * 日终对账: the gateway's statement of `day` (Shanghai) against the orders paid through it that day.
 * Flags a trade whose order is not paid (a lost callback: `missing_order`), a paid order with no trade
 * (`missing_trade`) and a different amount (`amount_differs`). Rerunning a day adds nothing twice.
 */
export async function reconcile(ctx: Ctx, day = addCalendarDays(todayOf(ctx), -1), gatewayCode = 'simulated') {
  const gateway = gateways[gatewayCode]!;
  const statement = await gateway.statement(ctx, day);
  const db = ctx.database.db;
  const from = new Date(`${day}T00:00:00+08:00`);
  const to = new Date(`${addCalendarDays(day, 1)}T00:00:00+08:00`);
  const paid = await orderRepo.paidBetween(db, gatewayCode, from, to);
  const byNo = new Map(
    (
      await orderRepo.byNos(
        db,
        statement.map((s) => s.orderNo),
      )
    ).map((o) => [o.orderNo, o]),
  );
  for (const o of paid) byNo.set(o.orderNo, o);
  const found: { kind: (typeof mismatchKinds)[number]; orderNo: string; tradeNo: string | null; orderFen: number | null; gatewayFen: number | null }[] = [];
  const traded = new Set<string>();
  for (const line of statement) {
    traded.add(line.orderNo);
    const o = byNo.get(line.orderNo);
    if (!o || (o.status !== 'paid' && o.status !== 'refunded'))
      found.push({ kind: 'missing_order', orderNo: line.orderNo, tradeNo: line.tradeNo, orderFen: o?.amountFen ?? null, gatewayFen: line.amountFen });
    else if (o.paidFen !== line.amountFen)
      found.push({ kind: 'amount_differs', orderNo: line.orderNo, tradeNo: line.tradeNo, orderFen: o.paidFen, gatewayFen: line.amountFen });
  }
  for (const o of paid)
    if (!traded.has(o.orderNo)) found.push({ kind: 'missing_trade', orderNo: o.orderNo, tradeNo: o.gatewayTradeNo, orderFen: o.paidFen, gatewayFen: null });
  return transact(ctx, async (t) => {
    const at = nowOf(t);
    const added = await mismatchRepo.insertMany(
      t.tx,
      found.map((f) => {
        const o = byNo.get(f.orderNo);
        return { id: newId(), gateway: gatewayCode, day, ...f, regionPath: o?.regionPath ?? '', departmentId: o?.departmentId ?? null, detectedAt: at };
      }),
    );
    t.audit({
      action: 'payments.reconcile',
      objectType: 'payment_statement',
      objectId: `${gatewayCode}/${day}`,
      summary: { trades: statement.length, paidOrders: paid.length, mismatches: found.length, new: added.length },
    });
    return { day, gateway: gatewayCode, trades: statement.length, paidOrders: paid.length, mismatches: found.length };
  });
}
