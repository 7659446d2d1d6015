import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addAddress, deleteAddress, myAddresses, updateAddress } from './addresses.ts';
import { receiveCarrierEvent, simulateCarrierStep } from './carrier.ts';
import { handOver, manualStatus } from './handle.ts';
import { createOrder, listOrders, myOrders } from './orders.ts';
import { deliveryPermissions as P } from './policy.ts';
import { pageSchema } from '../../platform/db/index.ts';
import {
  Address,
  AddressInput,
  CallbackResult,
  CarrierCallback,
  HandOver,
  ManualStatus,
  MyOrdersQuery,
  Order,
  OrderCreate,
  OrderCreated,
  OrderQuery,
} from './schemas.ts';

const tags = ['delivery'];
const idParam = z.object({ id: z.string().uuid() });

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- the applicant's address book and deliveries -----
  app.get(
    '/api/delivery/addresses',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'My address book (masked)', response: { 200: z.array(Address) } } },
    (req) => myAddresses(req.ctx),
  );
  app.post(
    '/api/delivery/addresses',
    { config: { auth: 'signed-in', idempotent: true }, schema: { tags, summary: 'Add an address', body: AddressInput, response: { 201: Address } } },
    async (req, reply) => reply.code(201).send(await addAddress(req.ctx, req.body)),
  );
  app.put(
    '/api/delivery/addresses/:id',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Change an address (or make it the default)', params: idParam, body: AddressInput, response: { 200: Address } },
    },
    (req) => updateAddress(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/delivery/addresses/:id',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'Delete an address', params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteAddress(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/delivery/orders',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'My delivery orders (latest 50)', querystring: MyOrdersQuery, response: { 200: z.array(Order) } },
    },
    (req) => myOrders(req.ctx, req.query.caseNo),
  );
  app.post(
    '/api/delivery/orders',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: {
        tags,
        summary: 'Arrange materials in by post, or the result out by post or to pick up at a window',
        body: OrderCreate,
        response: { 201: OrderCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await createOrder(req.ctx, req.body)),
  );

  // ----- carriers -----
  app.post(
    '/api/delivery/callbacks/:carrier',
    {
      config: { session: false },
      schema: {
        tags,
        summary: "A carrier's signed status callback (X-Carrier-Signature: HMAC-SM3)",
        params: z.object({ carrier: z.string().max(30) }),
        headers: z.object({ 'x-carrier-signature': z.string().max(200).optional() }),
        body: CarrierCallback,
        response: { 200: CallbackResult },
      },
    },
    (req) => receiveCarrierEvent(req.ctx, req.params.carrier, req.body, req.headers['x-carrier-signature']),
  );

  // ----- the department's clerks -----
  app.get(
    '/api/workbench/delivery/orders',
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Delivery orders of the cases in my scope', querystring: OrderQuery, response: { 200: pageSchema(Order) } },
    },
    (req) => listOrders(req.ctx, req.query),
  );
  app.post(
    '/api/workbench/delivery/orders/:id/status',
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Manual status update (fallback), forward only', params: idParam, body: ManualStatus, response: { 200: Order } },
    },
    (req) => manualStatus(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/workbench/delivery/orders/:id/hand-over',
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Hand a result over at the window for the pickup code', params: idParam, body: HandOver, response: { 200: Order } },
    },
    (req) => handOver(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/workbench/delivery/orders/:id/simulate',
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Demo: the simulated carrier reports the next step (signed webhook path)', params: idParam, response: { 200: Order } },
    },
    (req) => simulateCarrierStep(req.ctx, req.params.id),
  );
};
