import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { casePermissions } from '../cases/index.ts';
import { hotlinePermissions } from '../hotline/index.ts';
import { evaluationPermissions } from '../evaluation/index.ts';
import { supervisionPermissions as P } from './policy.ts';
import {
  LightCasesQuery,
  LightCase,
  LightCount,
  LightRectification,
  LightTicket,
  RectificationLightCount,
  RectificationLightsQuery,
  RectificationUrgeCreate,
  TicketLightCount,
  TicketLightsQuery,
  UrgeAnswer,
  UrgeCreate,
  UrgeListQuery,
  UrgeView,
} from './schemas.ts';
import { lightCases, lightCounts, lightRectifications, rectificationLightCounts, ticketLightCounts, ticketsByLight } from './lights.ts';
import { issueRectificationUrge } from './issue-rectification-urge.ts';
import { issueUrge } from './issue-urge.ts';
import { answerUrge } from './answer-urge.ts';
import { getUrge, listUrges } from './urge-lists.ts';
import { dashboard } from './dashboard.ts';
import { dashboardWorkbook } from './dashboard-export.ts';
import { monthlyReportRoutes } from './monthly-report-routes.ts';
import { DashboardQuery, DashboardView } from './dashboard-schemas.ts';
import { ruleRoutes } from './rules-routes.ts';
import { dashboardRefreshRoutes } from './dashboard-refresh-route.ts';

const tags = ['supervision'];
const idParam = z.object({ id: z.string().uuid() });

export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  monthlyReportRoutes(app);
  ruleRoutes(app);
  dashboardRefreshRoutes(app);
  app.get(
    '/api/supervision/lights',
    {
      config: { permission: casePermissions.read },
      schema: {
        tags,
        summary: 'E-supervision: open cases I may read, per department by light as of today (reddest first)',
        response: { 200: z.array(LightCount) },
      },
    },
    (req) => lightCounts(req.ctx),
  );
  app.get(
    '/api/supervision/lights/cases',
    {
      config: { permission: casePermissions.read },
      schema: {
        tags,
        summary: 'The cases behind one bar (department × light), most overdue first; the total equals the bar',
        querystring: LightCasesQuery,
        response: { 200: pageSchema(LightCase) },
      },
    },
    (req) => lightCases(req.ctx, req.query),
  );
  app.get(
    '/api/supervision/ticket-lights',
    {
      config: { permission: hotlinePermissions.read },
      schema: {
        tags,
        summary: 'E-supervision: open hotline tickets I may read, per holding unit by light (reddest first)',
        response: { 200: z.array(TicketLightCount) },
      },
    },
    (req) => ticketLightCounts(req.ctx),
  );
  app.get(
    '/api/supervision/ticket-lights/tickets',
    {
      config: { permission: hotlinePermissions.read },
      schema: {
        tags,
        summary: 'The tickets behind one bar (unit × light), most overdue first; the total equals the bar',
        querystring: TicketLightsQuery,
        response: { 200: pageSchema(LightTicket) },
      },
    },
    (req) => ticketsByLight(req.ctx, req.query),
  );
  app.get(
    '/api/supervision/rectification-lights',
    {
      config: { permission: evaluationPermissions.read },
      schema: {
        tags,
        summary: 'E-supervision: rectifications of bad reviews still owed (open or appealed), per department by light (reddest first)',
        response: { 200: z.array(RectificationLightCount) },
      },
    },
    (req) => rectificationLightCounts(req.ctx),
  );
  app.get(
    '/api/supervision/rectification-lights/rectifications',
    {
      config: { permission: evaluationPermissions.read },
      schema: {
        tags,
        summary: 'The rectifications behind one bar (department × light), most overdue first, each with its waiting urge',
        querystring: RectificationLightsQuery,
        response: { 200: pageSchema(LightRectification) },
      },
    },
    (req) => lightRectifications(req.ctx, req.query),
  );
  app.post(
    '/api/supervision/rectification-urges',
    {
      config: { permission: P.urge, idempotent: true },
      schema: {
        tags,
        summary: '督办: urge the unit owing a yellow or red rectification of a bad review to answer within working days',
        body: RectificationUrgeCreate,
        response: { 201: UrgeView },
      },
    },
    async (req, reply) => reply.status(201).send(await issueRectificationUrge(req.ctx, req.body)),
  );
  app.post(
    '/api/supervision/urges',
    {
      config: { permission: P.urge, idempotent: true },
      schema: {
        tags,
        summary: '督办: urge the unit responsible for a yellow or red case to answer within working days',
        body: UrgeCreate,
        response: { 201: UrgeView },
      },
    },
    async (req, reply) => reply.status(201).send(await issueUrge(req.ctx, req.body)),
  );
  app.get(
    '/api/supervision/urges',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Urges I may see (issued in my scope, to my unit, escalated to my department); waiting ones first',
        querystring: UrgeListQuery,
        response: { 200: pageSchema(UrgeView) },
      },
    },
    (req) => listUrges(req.ctx, req.query),
  );
  app.get(
    '/api/supervision/urges/:id',
    { config: { auth: 'staff' }, schema: { tags, summary: 'One urge', params: idParam, response: { 200: UrgeView } } },
    (req) => getUrge(req.ctx, req.params.id),
  );
  app.post(
    '/api/supervision/urges/:id/answer',
    {
      config: { permission: P.answer },
      schema: { tags, summary: 'The urged unit answers (late after its limit or escalation)', params: idParam, body: UrgeAnswer, response: { 200: UrgeView } },
    },
    (req) => answerUrge(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/workbench/dashboard',
    {
      config: { permission: P.dashboard },
      schema: {
        tags,
        summary:
          "领导驾驶舱: cases received and decided, online share, on-time rate, working days against the limits, per department, item or region and as a trend (the caller's scope)",
        querystring: DashboardQuery,
        response: { 200: DashboardView },
      },
    },
    (req) => dashboard(req.ctx, req.query),
  );
  app.get(
    '/api/workbench/dashboard.xlsx',
    {
      config: { permission: P.dashboard },
      schema: { tags, summary: "The leaders' figures as an xlsx workbook (the table and the trend)", querystring: DashboardQuery },
    },
    async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="dashboard-${req.query.from}-${req.query.to}.xlsx"`)
        .send(await dashboardWorkbook(req.ctx, req.query)),
  );
};
