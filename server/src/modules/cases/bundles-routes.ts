import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseSubmit } from './schemas.ts';
import { submitLifeEvent } from './bundles.ts';
import { BundleView, getBundle, listMyBundles } from './bundles-read.ts';

const tags = ['cases'];
const codeParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,49}$/)
    .describe('the life event (GET /api/catalog/life-events)'),
});
const BundleSubmitBody = z.object({
  formData: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('the combined form (GET /api/catalog/life-events/{code} → combinedForm): shared fields once'),
  materials: CaseSubmit.shape.materials.describe('the combined material list, by its names: each is given once and reaches every member that needs it'),
  delivery: CaseSubmit.shape.delivery,
  applicant: CaseSubmit.shape.applicant.describe('一窗受理 only: the walk-in applicant whose identity the clerk checked; the clerk files every member'),
});

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
        params: z.object({ bundleNo: z.string().regex(/^YJS\d{13}$/) }),
        response: { 200: BundleView },
      },
    },
    (req) => getBundle(req.ctx, req.params.bundleNo),
  );
};
