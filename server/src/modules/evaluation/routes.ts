import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { caseEvaluation, evaluateCase } from './evaluate.ts';
import { evaluationPermissions as P } from './policy.ts';
import { publicBadReviews, publicSummary } from './public.ts';
import { getRectification, listRectifications, listSettings, myStaffEvaluations, putSetting } from './read.ts';
import { createVisitEvaluation, evaluateByToken, tokenView } from './tokens.ts';
import { appealReview, decideAppeal, rateRectification, recordFollowUp, submitRectification } from './rectify.ts';
import {
  AppealBody,
  CaseEvaluation,
  DecisionBody,
  Evaluation,
  EvaluationCreate,
  FollowUpBody,
  PublicBadReview,
  Rectification,
  RectificationListItem,
  RectificationListQuery,
  RectificationRating,
  Setting,
  SettingPut,
  StaffEvaluation,
  SubmitBody,
  Summary,
  TokenEvaluationCreate,
  TokenParam,
  TokenView,
} from './schemas.ts';

const tags = ['evaluation'];
const caseNoParam = z.object({ caseNo: z.string().max(60) });
const idParam = z.object({ id: z.string().uuid() });
const wb = '/api/workbench/rectifications';
const VisitEvaluation = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  token: z.string().describe('shown once; the citizen opens url (QR code) or types the token on the counter tablet'),
  url: z.string(),
  qrSvg: z.string().describe('the url as a QR code (SVG) for the citizen to scan at the counter'),
  expiresAt: z.string(),
  window: z.object({ id: z.string(), label: z.string() }).describe('the window of the visit, recorded on the evaluation'),
});
const VisitEvaluationCreate = z
  .object({
    windowId: z.uuid().optional().describe("the counter's service window (org's windows); default: the window the case was filed at; 400 when neither"),
  })
  .nullish()
  .describe('optional: without a body, the window the case was filed at');
const RectificationDetail = RectificationListItem.extend({
  evaluation: RectificationListItem.shape.evaluation.extend({ dimensions: z.record(z.string(), z.number().int()) }),
});

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- the applicant (portal) -----
  app.get(
    '/api/cases/:caseNo/evaluation',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: "The case's evaluation (好差评) and whether you may evaluate it now", params: caseNoParam, response: { 200: CaseEvaluation } },
    },
    (req) => caseEvaluation(req.ctx, req.params.caseNo),
  );
  app.post(
    '/api/cases/:caseNo/evaluation',
    {
      config: { auth: 'signed-in', idempotent: true },
      schema: {
        tags,
        summary: 'Evaluate a concluded case (the applicant, once; a bad review opens a rectification)',
        params: caseNoParam,
        body: EvaluationCreate,
        response: { 201: Evaluation },
      },
    },
    async (req, reply) => reply.status(201).send(await evaluateCase(req.ctx, req.params.caseNo, req.body)),
  );
  app.post(
    '/api/cases/:caseNo/evaluation/rectification-rating',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'The reviewer rates the submitted rectification',
        params: caseNoParam,
        body: RectificationRating,
        response: { 200: Rectification },
      },
    },
    (req) => rateRectification(req.ctx, req.params.caseNo, req.body),
  );

  // ----- workbench: the unit and the supervising office -----
  app.get(
    wb,
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Rectifications of your departments, or appeals to decide',
        querystring: RectificationListQuery,
        response: { 200: pageSchema(RectificationListItem) },
      },
    },
    (req) => listRectifications(req.ctx, req.query),
  );
  app.get(
    `${wb}/:id`,
    { config: { auth: 'staff' }, schema: { tags, summary: 'A rectification with its bad review', params: idParam, response: { 200: RectificationDetail } } },
    (req) => getRectification(req.ctx, req.params.id),
  );
  app.post(
    `${wb}/:id/follow-up`,
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Record the follow-up call (回访)', params: idParam, body: FollowUpBody, response: { 200: Rectification } },
    },
    (req) => recordFollowUp(req.ctx, req.params.id, req.body),
  );
  app.post(
    `${wb}/:id/submit`,
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Submit the rectification', params: idParam, body: SubmitBody, response: { 200: Rectification } },
    },
    (req) => submitRectification(req.ctx, req.params.id, req.body),
  );
  app.post(
    `${wb}/:id/appeal`,
    {
      config: { permission: P.handle },
      schema: { tags, summary: 'Appeal a mistaken or malicious review', params: idParam, body: AppealBody, response: { 200: Rectification } },
    },
    (req) => appealReview(req.ctx, req.params.id, req.body),
  );
  app.post(
    `${wb}/:id/appeal-decision`,
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'Decide an appeal with reasons (the supervising office)',
        params: idParam,
        body: DecisionBody,
        response: { 200: Rectification },
      },
    },
    (req) => decideAppeal(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/workbench/evaluations/mine',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Evaluations of the cases you handled', querystring: pageQuerySchema, response: { 200: pageSchema(StaffEvaluation) } },
    },
    (req) => myStaffEvaluations(req.ctx, req.query),
  );
  app.get(
    '/api/admin/evaluation/settings',
    { config: { permission: P.settings }, schema: { tags, summary: 'Rectification limits by region', response: { 200: z.array(Setting) } } },
    (req) => listSettings(req.ctx),
  );
  app.put(
    '/api/admin/evaluation/settings',
    {
      config: { permission: P.settings },
      schema: {
        tags,
        summary: "Set a region's rectification limit in working days",
        body: SettingPut.extend({
          regionPath: z
            .string()
            .regex(/^(\d{6}(\/\d{6,12})*)?$/)
            .describe('region path, e.g. 990000/990100; "" for everywhere'),
        }),
        response: { 200: Setting },
      },
    },
    (req) => putSetting(req.ctx, req.body.regionPath, req.body.rectificationDays),
  );

  app.post(
    '/api/workbench/cases/:caseNo/visit-evaluation',
    {
      config: { permission: P.visit },
      schema: {
        tags,
        summary: 'Open an on-site evaluation of this window visit: a one-time code for the citizen (the clerk cannot submit it)',
        params: caseNoParam,
        body: VisitEvaluationCreate,
        response: { 201: VisitEvaluation },
      },
    },
    async (req, reply) => reply.status(201).send(await createVisitEvaluation(req.ctx, req.params.caseNo, req.body ?? {})),
  );

  // ----- one-time links: no sign-in; a staff session is refused -----
  app.get(
    '/api/public/evaluation/:token',
    {
      schema: { tags, summary: 'What a one-time evaluation link rates (404 when unknown, used or expired)', params: TokenParam, response: { 200: TokenView } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return tokenView(req.ctx, req.params.token);
    },
  );
  app.post(
    '/api/public/evaluation/:token',
    {
      schema: {
        tags,
        summary: 'Rate by a one-time link (SMS after conclusion, or a window visit code); spends the token',
        params: TokenParam,
        body: TokenEvaluationCreate,
        response: { 201: Evaluation },
      },
    },
    async (req, reply) => reply.status(201).send(await evaluateByToken(req.ctx, req.params.token, req.body)),
  );

  // ----- public (no personal data) -----
  app.get(
    '/api/public/evaluation/summary',
    { schema: { tags, summary: 'Satisfaction by department and item (好差评)', response: { 200: Summary } } },
    async (req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return publicSummary(req.ctx);
    },
  );
  app.get(
    '/api/public/evaluation/bad-reviews',
    {
      schema: {
        tags,
        summary: 'Bad reviews and their rectification, personal data removed',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(PublicBadReview) },
      },
    },
    (req) => publicBadReviews(req.ctx, req.query),
  );
};
