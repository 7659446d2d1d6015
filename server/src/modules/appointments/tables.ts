import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const bookingStatuses = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export const ticketStatuses = ['waiting', 'called', 'done', 'missed'] as const;

/**
 * 预约大厅: a service center (the org module's `service_centers` row, by id, no foreign key) taking
 * appointments and queueing, with its own no-show rule: `noShowLimit` no-shows within
 * `noShowWindowDays` block booking for `noShowBlockDays` after the last one.
 */
export const halls = pgTable('appointment_halls', {
  id: uuid('id').primaryKey(),
  serviceCenterId: uuid('service_center_id').notNull().unique(),
  name: text('name').notNull(),
  regionPath: text('region_path').notNull(),
  /** The body that runs the hall (政务服务管理局): clerks of another department cannot call here. */
  departmentId: uuid('department_id').notNull(),
  address: text('address').notNull(),
  noShowLimit: integer('no_show_limit').notNull().default(3),
  noShowWindowDays: integer('no_show_window_days').notNull().default(90),
  noShowBlockDays: integer('no_show_block_days').notNull().default(30),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull(),
});

/** 窗口分组: windows (org window ids) serving the same items; a ticket letter (A, B, …). */
export const windowGroups = pgTable(
  'appointment_window_groups',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id')
      .notNull()
      .references(() => halls.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    windowIds: jsonb('window_ids').$type<string[]>().notNull(),
    /** The same windows with their numbers as the hall shows them (copied from org when the group is set up). */
    windows: jsonb('windows').$type<{ id: string; number: string }[]>().notNull().default([]),
    /** The items booked here: implementation code and name (copied from the catalog). */
    items: jsonb('items').$type<{ implementationCode: string; name: string }[]>().notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('appointment_window_groups_code_uq').on(t.hallId, t.code)],
);

/** 号源: a time slot of a window group (for one item, or any of the group's items), `booked` never above `capacity`. */
export const slots = pgTable(
  'appointment_slots',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => windowGroups.id),
    implementationCode: text('implementation_code'),
    day: text('day').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('appointment_slots_uq').on(t.groupId, t.day, t.startTime, sql`coalesce(${t.implementationCode}, '')`),
    index('appointment_slots_hall_day_idx').on(t.hallId, t.day),
  ],
);

/** 预约: a person's booking of a slot; `code` is what the kiosk takes. At most one active booking per person, hall and day. */
export const bookings = pgTable(
  'appointment_bookings',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    hallId: uuid('hall_id').notNull(),
    groupId: uuid('group_id').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id),
    personId: uuid('person_id').notNull(),
    implementationCode: text('implementation_code').notNull(),
    itemName: text('item_name').notNull(),
    day: text('day').notNull(),
    startTime: text('start_time').notNull(),
    status: text('status', { enum: bookingStatuses }).notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('appointment_bookings_active_uq')
      .on(t.personId, t.hallId, t.day)
      .where(sql`status = 'booked'`),
    index('appointment_bookings_person_idx').on(t.personId, t.day),
    index('appointment_bookings_day_idx').on(t.day, t.status),
  ],
);

/** 排队号: a ticket taken at the kiosk (with a booking or without); no personal data. */
export const tickets = pgTable(
  'appointment_tickets',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull(),
    groupId: uuid('group_id').notNull(),
    day: text('day').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    bookingId: uuid('booking_id'),
    status: text('status', { enum: ticketStatuses }).notNull(),
    issuedAt: ts('issued_at').notNull(),
    calledAt: ts('called_at'),
    windowId: uuid('window_id'),
    windowNumber: text('window_number'),
    calledBy: uuid('called_by'),
    finishedAt: ts('finished_at'),
    waitSeconds: integer('wait_seconds'),
    serviceSeconds: integer('service_seconds'),
  },
  (t) => [uniqueIndex('appointment_tickets_seq_uq').on(t.groupId, t.day, t.seq), index('appointment_tickets_hall_day_idx').on(t.hallId, t.day, t.status)],
);

/** The last ticket number given per window group and day (one atomic upsert per ticket). */
export const ticketCounters = pgTable(
  'appointment_ticket_counters',
  {
    groupId: uuid('group_id').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('appointment_ticket_counters_pk').on(t.groupId, t.day)],
);
