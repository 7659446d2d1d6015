import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { cappedPageSchema, pageQuerySchema, pageSchema } from '../../platform/db/paging.ts';
import { hotlinePermissions as P } from './policy.ts';
import * as svc from './service.ts';
import * as admin from './admin.ts';
import { createArticle, searchKnowledge, updateArticle } from './knowledge.ts';
import { open311Routes } from './open311.ts';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto, uploadPublicPhoto } from './photos.ts';
import { rawFileBody, rawFileOnly } from '../../platform/http/openapi-bodies.ts';
import { computeStats, statsWorkbook } from './stats.ts';
import { lookupPublicTicket } from './public-lookup.ts';
import {
  AnswerBody,
  ApiKey,
  ApiKeyCreate,
  ApiKeyCreated,
  CallerIdentity,
  Category,
  CategoryCreate,
  CategoryUpdate,
  KnowledgeAdminQuery,
  KnowledgeUpdate,
  DispatchBody,
  ExtensionBody,
  ExtensionDecision,
  FollowUpBody,
  KnowledgeArticle,
  KnowledgeCreate,
  KnowledgeQuery,
  MergeBody,
  MyTicket,
  NoteBody,
  PublicTextBody,
  PublicLookup,
  PublicLookupAnswer,
  PublicTicketCreate,
  ReasonBody,
  ReferBody,
  ReplyBody,
  ReviewBody,
  Ticket,
  TicketListItem,
  TicketCreate,
  TicketCreated,
  TicketDetail,
  TicketListQuery,
  UrgeBody,
  StatsQuery,
  Stats,
  LimitParams,
  LimitRow,
  LimitUpdate,
  phone,
} from './schemas.ts';

const tags = ['hotline'];
const idParam = z.object({ id: z.string().uuid() });
const base = '/api/workbench/hotline';

/**
 * Anonymous portal requests per client address: generous, since many phones share one carrier
 * address (CGNAT), but a script cannot flood the 12345 queue. Signed-in callers are not counted.
 */
const publicFormLimit = { bucket: 'hotline.public_form', max: 20, windowSeconds: 600, anonymousOnly: true };

/** Looking a request up by number and phone: few tries per address, so phone numbers cannot be walked through. */
const publicLookupLimit = { bucket: 'hotline.public_lookup', max: 10, windowSeconds: 600 };

/** Anonymous photo uploads per client address (besides the daily quota in photos.ts): a form's worth at a time. */
const publicPhotoLimit = { bucket: 'hotline.public_photo', max: 10, windowSeconds: 600, anonymousOnly: true };

// The type is checked by content (photos.ts); the declared media types only let the raw body in.
const photoUploadTypes = ['application/octet-stream', 'image/jpeg', 'image/png'];

