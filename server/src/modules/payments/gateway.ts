import { timingSafeEqual } from 'node:crypto';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { hmacSm3, randomToken } from '../../platform/crypto/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { tradeRepo, type OrderRow } from './repository.ts';

/** A gateway's asynchronous notice about an order, as it arrives at `POST /api/payments/callbacks/{gateway}`. */
export interface CallbackEvent {
  eventId: string;
  orderNo: string;
  kind: 'paid' | 'closed';
  tradeNo: string;
  amountFen: number;
  occurredAt: string;
  sign: string;
}

/** One line of a gateway's daily statement (对账单). */
export interface StatementLine {
  tradeNo: string;
  orderNo: string;
  amountFen: number;
}

/**
 * What the platform needs of a payment gateway (支付渠道): check a callback's signature and give the
 * statement of a day. A real gateway (a bank's or 统一公共支付平台) implements the same two functions;
 * only the simulated one exists here.
 */
export interface PaymentGateway {
  code: string;
  verify(ctx: Ctx, event: CallbackEvent): boolean;
  statement(ctx: Ctx, day: string): Promise<StatementLine[]>;
}

/** The canonical text a callback's HMAC-SM3 signature covers. */
export function signedText(e: Omit<CallbackEvent, 'sign'>): string {
  return [e.eventId, e.orderNo, e.kind, e.tradeNo, String(e.amountFen), e.occurredAt].join('|');
}

/** The simulated gateway's callback key (derived from the installation's secret; a real gateway's comes from its contract). */
function simKey(ctx: Ctx): string {
  return hmacSm3(ctx.config.secrets.sessionSecret, 'payments.gateway.simulated');
}

export function signSimulated(ctx: Ctx, e: Omit<CallbackEvent, 'sign'>): CallbackEvent {
  return { ...e, sign: hmacSm3(simKey(ctx), signedText(e)) };
}

export const simulatedGateway: PaymentGateway = {
  code: 'simulated',
  verify(ctx, event) {
    const expected = Buffer.from(hmacSm3(simKey(ctx), signedText(event)), 'utf8');
    const given = Buffer.from(String(event.sign), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  },
  async statement(ctx, day) {
    return (await tradeRepo.onDay(ctx.database.db, day)).map((t) => ({ tradeNo: t.tradeNo, orderNo: t.orderNo, amountFen: t.amountFen }));
  },
};

export const gateways: Record<string, PaymentGateway> = { simulated: simulatedGateway };

export const SIM_CALLBACK_JOB = 'payments.simulated.callback';

/**
 * The simulated gateway takes the money: it writes its own ledger and sends the signed "paid" notice
 * asynchronously (a job delivers it to the same function the callback route calls).
 */
export async function simulatePayment(db: Executor, ctx: Ctx, order: OrderRow, at: Date): Promise<string> {
  const tradeNo = `SIM${shanghaiDate(at).replaceAll('-', '')}${randomToken(6)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '0')}`;
  await tradeRepo.insert(db, { tradeNo, orderNo: order.orderNo, amountFen: order.amountFen, day: shanghaiDate(at), paidAt: at });
  const event = signSimulated(ctx, {
    eventId: `EV-${tradeNo}`,
    orderNo: order.orderNo,
    kind: 'paid',
    tradeNo,
    amountFen: order.amountFen,
    occurredAt: at.toISOString(),
  });
  await enqueueJob(db, SIM_CALLBACK_JOB, { event }, { uniqueKey: `payments.sim:${event.eventId}` });
  return tradeNo;
}
