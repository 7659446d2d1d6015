import { z } from 'zod';
import { bookingStatuses, ticketStatuses } from './tables.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const Item = z.object({ implementationCode: z.string(), name: z.string() });
const Window = z.object({ id: z.string().uuid(), number: z.string() });
export const Group = z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), windows: z.array(Window), items: z.array(Item) });
export const Hall = z.object({
  id: z.string().uuid(),
  serviceCenterId: z.string().uuid(),
  name: z.string(),
  address: z.string(),
  regionPath: z.string(),
  noShowLimit: z.number().int(),
  noShowBlockDays: z.number().int(),
  groups: z.array(Group),
});

export const Slot = z.object({
  id: z.string().uuid(),
  groupId: z.string().uuid(),
  implementationCode: z.string().nullable(),
  day,
  startTime: time,
  endTime: time,
  capacity: z.number().int(),
  remaining: z.number().int(),
});
export const SlotQuery = z.object({ from: day.optional(), to: day.optional(), groupId: z.string().uuid().optional() });

export const SlotPublish = z
  .object({
    groupId: z.string().uuid(),
    implementationCode: z.string().max(80).optional(),
    from: day,
    to: day,
    times: z
      .array(z.object({ start: time, end: time }).refine((t) => t.start < t.end, { message: 'end_before_start', path: ['end'] }))
      .min(1)
      .max(24),
    capacity: z.number().int().min(1).max(500),
  })
  .refine((b) => b.from <= b.to, { message: 'to_before_from', path: ['to'] });
export const SlotPublishResult = z.object({ created: z.number().int(), days: z.array(day), closedDays: z.array(day) });

export const Booking = z.object({
  id: z.string().uuid(),
  code: z.string(),
  hallId: z.string().uuid(),
  hallName: z.string(),
  hallAddress: z.string(),
  groupName: z.string(),
  implementationCode: z.string(),
  itemName: z.string(),
  day,
  startTime: time,
  endTime: time,
  status: z.enum(bookingStatuses),
});
export const BookingCreate = z.object({ slotId: z.string().uuid(), implementationCode: z.string().max(80).optional() });
export const BookingChange = z.object({ slotId: z.string().uuid() });

export const KioskTicketCreate = z
  .object({ bookingCode: z.string().trim().toUpperCase().max(16).optional(), groupId: z.string().uuid().optional() })
  .refine((b) => Boolean(b.bookingCode) !== Boolean(b.groupId), { message: 'booking_code_or_group', path: ['groupId'] });
export const KioskTicket = z.object({ number: z.string(), groupName: z.string(), waitingBefore: z.number().int(), booked: z.boolean(), issuedAt: z.string() });

export const Ticket = z.object({
  id: z.string().uuid(),
  number: z.string(),
  groupId: z.string().uuid(),
  booked: z.boolean(),
  status: z.enum(ticketStatuses),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  windowNumber: z.string().nullable(),
  waitSeconds: z.number().int().nullable(),
  serviceSeconds: z.number().int().nullable(),
});
export const CallNext = z.object({ windowId: z.string().uuid() });
export const CallResult = z.object({ called: Ticket.nullable(), finished: Ticket.nullable() });
export const TicketFinish = z.object({ outcome: z.enum(['done', 'missed']) });
export const Queue = z.object({
  hallId: z.string().uuid(),
  day,
  groups: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), windows: z.array(Window), waiting: z.number().int() })),
  waiting: z.array(Ticket),
  serving: z.array(Ticket),
  done: z.number().int(),
  averageWaitSeconds: z.number().int().nullable(),
  averageServiceSeconds: z.number().int().nullable(),
});
export const Display = z.object({
  hallName: z.string(),
  day,
  calls: z.array(z.object({ number: z.string(), windowNumber: z.string(), calledAt: z.string() })),
  groups: z.array(z.object({ code: z.string(), name: z.string(), waiting: z.number().int() })),
});
export type SlotPublishInput = z.infer<typeof SlotPublish>;