export const hotlineRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(open311Routes, { prefix: '/open311' });

  // ----- photos (raw body, type by content) -----
  app.addContentTypeParser(photoUploadTypes, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
  app.post(
    '/api/hotline/photos',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      config: { auth: 'signed-in' },
      // A body that is no file stays a 415 naming the photo types (the body schema would answer 400).
      preValidation: rawFileOnly(PHOTO_TYPES),
      schema: {
        tags,
        summary: 'Upload one photo (raw body; JPEG or PNG checked by content, ≤ 5 MB) for a reply or a request',
        querystring: z.object({ name: z.string().max(200).optional() }),
        consumes: photoUploadTypes,
        body: rawFileBody,
        response: { 201: z.object({ id: z.string(), contentType: z.string(), size: z.number().int() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadPhoto(req.ctx, req.body, req.query.name)),
  );
  app.post(
    '/api/public/hotline/photos',
    {
      bodyLimit: MAX_PHOTO_BYTES,
      config: { rateLimit: publicPhotoLimit },
      preValidation: rawFileOnly(PHOTO_TYPES),
      schema: {
        tags,
        summary:
          'Upload one photo for a portal request without signing in (raw body; JPEG or PNG checked by content, ≤ 5 MB; 30 photos and 60 MB a day per address): answers a key the request names it by',
        querystring: z.object({ name: z.string().max(200).optional() }),
        consumes: photoUploadTypes,
        body: rawFileBody,
        response: {
          201: z.object({
            id: z.string(),
            contentType: z.string(),
            size: z.number().int(),
            key: z.string().optional().describe('for photoKeys of POST /api/public/hotline/tickets (absent when signed in: use photos with the id)'),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await uploadPublicPhoto(req.ctx, req.body, req.query.name)),
  );
  app.get(
    `${base}/tickets/:id/photos/:fileId`,
    {
      config: { permission: P.read },
      schema: { tags, summary: "A photo on the ticket's history", params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }) },
    },
    async (req, reply) => {
      const { file, data } = await svc.photoOf(req.ctx, req.params.id, req.params.fileId);
      return reply.type(file.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(data);
    },
  );

  // ----- intake -----
  app.post(
    `${base}/tickets`,
    {
      config: { permission: P.create, idempotent: true },
      schema: {
        tags,
        summary: 'Record a call (operator form); answers the ticket and duplicate suggestions',
        body: TicketCreate,
        response: { 201: TicketCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createByOperator(req.ctx, req.body)),
  );
  app.get(
    `${base}/callers/:phone/tickets`,
    {
      config: { permission: P.create },
      schema: {
        tags,
        summary: "A caller's earlier tickets (looked up by a keyed digest of the phone)",
        params: z.object({ phone }),
        response: { 200: z.array(Ticket) },
      },
    },
    (req) => svc.callerTickets(req.ctx, req.params.phone),
  );
  app.post(
    '/api/public/hotline/tickets',
    {
      config: { idempotent: true, rateLimit: publicFormLimit },
      schema: {
        tags,
        summary: 'Portal form: signed in, or anonymous with a phone number',
        body: PublicTicketCreate,
        response: {
          201: z.object({
            id: z.string(),
            number: z.string(),
            token: z.string(),
            status: z.string(),
            dueDate: z.string().nullable(),
            duplicates: z.number().int(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createFromPortal(req.ctx, req.body)),
  );
  app.post(
    '/api/public/hotline/lookup',
    {
      config: { rateLimit: publicLookupLimit },
      schema: {
        tags,
        summary: 'Progress of a request without signing in: its number and the phone number left with it (POST keeps the phone out of the address)',
        body: PublicLookup,
        response: { 200: PublicLookupAnswer },
      },
    },
    (req) => lookupPublicTicket(req.ctx, req.body.number, req.body.phone),
  );
  app.get(
    '/api/portal/hotline/tickets',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'My requests (signed-in person)', querystring: pageQuerySchema, response: { 200: pageSchema(MyTicket) } },
    },
    (req) => svc.myTickets(req.ctx, req.query),
  );
  app.get(
    '/api/portal/hotline/tickets/:id/photos/:fileId',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'A photo of my request: one I sent, or one of the answer',
        params: z.object({ id: z.string().uuid(), fileId: z.string().uuid() }),
      },
    },
    async (req, reply) => {
      const { file, data } = await svc.myPhoto(req.ctx, req.params.id, req.params.fileId);
      return reply.type(file.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(data);
    },
  );
  app.post(
    '/api/public/hotline/follow-up/:token',
    {
      schema: {
        tags,
        summary: 'The caller answers the follow-up SMS link',
        params: z.object({ token: z.string().min(10).max(100) }),
        body: FollowUpBody.omit({ via: true }),
        response: { 200: z.object({ number: z.string(), status: z.literal('closed') }) },
      },
    },
    (req) => svc.followUpByToken(req.ctx, req.params.token, req.body),
  );
  app.get(
    '/api/hotline/knowledge',
    {
      schema: {
        tags,
        summary: 'Search the knowledge base (Chinese, or pinyin initials such as zdjy)',
        querystring: KnowledgeQuery,
        response: { 200: pageSchema(KnowledgeArticle) },
      },
    },
    (req) => searchKnowledge(req.ctx, req.query),
  );
  app.get('/api/hotline/categories', { schema: { tags, summary: 'The category tree (flat, with parentId)', response: { 200: z.array(Category) } } }, (req) =>
    admin.listCategories(req.ctx),
  );

  // ----- workbench -----
  app.get(
    `${base}/tickets`,
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary:
          'Tickets held by units in your scope, a list row each (open a ticket for its text, caller, history and actions); the total stops counting at 1,000: totalCapped',
        querystring: TicketListQuery,
        response: { 200: cappedPageSchema(TicketListItem) },
      },
    },
    (req) => svc.listTickets(req.ctx, req.query),
  );
  app.get(
    `${base}/tickets/:id`,
    {
      config: { permission: P.read },
      schema: { tags, summary: 'A ticket with its history and the suggested dispatch target', params: idParam, response: { 200: TicketDetail } },
    },
    (req) => svc.getTicket(req.ctx, req.params.id),
  );
  app.get(
    `${base}/tickets/:id/caller`,
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: "The caller's identity (reports: hotline center only); every reading is audited",
        params: idParam,
        response: { 200: CallerIdentity },
      },
    },
    (req) => svc.revealCaller(req.ctx, req.params.id),
  );
  app.get(
    `${base}/tickets/:id/duplicates`,
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Open tickets of the same category and street within the duplicate window',
        params: idParam,
        response: { 200: TicketCreated.shape.duplicates },
      },
    },
    (req) => svc.duplicatesOf(req.ctx, req.params.id),
  );

  app.post(
    `${base}/tickets/:id/public-text`,
    {
      config: { permission: P.dispatch },
      schema: {
        tags,
        summary: 'Set the text Open311 publishes for a request whose caller agreed (hotline center); null withdraws it',
        params: idParam,
        body: PublicTextBody,
        response: { 200: TicketDetail },
      },
    },
    (req) => svc.setPublicText(req.ctx, req.params.id, req.body.text, req.body.version),
  );

  const action = <B extends z.ZodTypeAny>(
    path: string,
    permission: string,
    summary: string,
    body: B,
    fn: (req: { ctx: import('../../platform/context.ts').Ctx; params: { id: string }; body: z.infer<B> }) => Promise<unknown>,
  ) =>
    app.post(
      `${base}/tickets/:id/${path}`,
      { config: { permission }, schema: { tags, summary, params: idParam, body, response: { 200: TicketDetail } } },
      (req) => fn(req as never) as never,
    );

  action('dispatch', P.dispatch, 'Dispatch down a level (default: the suggested unit)', DispatchBody, (r) => svc.dispatch(r.ctx, r.params.id, r.body));
  action('sign', P.handle, 'Sign (accept) the ticket', NoteBody, (r) => svc.sign(r.ctx, r.params.id));
  action('return', P.handle, 'Return to the dispatching unit with a reason', ReasonBody, (r) =>
    svc.returnTicket(r.ctx, r.params.id, r.body.reason, r.body.version),
  );
  action('extension', P.handle, 'Ask the center for more working days (before the limit)', ExtensionBody, (r) =>
    svc.requestExtension(r.ctx, r.params.id, r.body.days, r.body.reason, r.body.version),
  );
  action('extension/decision', P.review, 'Approve or reject the extension (center)', ExtensionDecision, (r) =>
    svc.decideExtension(r.ctx, r.params.id, r.body.approve, r.body.note, r.body.version),
  );
  action('reply', P.handle, 'Reply with what was done (text and photo file refs)', ReplyBody, (r) =>
    svc.reply(r.ctx, r.params.id, r.body.text, r.body.photos, r.body.version, r.body.finding),
  );
  action('review', P.review, 'Pass the reply, or send it back with a note (center)', ReviewBody, (r) =>
    svc.review(r.ctx, r.params.id, r.body.pass, r.body.note, r.body.version),
  );
  action('answer', P.dispatch, 'Answer directly and close (直接答复)', AnswerBody, (r) =>
    svc.answerDirectly(r.ctx, r.params.id, r.body.text, r.body.knowledgeId),
  );
  action('refer', P.dispatch, 'Not for the hotline: record and refer (litigation, emergencies…)', ReferBody, (r) =>
    svc.refer(r.ctx, r.params.id, r.body.referTo, r.body.reason),
  );
  action('merge', P.dispatch, 'Merge into another ticket of the same category', MergeBody, (r) => svc.merge(r.ctx, r.params.id, r.body.intoId));
  action('urge', P.urge, 'Urge the unit (督办)', UrgeBody, (r) => svc.urge(r.ctx, r.params.id, r.body.note, r.body.respondWithinDays));
  action('follow-up', P.followUp, 'Record the follow-up call (solved, satisfaction 1–5)', FollowUpBody, (r) => svc.followUp(r.ctx, r.params.id, r.body));
  action('reopen', P.followUp, 'Reopen an unsatisfied ticket (once)', ReasonBody, (r) => svc.reopen(r.ctx, r.params.id, r.body.reason));

  // ----- statistics -----
  app.get(
    `${base}/stats`,
    {
      config: { permission: P.stats },
      schema: {
        tags,
        summary: 'Assessment figures by unit, category, region or day; ranking of units; rising categories',
        querystring: StatsQuery,
        response: { 200: Stats },
      },
    },
    (req) => computeStats(req.ctx, req.query),
  );
  app.get(
    `${base}/stats.xlsx`,
    { config: { permission: P.stats }, schema: { tags, summary: 'The same figures as an xlsx workbook', querystring: StatsQuery } },
    async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="hotline-stats-${req.query.from}-${req.query.to}.xlsx"`)
        .send(await statsWorkbook(req.ctx, req.query)),
  );

  // ----- admin -----
  app.post(
    '/api/admin/hotline/categories',
    { config: { permission: P.manage, idempotent: true }, schema: { tags, summary: 'Add a category', body: CategoryCreate, response: { 201: Category } } },
    async (req, reply) => reply.status(201).send(await admin.createCategory(req.ctx, req.body)),
  );
  app.patch(
    '/api/admin/hotline/categories/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Edit a category (default department kind, limit, referral) or deactivate it',
        params: idParam,
        body: CategoryUpdate,
        response: { 200: Category },
      },
    },
    (req) => admin.updateCategory(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/admin/hotline/knowledge',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Knowledge base articles, retired ones too when asked',
        querystring: KnowledgeAdminQuery,
        response: { 200: pageSchema(KnowledgeArticle) },
      },
    },
    (req) => searchKnowledge(req.ctx, req.query),
  );
  app.patch(
    '/api/admin/hotline/knowledge/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Edit or retire (active: false) a knowledge base article',
        params: idParam,
        body: KnowledgeUpdate,
        response: { 200: KnowledgeArticle },
      },
    },
    (req) => updateArticle(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/admin/hotline/knowledge',
    {
      config: { permission: P.manage, idempotent: true },
      schema: { tags, summary: 'Add a knowledge base article', body: KnowledgeCreate, response: { 201: KnowledgeArticle } },
    },
    async (req, reply) => reply.status(201).send(await createArticle(req.ctx, req.body)),
  );
  app.get(
    '/api/admin/hotline/limits',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'The limits table: conclusion limit (working days or hours) and sign limit (working minutes) by kind and urgency',
        response: { 200: z.array(LimitRow) },
      },
    },
    (req) => admin.listLimits(req.ctx),
  );
  app.put(
    '/api/admin/hotline/limits/:kind/:urgency',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Edit one row of the limits table (applies to tickets taken from now on)',
        params: LimitParams,
        body: LimitUpdate,
        response: { 200: LimitRow },
      },
    },
    (req) => admin.updateLimit(req.ctx, req.params, req.body),
  );
  app.get(
    '/api/admin/hotline/api-keys',
    { config: { permission: P.manage }, schema: { tags, summary: 'Open311 API keys owned by a scope the reader covers', response: { 200: z.array(ApiKey) } } },
    (req) => admin.listApiKeys(req.ctx),
  );
  app.post(
    '/api/admin/hotline/api-keys',
    {
      config: { permission: P.manage, idempotent: true },
      schema: {
        tags,
        summary: 'Issue an Open311 API key (shown once), owned by a region (and department) the issuer covers',
        body: ApiKeyCreate,
        response: { 201: ApiKeyCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await admin.issueApiKey(req.ctx, req.body)),
  );
  app.delete(
    '/api/admin/hotline/api-keys/:id',
    { config: { permission: P.manage }, schema: { tags, summary: 'Revoke an Open311 API key', params: idParam, response: { 200: ApiKey } } },
    (req) => admin.revokeApiKey(req.ctx, req.params.id),
  );
};
