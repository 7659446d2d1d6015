import { z } from 'zod';
import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageQuerySchema, pageSchema } from '../db/paging.ts';
import { AppError } from '../errors.ts';
import { auditEvents, sealAudit, verifyAuditChain } from '../audit/index.ts';
import { NoticeCreate, OverrideCreate, createOverride, deleteOverride, enterNotice, listOverrides } from '../calendar/admin-service.ts';
import { listMessages, markAllRead, markRead, unitRecipients, type Reader } from '../outbox/index.ts';
import { scopesOf, type Actor } from '../auth/actor.ts';
import { holdsCityWide } from '../auth/city-wide.ts';
import { sqlRegionWithin } from '../auth/region-sql.ts';

const AUDIT_READ = 'platform.audit.read';

const tags = ['platform'];

/** The reader of in-site messages: the actor, and for staff their units (`unit:<department id>`). */
const recipientOf = (actor: Actor): Reader => ({
  kind: actor.kind === 'entity' ? 'entity' : actor.kind === 'staff' ? 'staff' : 'person',
  id: actor.subjectId ?? actor.id ?? '',
  units: unitRecipients(actor),
});

/**
 * The audit events a reader may see: those whose scope lies inside one of the reader's
 * platform.audit.read grants (region subtree, and the grant's department if it is bound to one).
 * Events of the whole installation (no scope, or the root "": citizens' and system actions without
 * an object scope, start-up role synchronisation) need a city-wide grant. undefined: no filter.
 */
function auditScopeCondition(actor: Actor): SQL | undefined {
  const { all, scopes } = scopesOf(actor, AUDIT_READ);
  if (all) return undefined;
  const parts = scopes.map((s) =>
    and(
      isNotNull(auditEvents.regionPath),
      sqlRegionWithin(auditEvents.regionPath, s.regionPath),
      s.departmentId ? eq(auditEvents.departmentId, s.departmentId) : undefined,
    )!,
  );
  if (holdsCityWide(actor, AUDIT_READ)) parts.push(or(isNull(auditEvents.regionPath), eq(auditEvents.regionPath, ''))!);
  return parts.length ? or(...parts) : sql`false`;
}

