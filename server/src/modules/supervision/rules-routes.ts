import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageSchema } from '../../platform/db/paging.ts';
import { rulePermissions as P } from './rules-policy.ts';
import { HitDecision, HitListQuery, HitView, RuleUpdate, RuleView } from './rules-schemas.ts';
import { decideHit, listHits, listRules, updateRule } from './rules-service.ts';

const tags = ['supervision'];
const codeParam = z.object({ code: z.string().min(1).max(64) });
const idParam = z.object({ id: z.string().uuid() });

/** 电子监察 rules: the rules as data, their hits (supervision records), and the supervisor's verdict on each hit. */
export function ruleRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/supervision/rules',
    {
      config: { permission: P.review },
      schema: { tags, summary: 'The e-supervision rules (enabled, threshold, severity) with the open hits I may see', response: { 200: z.array(RuleView) } },
    },
    (req) => listRules(req.ctx),
  );
  app.patch(
    '/api/supervision/rules/:code',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: "Switch a rule on or off, or change its threshold or severity (the rules' owner region)",
        params: codeParam,
        body: RuleUpdate,
        response: { 200: RuleView },
      },
    },
    (req) => updateRule(req.ctx, req.params.code, req.body),
  );
  app.get(
    '/api/supervision/rule-hits',
    {
      config: { permission: P.review },
      schema: {
        tags,
        summary: 'Hits of the rules (supervision records with their evidence) in my region and department: open and severe first',
        querystring: HitListQuery,
        response: { 200: pageSchema(HitView) },
      },
    },
    (req) => listHits(req.ctx, req.query),
  );
  for (const action of ['confirm', 'dismiss'] as const)
    app.post(
      `/api/supervision/rule-hits/:id/${action}`,
      {
        config: { permission: P.review },
        schema: {
          tags,
          summary:
            action === 'confirm' ? 'Confirm a hit: the practice was irregular (reason required)' : 'Dismiss a hit: it was not irregular (reason required)',
          params: idParam,
          body: HitDecision,
          response: { 200: HitView },
        },
      },
      (req) => decideHit(req.ctx, req.params.id, action, req.body),
    );
}
