import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orderStatuses = ['unpaid', 'paid', 'closed', 'refunded'] as const;
export const callbackKinds = ['paid', 'closed'] as const;
export const callbackOutcomes = ['applied', 'duplicate', 'already_paid', 'stale', 'late_paid', 'amount_mismatch', 'unknown_order'] as const;
export const mismatchKinds = ['missing_order', 'missing_trade', 'amount_differs'] as const;

/** One line of a payment order: a fee-catalog entry in force when the order was issued, amounts in fen. */
export interface OrderLine {
  feeCode: string;
  name: string;
  kind: 'administrative_fee' | 'government_fund';
  standard: string;
  unitFen: number;
  quantity: number;
  amountFen: number;
}

/**
 * 缴费单: what the applicant of a case owes, built only from the fee catalog's entries in force. Money is
 * integer fen. The case (cases module) is referred to by its number, without a foreign key.
 */
export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: uuid('id').primaryKey(),
    orderNo: text('order_no').notNull().unique(),
    caseNo: text('case_no').notNull(),
    implementationCode: text('implementation_code').notNull(),
    itemName: text('item_name').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    applicantKind: text('applicant_kind', { enum: ['person', 'entity'] }).notNull(),
    applicantId: uuid('applicant_id').notNull(),
    payerName: text('payer_name').notNull(),
    lines: jsonb('lines').$type<OrderLine[]>().notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: orderStatuses }).notNull(),
    gateway: text('gateway'),
    gatewayTradeNo: text('gateway_trade_no'),
    paidFen: integer('paid_fen'),
    paidAt: ts('paid_at'),
    /** The gateway time of the last callback applied: an older one arriving later changes nothing. */
    lastEventAt: ts('last_event_at'),
    refundedFen: integer('refunded_fen'),
    refundReason: text('refund_reason'),
    refundedAt: ts('refunded_at'),
    refundedBy: uuid('refunded_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // One unpaid or paid order per case at a time.
    uniqueIndex('payment_orders_live_case_uq')
      .on(t.caseNo)
      .where(sql`status IN ('unpaid', 'paid')`),
    index('payment_orders_case_idx').on(t.caseNo),
    index('payment_orders_applicant_idx').on(t.applicantKind, t.applicantId),
    index('payment_orders_region_idx').on(t.regionPath),
  ],
);

/** Every callback received, once per gateway event id (a repeated delivery is recognised and answered the same). */
export const paymentCallbacks = pgTable(
  'payment_callbacks',
  {
    id: uuid('id').primaryKey(),
    gateway: text('gateway').notNull(),
    eventId: text('event_id').notNull(),
    orderNo: text('order_no').notNull(),
    kind: text('kind', { enum: callbackKinds }).notNull(),
    tradeNo: text('trade_no').notNull(),
    amountFen: integer('amount_fen').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    outcome: text('outcome', { enum: callbackOutcomes }).notNull(),
  },
  (t) => [uniqueIndex('payment_callbacks_event_uq').on(t.gateway, t.eventId), index('payment_callbacks_order_idx').on(t.orderNo)],
);

/**
 * The simulated gateway's own ledger (demo only): what it would put on its daily statement. A real
 * gateway's statement is downloaded instead; the reconciliation reads it through the adapter.
 */
export const simulatedTrades = pgTable(
  'payment_simulated_trades',
  {
    tradeNo: text('trade_no').primaryKey(),
    orderNo: text('order_no').notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** Shanghai date of the payment ('YYYY-MM-DD'): the statement it appears on. */
    day: text('day').notNull(),
    paidAt: ts('paid_at').notNull(),
  },
  (t) => [index('payment_simulated_trades_day_idx').on(t.day)],
);

/** 对账差异: what the daily reconciliation found between a gateway statement and the orders. */
export const paymentMismatches = pgTable(
  'payment_mismatches',
  {
    id: uuid('id').primaryKey(),
    gateway: text('gateway').notNull(),
    day: text('day').notNull(),
    kind: text('kind', { enum: mismatchKinds }).notNull(),
    orderNo: text('order_no').notNull(),
    tradeNo: text('trade_no'),
    orderFen: integer('order_fen'),
    gatewayFen: integer('gateway_fen'),
    /** The order's region and department (empty when no order matches: only staff scoped everywhere see those). */
    regionPath: text('region_path').notNull(),
    departmentId: uuid('department_id'),
    detectedAt: ts('detected_at').notNull(),
  },
  (t) => [uniqueIndex('payment_mismatches_uq').on(t.gateway, t.day, t.orderNo, t.kind), index('payment_mismatches_day_idx').on(t.day)],
);