export const platformRoutes: FastifyPluginAsyncZod = async (app) => {
  // ----- calendar -----
  app.get(
    '/api/admin/calendar/status',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Which years are official, entered or estimated; warnings',
        response: {
          200: z.object({
            years: z.array(z.object({ year: z.number(), status: z.enum(['official', 'notice-entered', 'estimated']) })),
            warnings: z.array(z.string()),
          }),
        },
      },
    },
    async (req) => {
      await req.ctx.calendar.refresh();
      const s = req.ctx.calendar.status();
      return { years: s.years, warnings: s.warnings.map((w) => (req.ctx.locale === 'en' ? w.en : w.zh)) };
    },
  );
  const Override = z.object({
    id: z.string(),
    date: z.string(),
    kind: z.enum(['workday', 'holiday']),
    name: z.string(),
    regionPath: z.string(),
    editable: z.boolean().describe('may the reader change it (a grant covering its region; city-wide for "")'),
  });
  app.get(
    '/api/admin/calendar/overrides',
    {
      config: { permission: 'platform.calendar.manage' },
      schema: {
        tags,
        summary: 'Local calendar overrides',
        querystring: pageQuerySchema.extend({
          year: z.coerce.number().int().min(2000).max(2099).optional(),
          kind: z.enum(['workday', 'holiday']).optional(),
          regionPath: z.string().max(200).optional(),
        }),
        response: { 200: pageSchema(Override) },
      },
    },
    (req) => listOverrides(req.ctx, req.query),
  );
  app.post(
    '/api/admin/calendar/overrides',
    {
      config: { permission: 'platform.calendar.manage', idempotent: true },
      schema: { tags, summary: 'Add a local holiday or working day', body: OverrideCreate, response: { 201: Override } },
    },
    async (req, reply) => reply.status(201).send(await createOverride(req.ctx, req.body)),
  );
  app.delete(
    '/api/admin/calendar/overrides/:id',
    {
      config: { permission: 'platform.calendar.manage' },
      schema: { tags, summary: 'Remove an override', params: z.object({ id: z.string().uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      await deleteOverride(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/admin/calendar/notices',
    {
      config: { permission: 'platform.calendar.manage' },
      schema: {
        tags,
        summary: "Enter a year's State Council holiday notice",
        body: NoticeCreate,
        response: { 200: z.object({ year: z.number(), status: z.string() }) },
      },
    },
    (req) => enterNotice(req.ctx, req.body),
  );
  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags,
        summary: 'Working-day information for a date range (max 366 days)',
        querystring: z.object({
          from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
          regionPath: z.string().optional(),
        }),
        response: {
          200: z.array(z.object({ date: z.string(), working: z.boolean(), reason: z.string(), name: z.string().optional(), estimated: z.boolean() })),
        },
      },
    },
    async (req) => {
      await req.ctx.calendar.refresh();
      const out = [];
      const start = Date.parse(`${req.query.from}T00:00:00Z`);
      const end = Date.parse(`${req.query.to}T00:00:00Z`);
      if (!(end >= start) || end - start > 366 * 86_400_000) throw new AppError('request.invalid', { fields: [{ field: 'to', code: 'invalid_value' }] });
      for (let t = start; t <= end; t += 86_400_000) out.push(req.ctx.calendar.dayInfo(new Date(t).toISOString().slice(0, 10), req.query.regionPath));
      return out;
    },
  );

  // ----- audit -----
  const AuditEvent = z.object({
    seq: z.number(),
    occurredAt: z.string(),
    actorKind: z.string(),
    actorName: z.string(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string(),
    summary: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    hash: z.string().nullable().describe('null: not yet sealed into the chain (decision 0006)'),
  });
  app.get(
    '/api/admin/audit',
    {
      config: { permission: 'platform.audit.read' },
      schema: {
        tags,
        summary: 'Audit events, newest first',
        querystring: z.object({
          objectType: z.string().optional(),
          objectId: z.string().optional(),
          before: z.coerce.number().int().optional().describe('seq to page backwards from'),
          pageSize: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: z.object({ items: z.array(AuditEvent) }) },
      },
    },
    async (req) => {
      const conditions: SQL[] = [];
      const inScope = auditScopeCondition(req.ctx.actor);
      if (inScope) conditions.push(inScope);
      if (req.query.objectType) conditions.push(eq(auditEvents.objectType, req.query.objectType));
      if (req.query.objectId) conditions.push(eq(auditEvents.objectId, req.query.objectId));
      if (req.query.before) conditions.push(lt(auditEvents.seq, req.query.before));
      const rows = await req.ctx.database.db
        .select()
        .from(auditEvents)
        .where(and(...conditions))
        .orderBy(desc(auditEvents.seq))
        .limit(req.query.pageSize);
      return { items: rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })) };
    },
  );
  app.post(
    '/api/admin/audit/verify',
    {
      config: { permission: 'platform.audit.read' },
      schema: {
        tags,
        summary: 'Seal what can be sealed, then verify the whole audit chain (needs a city-wide audit grant: the chain spans every region)',
        response: {
          200: z.object({
            ok: z.boolean(),
            events: z.number().describe('sealed events verified'),
            unsealed: z.number().describe('events not yet sealed, so not yet protected (written in the last moments)'),
            brokenAt: z.object({ seq: z.number(), id: z.string().nullable(), reason: z.string() }).optional(),
          }),
        },
      },
    },
    async (req) => {
      if (!holdsCityWide(req.ctx.actor, AUDIT_READ)) throw new AppError('auth.out_of_scope');
      await sealAudit(req.ctx);
      return verifyAuditChain(req.ctx.database.db);
    },
  );

  // ----- my in-site messages -----
  const Message = z.object({
    id: z.string(),
    unit: z
      .string()
      .nullable()
      .describe(
        "staff: the department id of a message addressed to one of the reader's units (read or unread for each staff member); null: addressed to the reader",
      ),
    template: z.string(),
    params: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  });
  app.get(
    '/api/me/messages',
    {
      config: { auth: 'signed-in' },
      schema: {
        tags,
        summary: 'My in-site messages (staff: with those addressed to the departments I belong to or am assigned to), newest first',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(Message).extend({ unread: z.number() }) },
      },
    },
    (req) => listMessages(req.ctx.database.db, recipientOf(req.ctx.actor), req.query),
  );
  app.post(
    '/api/me/messages/:id/read',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Mark a message read (a unit message: for me only)', params: z.object({ id: z.string().uuid() }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      if (!(await markRead(req.ctx.database.db, recipientOf(req.ctx.actor), req.params.id))) throw new AppError('resource.not_found');
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/me/messages/read-all',
    {
      config: { auth: 'signed-in' },
      schema: { tags, summary: 'Mark all my in-site messages read', response: { 200: z.object({ updated: z.number().int() }) } },
    },
    async (req) => ({
      updated: await markAllRead(req.ctx.database.db, recipientOf(req.ctx.actor)),
    }),
  );
};
