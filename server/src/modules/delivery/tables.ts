import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const ownerKinds = ['person', 'entity'] as const;
export const deliveryDirections = ['materials_in', 'result_out'] as const;
export const deliveryMethods = ['post', 'pickup'] as const;
/** A posted order: created → collected (揽收) → in_transit → out_for_delivery → signed (签收) | returned; a pickup: awaiting_pickup → signed. */
export const deliveryStatuses = ['created', 'collected', 'in_transit', 'out_for_delivery', 'signed', 'returned', 'awaiting_pickup'] as const;
export const signMethods = ['carrier', 'manual', 'pickup_code'] as const;

/**
 * 收件地址簿: a signed-in applicant's addresses (a person's or an enterprise's). Phone and street
 * address are personal data (decision 0002): sealed with SM4 under DATA_KEY, with a mask for lists.
 */
export const addresses = pgTable(
  'delivery_addresses',
  {
    id: uuid('id').primaryKey(),
    ownerKind: text('owner_kind', { enum: ownerKinds }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    recipientName: text('recipient_name').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    regionCode: text('region_code').notNull(),
    addressSealed: text('address_sealed').notNull(),
    addressMasked: text('address_masked').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('delivery_addresses_owner_idx').on(t.ownerKind, t.ownerId),
    uniqueIndex('delivery_addresses_default_uq')
      .on(t.ownerKind, t.ownerId)
      .where(sql`is_default`),
  ],
);

/** A result one delivery order carries (a 一件事 application's order carries several). */
export interface DeliveryContent {
  caseNo: string;
  itemName: string;
  resultName: string;
  certificateIdentifier: string | null;
}

/**
 * 寄递单: materials in or a result out for one case (the cases module's case number, no foreign key),
 * by post (carrier and tracking number, status from the carrier's webhook or a clerk) or by pickup
 * at a window (only the SM3 digest of the pickup code is kept). The recipient is copied from the
 * address book when the order is made, sealed like the book. 签收 (sign-for) is recorded here.
 */
export const orders = pgTable(
  'delivery_orders',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    itemName: text('item_name').notNull(),
    departmentId: uuid('department_id').notNull(),
    regionPath: text('region_path').notNull(),
    applicantKind: text('applicant_kind', { enum: ownerKinds }).notNull(),
    applicantId: uuid('applicant_id').notNull(),
    direction: text('direction', { enum: deliveryDirections }).notNull(),
    method: text('method', { enum: deliveryMethods }).notNull(),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    recipientName: text('recipient_name'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    addressSealed: text('address_sealed'),
    addressMasked: text('address_masked'),
    pickupCodeDigest: text('pickup_code_digest'),
    pickupPlace: text('pickup_place'),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    /** The carrier time of the last applied event: an older event arriving late changes nothing. */
    lastEventAt: ts('last_event_at'),
    signedAt: ts('signed_at'),
    signedBy: text('signed_by'),
    signMethod: text('sign_method', { enum: signMethods }),
    pickupAttempts: integer('pickup_attempts').notNull().default(0),
    /** One delivery of a 一件事 application (`caseNo` is then its YJS number): every child's result it carries. */
    contents: jsonb('contents').$type<DeliveryContent[]>(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('delivery_orders_case_direction_uq').on(t.caseNo, t.direction),
    uniqueIndex('delivery_orders_tracking_uq').on(t.carrier, t.trackingNumber),
    index('delivery_orders_applicant_idx').on(t.applicantKind, t.applicantId, t.createdAt),
    index('delivery_orders_scope_idx').on(t.departmentId, t.regionPath, t.createdAt),
  ],
);

/** Every carrier callback received (once per carrier event id: a replay is answered and ignored). */
export const carrierEvents = pgTable(
  'delivery_carrier_events',
  {
    id: uuid('id').primaryKey(),
    carrier: text('carrier').notNull(),
    eventId: text('event_id').notNull(),
    orderId: uuid('order_id').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    occurredAt: ts('occurred_at').notNull(),
    applied: boolean('applied').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [uniqueIndex('delivery_carrier_events_uq').on(t.carrier, t.eventId), index('delivery_carrier_events_order_idx').on(t.orderId)],
);
