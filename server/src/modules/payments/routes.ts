import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { fileResponse } from '../../platform/http/openapi-bodies.ts';
import { receiveCallback } from './callbacks.ts';
import { getOrder, issueOrder, listOrders, myOrders, payOrder } from './orders.ts';
import { paymentPermissions as P } from './policy.ts';
import { receiptPdf } from './receipt.ts';
import { listMismatches, refundOrder } from './refund.ts';
import {
  CallbackBody,
  CallbackParams,
  CallbackResult,
  Mismatch,
  MismatchQuery,
  Order,
  OrderCreate,
  OrderListQuery,
  OrderParams,
  RefundBody,
} from './schemas.ts';

const tags = ['payments'];

export const paymentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/payments/orders',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: {
        tags,
        summary: "The applicant opens the payment order of their case: built from the fee catalog's entries in force; an existing one comes back",
        body: OrderCreate,
        response: { 201: Order },
      },
    },
    async (req, reply) => reply.status(201).send(await issueOrder(req.ctx, req.body.caseNo, 'applicant')),
  );
  app.post(
    '/api/workbench/payments/orders',
    {
      config: { permission: P.issue, idempotent: true },
      schema: {
        tags,
        summary: 'Staff: issue the payment order of a case of my region and department (an existing one comes back)',
        body: OrderCreate,
        response: { 201: Order },
      },
    },
    async (req, reply) => reply.status(201).send(await issueOrder(req.ctx, req.body.caseNo, 'staff')),
  );
  app.get(
    '/api/workbench/payments/orders',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'Staff: payment orders of my region and department', querystring: OrderListQuery, response: { 200: pageSchema(Order) } },
    },
    (req) => listOrders(req.ctx, req.query),
  );
  app.get(
    '/api/payments/orders/mine',
    { config: { auth: 'signed-in' }, schema: { tags, summary: 'My payment orders (latest 100)', response: { 200: z.array(Order) } } },
    (req) => myOrders(req.ctx),
  );
  app.get(
    '/api/payments/orders/:orderNo',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'A payment order (its payer, or the department’s staff)', params: OrderParams, response: { 200: Order } },
    },
    (req) => getOrder(req.ctx, req.params.orderNo),
  );
  app.post(
    '/api/payments/orders/:orderNo/pay',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Pay through the simulated gateway (demo): the order turns paid when its signed callback arrives',
        params: OrderParams,
        response: { 200: Order },
      },
    },
    (req) => payOrder(req.ctx, req.params.orderNo),
  );
  app.post(
    '/api/workbench/payments/orders/:orderNo/refund',
    {
      config: { permission: P.refund },
      schema: { tags, summary: 'Record the refund of a paid order', params: OrderParams, body: RefundBody, response: { 200: Order } },
    },
    (req) => refundOrder(req.ctx, req.params.orderNo, req.body),
  );
  app.get(
    '/api/payments/orders/:orderNo/receipt',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'The receipt of a paid order (PDF)',
        params: OrderParams,
        response: { 200: fileResponse('The receipt (attachment)', ['application/pdf']) },
      },
    },
    async (req, reply) => {
      const { data, fileName } = await receiptPdf(req.ctx, req.params.orderNo);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(data);
    },
  );
  app.get(
    '/api/workbench/payments/mismatches',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Staff: reconciliation mismatches (日终对账差异) of my region and department',
        querystring: MismatchQuery,
        response: { 200: pageSchema(Mismatch) },
      },
    },
    (req) => listMismatches(req.ctx, req.query),
  );
  app.post(
    '/api/payments/callbacks/:gateway',
    {
      config: { session: false },
      schema: {
        tags,
        summary: "A gateway's signed asynchronous notice (HMAC-SM3); repeated, late and out-of-order notices change nothing they should not",
        params: CallbackParams,
        body: CallbackBody,
        response: { 200: CallbackResult },
      },
    },
    (req) => receiveCallback(req.ctx, req.params.gateway, req.body),
  );
};
