import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { book, cancelBooking, changeBooking, myBookings } from './book.ts';
import { appointmentPermissions as P } from './policy.ts';
import { publishSlots } from './publish.ts';
import { callNext, finishTicket, hallDisplay, hallQueue, takeTicket } from './queue.ts';
import { listHalls, listSlots } from './read.ts';
import {
  Booking,
  BookingChange,
  BookingCreate,
  CallNext,
  CallResult,
  Display,
  Hall,
  KioskTicket,
  KioskTicketCreate,
  Queue,
  Slot,
  SlotPublish,
  SlotPublishResult,
  SlotQuery,
  Ticket,
  TicketFinish,
} from './schemas.ts';

const tags = ['appointments'];
const hallParam = z.object({ hallId: z.string().uuid() });
const idParam = z.object({ id: z.string().uuid() });

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- public: halls, open slots, the kiosk and the big screen -----
  app.get(
    '/api/public/appointments/halls',
    { config: { session: false }, schema: { tags, summary: 'Halls taking appointments, with window groups and items', response: { 200: z.array(Hall) } } },
    (req) => listHalls(req.ctx),
  );
  app.get(
    '/api/public/appointments/halls/:hallId/slots',
    {
      config: { session: false },
      schema: {
        tags,
        summary: "A hall's bookable slots and the places left (default: the next two weeks)",
        params: hallParam,
        querystring: SlotQuery,
        response: { 200: z.array(Slot) },
      },
    },
    (req) => listSlots(req.ctx, req.params.hallId, req.query),
  );
  app.post(
    '/api/public/appointments/halls/:hallId/tickets',
    {
      config: { session: false },
      schema: {
        tags,
        summary: 'Kiosk: take a queue ticket, with a booking code or for a window group',
        params: hallParam,
        body: KioskTicketCreate,
        response: { 201: KioskTicket },
      },
    },
    async (req, reply) => reply.code(201).send(await takeTicket(req.ctx, req.params.hallId, req.body)),
  );
  app.get(
    '/api/public/appointments/halls/:hallId/display',
    {
      config: { session: false },
      schema: { tags, summary: "The hall's big screen: latest calls and waiting counts (ticket numbers only)", params: hallParam, response: { 200: Display } },
    },
    (req) => hallDisplay(req.ctx, req.params.hallId),
  );

  // ----- the citizen's own bookings -----
  app.get(
    '/api/appointments/bookings',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'My bookings (latest 50)', response: { 200: z.array(Booking) } } },
    (req) => myBookings(req.ctx),
  );
  app.post(
    '/api/appointments/bookings',
    { config: { auth: 'signed-in', idempotent: true }, schema: { tags, summary: 'Book a slot', body: BookingCreate, response: { 201: Booking } } },
    async (req, reply) => reply.code(201).send(await book(req.ctx, req.body)),
  );
  app.post(
    '/api/appointments/bookings/:id/change',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Move my booking to another slot of the hall', params: idParam, body: BookingChange, response: { 200: Booking } },
    },
    (req) => changeBooking(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/appointments/bookings/:id/cancel',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'Cancel my booking', params: idParam, response: { 200: Booking } } },
    (req) => cancelBooking(req.ctx, req.params.id),
  );

  // ----- the hall's staff -----
  app.post(
    '/api/workbench/appointments/halls/:hallId/slots',
    {
      config: { permission: P.publish },
      schema: {
        tags,
        summary: 'Publish slots of a window group on the working days of a range',
        params: hallParam,
        body: SlotPublish,
        response: { 200: SlotPublishResult },
      },
    },
    (req) => publishSlots(req.ctx, req.params.hallId, req.body),
  );
  app.get(
    '/api/workbench/appointments/halls/:hallId/queue',
    { config: { permission: P.call }, schema: { tags, summary: "Today's queue of the hall", params: hallParam, response: { 200: Queue } } },
    (req) => hallQueue(req.ctx, req.params.hallId),
  );
  app.post(
    '/api/workbench/appointments/halls/:hallId/call-next',
    {
      config: { permission: P.call },
      schema: { tags, summary: "Finish the window's ticket and call the next", params: hallParam, body: CallNext, response: { 200: CallResult } },
    },
    (req) => callNext(req.ctx, req.params.hallId, req.body),
  );
  app.post(
    '/api/workbench/appointments/tickets/:id/finish',
    {
      config: { permission: P.call },
      schema: { tags, summary: 'End a called ticket: served or missed (过号)', params: idParam, body: TicketFinish, response: { 200: Ticket } },
    },
    (req) => finishTicket(req.ctx, req.params.id, req.body),
  );
};
