import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { CertificateAnswer, CertificateQuery, exchangeCertificates } from './certificates.ts';
import { Consent, ConsentSet, myConsents, setConsent } from './consents.ts';
import { exchangeQuery } from './exchange.ts';
import { addProofRoutes } from './proofs-routes.ts';
import { dataPermissions as P } from './policy.ts';
import {
  createResource,
  getResource,
  listResources,
  publishResource,
  rejectResource,
  resourceVersions,
  submitResource,
  updateResource,
  withdrawResource,
} from './resources-service.ts';
import {
  DataUsage,
  ExchangeAnswer,
  ExchangeQuery,
  Resource,
  ResourceCreate,
  ResourceListQuery,
  ResourceUpdate,
  ResourceVersion,
  ReviewBody,
  ShareCreate,
  ShareDecision,
  ShareListQuery,
  ShareRequest,
} from './schemas.ts';
import { decideShare, getShare, listShares, requestShare } from './sharing-service.ts';
import { myDataUsage } from './usage.ts';

const tags = ['data'];
const idParam = z.object({ id: z.string().uuid() });

export const dataRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- 政务信息资源目录 -----
  app.get(
    '/api/data/resources',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'The data resource catalog: published entries, and the drafts of your departments (declaring) or region (data office)',
        querystring: ResourceListQuery,
        response: { 200: pageSchema(Resource) },
      },
    },
    (req) => listResources(req.ctx, req.query),
  );
  app.post(
    '/api/data/resources',
    {
      config: { permission: P.declare, idempotent: true },
      schema: { tags, summary: 'Declare a data resource (a draft)', body: ResourceCreate, response: { 201: Resource } },
    },
    async (req, reply) => reply.status(201).send(await createResource(req.ctx, req.body)),
  );
  app.get(
    '/api/data/resources/:id',
    { config: { auth: 'staff' }, schema: { tags, summary: 'One data resource (working copy)', params: idParam, response: { 200: Resource } } },
    (req) => getResource(req.ctx, req.params.id),
  );
  app.get(
    '/api/data/resources/:id/versions',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'The published versions of a resource, newest first', params: idParam, response: { 200: z.array(ResourceVersion) } },
    },
    (req) => resourceVersions(req.ctx, req.params.id),
  );
  app.patch(
    '/api/data/resources/:id',
    {
      config: { permission: P.declare },
      schema: {
        tags,
        summary: 'Edit a resource (a published one becomes the draft of its next version)',
        params: idParam,
        body: ResourceUpdate,
        response: { 200: Resource },
      },
    },
    (req) => updateResource(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/data/resources/:id/submit',
    { config: { permission: P.declare }, schema: { tags, summary: 'Submit a draft to the data office', params: idParam, response: { 200: Resource } } },
    (req) => submitResource(req.ctx, req.params.id),
  );
  app.post(
    '/api/data/resources/:id/publish',
    {
      config: { permission: P.publish },
      schema: { tags, summary: 'Publish a submitted resource (a new version)', params: idParam, body: ReviewBody, response: { 200: Resource } },
    },
    (req) => publishResource(req.ctx, req.params.id, req.body.note),
  );
  app.post(
    '/api/data/resources/:id/reject',
    {
      config: { permission: P.publish },
      schema: { tags, summary: 'Send a submitted resource back to its department', params: idParam, body: ReviewBody, response: { 200: Resource } },
    },
    (req) => rejectResource(req.ctx, req.params.id, req.body.note),
  );
  app.post(
    '/api/data/resources/:id/withdraw',
    { config: { auth: 'staff' }, schema: { tags, summary: 'Withdraw a resource (no longer shared)', params: idParam, response: { 200: Resource } } },
    (req) => withdrawResource(req.ctx, req.params.id),
  );

  // ----- sharing between departments -----
  app.get(
    '/api/data/share-requests',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Share requests your departments made or must decide',
        querystring: ShareListQuery,
        response: { 200: pageSchema(ShareRequest) },
      },
    },
    (req) => listShares(req.ctx, req.query),
  );
  app.post(
    '/api/data/share-requests',
    {
      config: { permission: P.request, idempotent: true },
      schema: { tags, summary: 'Request a conditional resource (purpose, legal basis, fields)', body: ShareCreate, response: { 201: ShareRequest } },
    },
    async (req, reply) => reply.status(201).send(await requestShare(req.ctx, req.body)),
  );
  app.get(
    '/api/data/share-requests/:id',
    { config: { auth: 'staff' }, schema: { tags, summary: 'One share request', params: idParam, response: { 200: ShareRequest } } },
    (req) => getShare(req.ctx, req.params.id),
  );
  app.post(
    '/api/data/share-requests/:id/decision',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'The owner approves (fields, expiry), rejects or revokes; the requester withdraws',
        params: idParam,
        body: ShareDecision,
        response: { 200: ShareRequest },
      },
    },
    (req) => decideShare(req.ctx, req.params.id, req.body),
  );

  // ----- the sharing API (department systems, client credentials) -----
  app.post(
    '/api/data/exchange/query',
    {
      config: { permission: P.query },
      schema: {
        tags,
        summary: 'Read shared data about a person or an entity (scope api:data.exchange; within the approval; every call audited)',
        body: ExchangeQuery,
        response: { 200: ExchangeAnswer },
      },
    },
    (req) => exchangeQuery(req.ctx, req.body),
  );
  app.post(
    '/api/data/exchange/certificates',
    {
      config: { permission: P.query },
      schema: {
        tags,
        summary:
          "Look up a holder's electronic certificates of one type (scope api:data.exchange; within the approval; the holder's consent where the type needs it; audited)",
        body: CertificateQuery,
        response: { 200: CertificateAnswer },
      },
    },
    (req) => exchangeCertificates(req.ctx, req.body),
  );

  // ----- 数据使用记录 -----
  app.get(
    '/api/data/my-usage',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Which department read which of my data, when and why', querystring: pageQuerySchema, response: { 200: pageSchema(DataUsage) } },
    },
    (req) => myDataUsage(req.ctx, req.query),
  );
  app.get(
    '/api/data/my-consents',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'The certificate types that need my consent to be shared, and whether I gave it', response: { 200: z.array(Consent) } },
    },
    (req) => myConsents(req.ctx),
  );
  app.post(
    '/api/data/my-consents',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'Grant or revoke my consent to sharing one type of my certificates (audited)',
        body: ConsentSet,
        response: { 200: z.array(Consent) },
      },
    },
    (req) => setConsent(req.ctx, req.body),
  );

  // ----- 证明事项清单 -----
  addProofRoutes(app);
};
