import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normalizeIdNumber } from '../../platform/validators.ts';
import { openEnterprise } from './enterprises.ts';
import { authorizeAgent, listAgents, myEnterprises, revokeAgent, switchActingFor } from './agents.ts';

const tags = ['identity'];
const signedIn = { auth: 'signed-in' } as const;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullish();

const Enterprise = z.object({ id: z.string(), name: z.string(), uscc: z.string(), legalRepresentative: z.string() });
const Agent = z.object({
  personId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  itemCodes: z.array(z.string()).nullable().describe('null: every item'),
  authorizedFrom: z.string().nullable(),
  authorizedUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  current: z.boolean().describe('the authorisation holds today'),
});
const AgentGrant = z.object({
  idNumber: z
    .string()
    .trim()
    .max(18)
    .refine((v) => normalizeIdNumber(v) !== undefined, { params: { code: 'id_number' } }),
  name: z.string().trim().min(1).max(50),
  itemCodes: z.array(z.string().trim().min(1).max(60)).max(200).nullish().describe('implementation codes or the item codes they end with; absent: every item'),
  authorizedFrom: day,
  authorizedUntil: day,
});
const entityParam = z.object({ id: z.string().uuid() });

/** Enterprises opened by their legal representative, agents (经办人) and acting for an enterprise (docs/identity.md). */
export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/account/enterprises',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The legal representative (real-name verified) opens the enterprise account (USCC, checked with the market register)',
        body: z.object({ uscc: z.string().trim().max(18), name: z.string().trim().min(1).max(100) }),
        response: { 201: Enterprise },
      },
    },
    async (req, reply) => reply.status(201).send(await openEnterprise(req.ctx, req.body)),
  );
  app.get(
    '/api/account/enterprises',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'The enterprises I may act for today, and the one I act for now',
        response: {
          200: z.object({
            actingFor: z.string().nullable(),
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                uscc: z.string(),
                legalRepresentative: z.boolean(),
                itemCodes: z.array(z.string()).nullable(),
                authorizedUntil: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    (req) => myEnterprises(req.ctx),
  );
  app.post(
    '/api/account/acting-for',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Act for an enterprise (or, with null, as myself) in this session',
        body: z.object({ entityId: z.string().uuid().nullable() }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await switchActingFor(req.ctx, req.body.entityId);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/account/enterprises/:id/agents',
    {
      config: signedIn,
      schema: { tags, summary: "The enterprise's agents (its legal representative only)", params: entityParam, response: { 200: z.array(Agent) } },
    },
    (req) => listAgents(req.ctx, req.params.id),
  );
  app.post(
    '/api/account/enterprises/:id/agents',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Authorise an agent (经办人) for all or listed items between dates',
        params: entityParam,
        body: AgentGrant,
        response: { 200: Agent },
      },
    },
    (req) => authorizeAgent(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/account/enterprises/:id/agents/:personId',
    {
      config: signedIn,
      schema: { tags, summary: "Revoke an agent's authorisation", params: entityParam.extend({ personId: z.string().uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await revokeAgent(req.ctx, req.params.id, req.params.personId);
      return reply.status(204).send(null);
    },
  );
};
