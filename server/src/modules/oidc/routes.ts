import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageSchema } from '../../platform/db/paging.ts';
import { assertCan } from '../../platform/auth/index.ts';
import * as clients from './clients-service.ts';
import { interaction } from './interaction.ts';
import { rotateKeys } from './keys.ts';
import { oidcPermissions as P } from './policy.ts';
import { OIDC_PREFIX, providerFor } from './provider.ts';
import { OidcClient, OidcClientCreate, OidcClientListQuery, OidcClientUpdate, OidcClientWithSecret, OidcScope } from './schemas.ts';

const tags = ['oidc'];
const clientParam = z.object({ clientId: z.string().max(100) });

/** Hands the request to oidc-provider (Koa): it reads the body and writes the answer itself. */
async function toProvider(request: FastifyRequest, reply: FastifyReply) {
  const { callback } = await providerFor(request.ctx);
  // The headers every answer carries (security headers, request id), which a hijacked reply would lose.
  // Not the CSP: the provider's self-submitting forms (form_post, ending a switched account's session) run an inline script.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (name !== 'content-security-policy' && value !== undefined) reply.raw.setHeader(name, value as string | string[]);
  }
  reply.hijack();
  await callback(request.raw, reply.raw);
}

export const oidcRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- the provider: discovery and the endpoints it names (docs/oidc.md) -----
  await app.register(async (provider) => {
    // oidc-provider parses its own form and JSON bodies: leave the stream unread.
    provider.removeAllContentTypeParsers();
    provider.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const hide = { schema: { hide: true }, config: { session: false as const } };
    provider.get('/.well-known/openid-configuration', hide, toProvider);
    provider.get(`${OIDC_PREFIX}/interaction/:uid`, hide, interaction);
    provider.route({ method: ['GET', 'POST', 'OPTIONS'], url: `${OIDC_PREFIX}/*`, ...hide, handler: toProvider });
  });

  // ----- the IT office's registrations -----
  app.get(
    '/api/admin/oidc-clients',
    {
      config: { permission: P.manageClients },
      schema: { tags, summary: 'Department systems (OIDC clients) in your scope', querystring: OidcClientListQuery, response: { 200: pageSchema(OidcClient) } },
    },
    (req) => clients.listClients(req.ctx, req.query),
  );
  app.get(
    '/api/admin/oidc-scopes',
    { config: { permission: P.manageClients }, schema: { tags, summary: 'The scopes a client may be given', response: { 200: z.array(OidcScope) } } },
    async () => clients.listScopes(),
  );
  app.get(
    '/api/admin/oidc-clients/:clientId',
    { config: { permission: P.manageClients }, schema: { tags, summary: 'A department system', params: clientParam, response: { 200: OidcClient } } },
    (req) => clients.getClient(req.ctx, req.params.clientId),
  );
  app.post(
    '/api/admin/oidc-clients',
    {
      config: { permission: P.manageClients, idempotent: true },
      schema: {
        tags,
        summary: 'Register a department system; the answer holds its secret, shown only this once',
        body: OidcClientCreate,
        response: { 201: OidcClientWithSecret },
      },
    },
    async (req, reply) => reply.status(201).send(await clients.createClient(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/oidc-clients/:clientId',
    {
      config: { permission: P.manageClients },
      schema: { tags, summary: 'Change or disable a department system', params: clientParam, body: OidcClientUpdate, response: { 200: OidcClient } },
    },
    (req) => clients.updateClient(req.ctx, req.params.clientId, req.body),
  );
  app.post(
    '/api/admin/oidc-clients/:clientId/disable',
    {
      config: { permission: P.manageClients },
      schema: { tags, summary: 'Disable a department system: its tokens stop working at once', params: clientParam, response: { 200: OidcClient } },
    },
    (req) => clients.updateClient(req.ctx, req.params.clientId, { active: false }),
  );
  app.post(
    '/api/admin/oidc-clients/:clientId/secret',
    {
      config: { permission: P.manageClients },
      schema: {
        tags,
        summary: 'Issue a new secret (the old one stops working); shown only this once',
        params: clientParam,
        response: { 200: OidcClientWithSecret },
      },
    },
    (req) => clients.rotateClientSecret(req.ctx, req.params.clientId),
  );
  app.post(
    '/api/admin/oidc-keys/rotate',
    {
      config: { permission: P.rotateKeys },
      schema: {
        tags,
        summary: 'Rotate the signing key; the old key verifies for a while longer',
        response: { 200: z.object({ kid: z.string(), retired: z.array(z.string()) }) },
      },
    },
    async (req) => {
      assertCan(req.ctx.actor, P.rotateKeys, { regionPath: '', departmentId: null });
      return rotateKeys(req.ctx);
    },
  );
};
