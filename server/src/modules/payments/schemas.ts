import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { callbackOutcomes, mismatchKinds, orderStatuses } from './tables.ts';

const fen = z.number().int().describe('fen (分): integer, never a float');

export const OrderLine = z.object({
  feeCode: z.string(),
  name: z.string(),
  kind: z.enum(['administrative_fee', 'government_fund']),
  standard: z.string().describe('the fee catalog’s standard the unit price was read from'),
  unitFen: fen,
  quantity: z.number().int(),
  amountFen: fen,
});

export const Order = z.object({
  orderNo: z.string(),
  caseNo: z.string(),
  implementationCode: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  payerName: z.string(),
  lines: z.array(OrderLine),
  amountFen: fen,
  status: z.enum(orderStatuses),
  gateway: z.string().nullable(),
  gatewayTradeNo: z.string().nullable(),
  paidFen: fen.nullable(),
  paidAt: z.string().nullable(),
  refundedFen: fen.nullable(),
  refundReason: z.string().nullable(),
  refundedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const OrderCreate = z.object({ caseNo: z.string().trim().min(1).max(60) });
export const OrderParams = z.object({ orderNo: z.string().trim().min(1).max(40) });
export const OrderListQuery = pageQuerySchema.extend({ status: z.enum(orderStatuses).optional() });
export const RefundBody = z.object({ reason: z.string().trim().min(2).max(500) });

export const CallbackParams = z.object({ gateway: z.string().max(40) });
export const CallbackBody = z.object({
  eventId: z.string().min(1).max(100),
  orderNo: z.string().min(1).max(40),
  kind: z.enum(['paid', 'closed']),
  tradeNo: z.string().min(1).max(100),
  amountFen: z.number().int().min(0),
  occurredAt: z.string().datetime({ offset: true }),
  sign: z.string().max(200).describe('HMAC-SM3 (hex) of eventId|orderNo|kind|tradeNo|amountFen|occurredAt with the gateway’s key'),
});
export const CallbackResult = z.object({
  result: z.enum([...callbackOutcomes, 'duplicate']),
  orderStatus: z.enum(orderStatuses).nullable(),
});

export const Mismatch = z.object({
  id: z.string(),
  gateway: z.string(),
  day: z.string(),
  kind: z.enum(mismatchKinds),
  orderNo: z.string(),
  tradeNo: z.string().nullable(),
  orderFen: fen.nullable(),
  gatewayFen: fen.nullable(),
  detectedAt: z.string(),
});
export const MismatchQuery = pageQuerySchema.extend({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
