import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseSubmit } from './schemas.ts';
import { submitLifeEvent } from './bundles.ts';
import { chooseBundleDelivery } from './bundles-delivery.ts';
import { BundleView, getBundle, listMyBundles } from './bundles-read.ts';

const tags = ['cases'];
const codeParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,49}$/)
    .describe('the life event (GET /api/catalog/life-events)'),
});
const ResultDelivery = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('post'), addressId: z.string().uuid().describe('an address of your book (GET /api/delivery/addresses)') }),
    z.object({ method: z.literal('pickup') }),
  ])
  .describe(
    'one delivery of every result once all are issued: by post to an address of your book, or picked up at the lead department’s window (the code comes in the message and on the application); absent: each child is delivered on its own',
  );
const BundleSubmitBody = z.object({
  formData: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('the combined form (GET /api/catalog/life-events/{code} → combinedForm): shared fields once'),
  materials: CaseSubmit.shape.materials.describe('the combined material list, by its names: each is given once and reaches every member that needs it'),
  delivery: CaseSubmit.shape.delivery,
  applicant: CaseSubmit.shape.applicant.describe('一窗受理 only: the walk-in applicant whose identity the clerk checked; the clerk files every member'),
  resultDelivery: ResultDelivery.optional(),
});
const bundleNoParam = z.object({ bundleNo: z.string().regex(/^YJS\d{13}$/) });

/** 一件事 applications: submit a bundle (parent + child cases), follow it on one timeline (docs/life-events.md). */
export const bundleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/life-events/:code/applications',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: {
        tags,
        summary:
          '一件事: submit one application for a life event; a child case per member in each department at once, dependants when their prerequisite’s result is issued',
        params: codeParam,
        body: BundleSubmitBody,
        response: { 201: BundleView },
      },
    },
    async (req, reply) => {
      const no = await submitLifeEvent(req.ctx, req.params.code, req.body);
      return reply.status(201).send(await getBundle(req.ctx, no));
    },
  );
  app.get(
    '/api/life-events/applications',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'My 一件事 applications',
        response: {
          200: z.array(
            z.object({ bundleNo: z.string(), lifeEventCode: z.string(), name: z.string(), status: z.string(), submittedOn: z.string(), dueDate: z.string() }),
          ),
        },
      },
    },
    (req) => listMyBundles(req.ctx),
  );
  app.get(
    '/api/life-events/applications/:bundleNo',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'A 一件事 application: its members, their child cases and deadlines, one timeline',
        params: bundleNoParam,
        response: { 200: BundleView },
      },
    },
    (req) => getBundle(req.ctx, req.params.bundleNo),
  );
  app.put(
    '/api/life-events/applications/:bundleNo/delivery',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: '一件事: the applicant asks for (or changes) one delivery of every result, while none is arranged; arranged at once if every result is issued',
        params: bundleNoParam,
        body: ResultDelivery,
        response: { 200: BundleView },
      },
    },
    async (req) => {
      await chooseBundleDelivery(req.ctx, req.params.bundleNo, req.body);
      return getBundle(req.ctx, req.params.bundleNo);
    },
  );
};
