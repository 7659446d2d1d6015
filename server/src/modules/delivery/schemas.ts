import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/index.ts';
import { deliveryDirections, deliveryMethods, deliveryStatuses, signMethods } from './tables.ts';
import { carrierSteps } from './workflow.ts';

const mobile = z.string().regex(/^1\d{10}$/, 'mobile');

export const AddressInput = z.object({
  recipientName: z.string().trim().min(1).max(50),
  phone: mobile,
  regionCode: z.string().regex(/^\d{6,12}$/),
  address: z.string().trim().min(4).max(200),
  isDefault: z.boolean().optional(),
});

export const Address = z.object({
  id: z.string().uuid(),
  recipientName: z.string().describe('masked'),
  phone: z.string().describe('masked'),
  regionCode: z.string(),
  address: z.string().describe('masked: the first characters only'),
  isDefault: z.boolean(),
});

export const Order = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  itemName: z.string(),
  direction: z.enum(deliveryDirections),
  method: z.enum(deliveryMethods),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  recipientName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  pickupPlace: z.string().nullable(),
  status: z.enum(deliveryStatuses),
  signedAt: z.string().nullable(),
  signMethod: z.enum(signMethods).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OrderCreate = z.object({
  caseNo: z.string().min(1).max(64),
  direction: z.enum(deliveryDirections),
  method: z.enum(deliveryMethods),
  addressId: z.string().uuid().optional(),
  carrier: z.string().trim().min(1).max(50).optional(),
  trackingNumber: z.string().trim().min(4).max(50).optional(),
});
export const OrderCreated = Order.extend({ pickupCode: z.string().nullable().describe('取件码: shown once, only its digest is kept') });

export const MyOrdersQuery = z.object({ caseNo: z.string().max(64).optional() });
export const OrderQuery = pageQuerySchema.extend({ status: z.enum(deliveryStatuses).optional() });

export const ManualStatus = z.object({
  status: z.enum(carrierSteps),
  carrier: z.string().trim().min(1).max(50).optional(),
  trackingNumber: z.string().trim().min(4).max(50).optional(),
  note: z.string().trim().min(1).max(500),
  signedBy: z.string().trim().min(1).max(50).optional(),
});
export const HandOver = z.object({ code: z.string().regex(/^\d{6}$/), signedBy: z.string().trim().min(1).max(50).optional() });

export const CarrierCallback = z.object({
  eventId: z.string().min(1).max(100),
  trackingNumber: z.string().min(1).max(50),
  status: z.enum(carrierSteps),
  occurredAt: z.string().datetime({ offset: true }),
  signedBy: z.string().max(50).optional(),
});
export const CallbackResult = z.object({ outcome: z.enum(['applied', 'duplicate', 'stale', 'unknown_tracking']) });
