import { transact } from '../../platform/context.ts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError, findErrorEntry } from '../../platform/errors.ts';
import { listAllRegions } from '../org/index.ts';
import { sm3 } from '../../platform/crypto/index.ts';
import { activeApiKey, allCategories, categoryByCode } from './reference.ts';
import { apiKeyRepo, ticketRepo, type CategoryRow, type TicketRow } from './repository.ts';
import { intakeIn, intakeReference } from './intake.ts';
import { hidesCaller, retryNumberClash } from './ticket.ts';
import { ticketKinds } from './tables.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): JSON and XML. These routes follow that
 * spec (its error format, not problem+json), so they are left out of our OpenAPI document; see docs/hotline.md.
 */
type Format = 'json' | 'xml';

class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A small XML writer: objects become elements, arrays repeat `itemName`, null becomes an empty element. */
export function toXml(root: string, itemName: string, items: unknown[]): string {
  const el = (name: string, value: unknown): string => {
    if (value === null || value === undefined) return `<${name}/>`;
    if (Array.isArray(value))
      return `<${name}>${value.map((v) => el(name === 'attributes' ? 'attribute' : name === 'values' ? 'value' : 'item', v)).join('')}</${name}>`;
    if (typeof value === 'object')
      return `<${name}>${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => el(k, v))
        .join('')}</${name}>`;
    return `<${name}>${esc(String(value))}</${name}>`;
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((i) => el(itemName, i)).join('')}</${root}>`;
}

function send(reply: FastifyReply, format: Format, root: string, item: string, body: unknown[] | Record<string, unknown>, status = 200) {
  if (format === 'xml') {
    const xml = Array.isArray(body)
      ? toXml(root, item, body)
      : toXml(root, item, [body]).replace(`<${root}><${item}>`, `<${root}>`).replace(`</${item}></${root}>`, `</${root}>`);
    return reply.status(status).type('text/xml; charset=utf-8').send(xml);
  }
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  return send(reply, format, 'errors', 'error', [{ code: status, description }], status);
}

const formatOf = (url: string): Format => (/\.xml(\?|$)/.test(url) ? 'xml' : 'json');

function splitFile(file: string): { name: string; format: Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new Open311Error(404, 'format must be .json or .xml');
  return { name: m[1]!, format: m[2] as Format };
}

async function checkJurisdiction(ctx: Ctx, id: unknown) {
  if (id === undefined || id === '') return;
  const cities = (await listAllRegions(ctx)).filter((r) => r.level === 'city').map((r) => r.code);
  if (!cities.includes(String(id))) throw new Open311Error(404, `jurisdiction_id ${String(id)} not found`);
}

function service(c: CategoryRow, byId: Map<string, CategoryRow>) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.parentId ? `${byId.get(c.parentId)?.name ?? ''} / ${c.name}` : c.name,
    metadata: true,
    type: 'realtime',
    keywords: c.departmentKind ?? '',
    group: c.parentId ? (byId.get(c.parentId)?.name ?? '') : '',
  };
}

async function services(ctx: Ctx) {
  const all = await allCategories(ctx);
  const byId = new Map(all.map((c) => [c.id, c]));
  const parents = new Set(all.map((c) => c.parentId).filter(Boolean));
  return { all, byId, leaves: all.filter((c) => c.active && !parents.has(c.id) && !c.notAccepted) };
}

const closedStatuses = ['concluded', 'closed', 'referred', 'merged'] as const;

/** What a caller may have published: the operator-reviewed text, and only with the caller's consent (never for reports or confidential requests). */
export function publishedText(r: Pick<TicketRow, 'publicConsent' | 'publicText' | 'kind' | 'confidential'>): string | null {
  return r.publicConsent && !hidesCaller(r) && r.publicText ? r.publicText : null;
}

/**
 * A request as the public sees it (docs/hotline.md "What Open311 publishes"): category, status, the
 * unit handling it, dates, the street (its name and centre point, never the exact address or the
 * point the caller gave) and, when the caller agreed, the text an operator reviewed. The caller's own
 * text, the unit's reply, photos and identity stay internal.
 */
async function presentRequests(ctx: Ctx, rows: TicketRow[]) {
  const { byId } = await services(ctx);
  const regions = new Map((await listAllRegions(ctx)).map((r) => [r.code, r]));
  return rows.map((r) => {
    const closed = (closedStatuses as readonly string[]).includes(r.status);
    const cat = r.categoryId ? byId.get(r.categoryId) : undefined;
    const street = r.streetCode ? regions.get(r.streetCode) : undefined;
    const district = r.districtCode ? regions.get(r.districtCode) : undefined;
    const place = street ?? district;
    const text = publishedText(r);
    return {
      service_request_id: r.number,
      status: closed ? 'closed' : 'open',
      status_notes:
        r.status === 'referred'
          ? `不属于热线受理范围，已转${r.referredTo ?? '相关机关'}`
          : r.status === 'merged'
            ? '已与同类诉求合并办理'
            : closed
              ? '已办结答复'
              : null,
      service_name: cat?.name ?? null,
      service_code: cat?.code ?? null,
      description: text,
      agency_responsible: r.unitName,
      service_notice: r.dueDate ? `办理期限 ${r.dueDate}${r.dueEstimated ? '（估算）' : ''}` : null,
      requested_datetime: r.createdAt.toISOString(),
      updated_datetime: r.updatedAt.toISOString(),
      expected_datetime: r.dueAt ? r.dueAt.toISOString() : r.dueDate ? `${r.dueDate}T17:30:00+08:00` : null,
      address: [district?.name, street?.name].filter(Boolean).join('') || null,
      address_id: null,
      zipcode: null,
      lat: place?.lat ? Number(place.lat) : null,
      long: place?.lng ? Number(place.lng) : null,
      media_url: text ? r.mediaUrl : null,
    };
  });
}

const str = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

const PostBody = z.object({
  service_code: z.string().min(1),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().max(200).optional(),
  address_id: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(30).optional(),
  last_name: z.string().max(30).optional(),
  phone: z.string().max(30).optional(),
  description: z.string().min(2).max(4000),
  media_url: z.string().url().max(500).optional(),
});

const yes = (v: unknown) =>
  ['true', '1', 'yes', 'on'].includes(
    String(v ?? '')
      .trim()
      .toLowerCase(),
  );

/**
 * When this process last wrote each key's last use, per database: it is written at most once a
 * minute per key, not by every request.
 */
const keyUseWritten = new WeakMap<object, Map<string, number>>();
function keyUsesOf(database: object): Map<string, number> {
  let uses = keyUseWritten.get(database);
  if (!uses) keyUseWritten.set(database, (uses = new Map()));
  return uses;
}
const KEY_USE_EVERY_MS = 60_000;

/**
 * Files a request: the key and the reference data checked from the caches before the transaction,
 * then the ticket, its audit event and (at most once a minute per key) the key's last use in one transaction.
 */
async function postRequest(ctx: Ctx, body: Record<string, unknown>) {
  const key = str(body.api_key);
  if (!key) throw new Open311Error(403, 'api_key is required');
  await checkJurisdiction(ctx, body.jurisdiction_id);
  const cleaned = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '' && v !== null));
  const parsed = PostBody.safeParse(cleaned);
  const attribute = (name: string) => str(body[`attribute[${name}]`]) ?? str((body.attribute as Record<string, unknown> | undefined)?.[name]);
  const apiKey = await activeApiKey(ctx, sm3(key));
  if (!apiKey) throw new Open311Error(403, 'api_key is not valid');
  if (!parsed.success) throw new Open311Error(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const p = parsed.data;
  if (p.lat === undefined && !p.address_string && !p.address_id)
    throw new Open311Error(400, 'a location is required: lat and long, address_string or address_id');
  const cat = await categoryByCode(ctx, p.service_code);
  if (!cat || !cat.active) throw new Open311Error(404, `service_code ${p.service_code} not found`);
  const kindAttr = attribute('kind');
  const kind = (ticketKinds as readonly string[]).includes(kindAttr ?? '') ? (kindAttr as (typeof ticketKinds)[number]) : 'complaint';
  const phone = p.phone?.replace(/[\s-]/g, '');
  const input = {
    kind,
    urgency: 'normal' as const,
    categoryId: cat.id,
    text: p.description,
    title: null,
    address: p.address_string ?? p.address_id ?? `${p.lat},${p.long}`,
    lng: p.long ?? null,
    lat: p.lat ?? null,
    callerPhone: phone && /^(1\d{10}|0\d{9,11})$/.test(phone) ? phone : null,
    callerName: [p.last_name, p.first_name].filter(Boolean).join('') || null,
    confidential: false,
    // Not public unless the app says the caller agreed (attribute[public]=true).
    publicConsent: yes(attribute('public')),
    mediaUrl: p.media_url ?? null,
  };
  await ctx.calendar.refresh();
  const ref = await intakeReference(ctx, input);
  return retryNumberClash(() =>
    transact(ctx, async (t) => {
      const row = await intakeIn(t, 'open311', input, ref, { apiKeyId: apiKey.id, apiKeyPrefix: apiKey.prefix });
      const now = Date.now();
      const uses = keyUsesOf(ctx.database);
      if (now - (uses.get(apiKey.id) ?? 0) >= KEY_USE_EVERY_MS) {
        await apiKeyRepo.touch(t.tx, apiKey.id, new Date(now));
        t.afterCommit(() => {
          uses.set(apiKey.id, now);
        });
      }
      return [
        {
          service_request_id: row.number,
          token: row.token,
          service_notice: row.status === 'referred' ? `不属于热线受理范围，已转 ${row.referredTo}` : row.dueDate ? `办理期限 ${row.dueDate}` : '',
          account_id: null,
        },
      ];
    }),
  );
}

async function getRequests(ctx: Ctx, q: Record<string, unknown>) {
  await checkJurisdiction(ctx, q.jurisdiction_id);
  const ids = str(q.service_request_id);
  if (ids) {
    const numbers = ids
      .split(',')
      .map((s) => s.trim())
      .slice(0, 100);
    return presentRequests(ctx, await ticketRepo.open311Search(ctx.database.db, { numbers }));
  }
  const from = str(q.start_date) ? new Date(String(q.start_date)) : new Date(Date.now() - 90 * 86400_000);
  const to = str(q.end_date) ? new Date(String(q.end_date)) : new Date();
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new Open311Error(400, 'start_date and end_date must be w3c date-times');
  const codes = str(q.service_code);
  const categoryIds = codes ? (await allCategories(ctx)).filter((c) => codes.split(',').includes(c.code)).map((c) => c.id) : undefined;
  const status = str(q.status);
  let statuses: TicketRow['status'][] | undefined;
  if (status) {
    const wanted = status.split(',');
    statuses = [
      ...(wanted.includes('closed') ? closedStatuses : []),
      ...(wanted.includes('open') ? (['new', 'dispatched', 'returned', 'signed', 'extension_requested', 'replied'] as const) : []),
    ];
    if (!statuses.length) throw new Open311Error(400, 'status must be open or closed');
  }
  return presentRequests(ctx, await ticketRepo.open311Search(ctx.database.db, { from, to, categoryIds, statuses }));
}

export const open311Routes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((err, request, reply) => {
    const format = formatOf(request.url);
    if (err instanceof Open311Error) return sendErrors(reply, format, err.status, err.description);
    if (err instanceof AppError) {
      const detail = err.fields.length ? err.fields.map((f) => `${f.field}: ${f.code}`).join('; ') : (err.detail ?? findErrorEntry(err.code)?.en ?? err.code);
      return sendErrors(reply, format, err.status, detail);
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return sendErrors(reply, format, status, (err as Error).message);
    request.log.error({ err }, 'open311 request failed');
    return sendErrors(reply, format, 500, 'internal error');
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOf(request.url), 404, `${request.method} ${request.url.split('?')[0]} not found`));

  const tags = ['open311'];
  const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

  for (const format of ['json', 'xml'] as const) {
    app.get(`/v2/services.${format}`, { schema: { hide: true, tags, summary: `GeoReport v2 service list (${format})` } }, async (req, reply) => {
      await checkJurisdiction(req.ctx, query(req).jurisdiction_id);
      const { leaves, byId } = await services(req.ctx);
      return send(
        reply,
        format,
        'services',
        'service',
        leaves.map((c) => service(c, byId)),
      );
    });
    app.post(
      `/v2/requests.${format}`,
      { schema: { hide: true, tags, summary: `GeoReport v2: file a service request (${format}; api_key required; form-encoded or JSON)` } },
      async (req, reply) => {
        const body = { ...query(req), ...((req.body ?? {}) as Record<string, unknown>) };
        return send(reply, format, 'service_requests', 'request', await postRequest(req.ctx, body), 201);
      },
    );
    app.get(`/v2/requests.${format}`, { schema: { hide: true, tags, summary: `GeoReport v2: service requests (${format})` } }, async (req, reply) =>
      send(reply, format, 'service_requests', 'request', await getRequests(req.ctx, query(req))),
    );
  }
  app.get('/v2/services/:file', { schema: { hide: true, tags, summary: 'GeoReport v2 service definition ({code}.json|xml)' } }, async (req, reply) => {
    const { name, format } = splitFile((req.params as { file: string }).file);
    await checkJurisdiction(req.ctx, query(req).jurisdiction_id);
    const { leaves } = await services(req.ctx);
    const c = leaves.find((x) => x.code === name);
    if (!c) throw new Open311Error(404, `service_code ${name} not found`);
    const attributes = [
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '诉求类型，默认投诉',
        order: 1,
        description: '诉求类型',
        values: [
          { key: 'inquiry', name: '咨询' },
          { key: 'help', name: '求助' },
          { key: 'complaint', name: '投诉' },
          { key: 'report', name: '举报' },
          { key: 'suggestion', name: '建议' },
          { key: 'praise', name: '表扬' },
        ],
      },
      {
        variable: true,
        code: 'public',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '来电人是否同意公开诉求：true 同意（经话务员审核的内容才会公开），默认不公开',
        order: 2,
        description: '同意公开',
        values: [
          { key: 'false', name: '不公开' },
          { key: 'true', name: '同意公开（审核后）' },
        ],
      },
    ];
    return send(reply, format, 'service_definition', 'service_definition', { service_code: c.code, attributes });
  });
  app.get('/v2/requests/:file', { schema: { hide: true, tags, summary: 'GeoReport v2: one service request ({id}.json|xml)' } }, async (req, reply) => {
    const { name, format } = splitFile((req.params as { file: string }).file);
    await checkJurisdiction(req.ctx, query(req).jurisdiction_id);
    const row = await ticketRepo.findByNumber(req.ctx.database.db, name);
    if (!row) throw new Open311Error(404, `service_request_id ${name} not found`);
    return send(reply, format, 'service_requests', 'request', await presentRequests(req.ctx, [row]));
  });
  app.get(
    '/v2/tokens/:file',
    { schema: { hide: true, tags, summary: 'GeoReport v2: service request id from a token ({token}.json|xml)' } },
    async (req, reply) => {
      const { name, format } = splitFile((req.params as { file: string }).file);
      await checkJurisdiction(req.ctx, query(req).jurisdiction_id);
      const row = await ticketRepo.findByToken(req.ctx.database.db, name);
      if (!row) throw new Open311Error(404, `token ${name} not found`);
      return send(reply, format, 'service_requests', 'request', [{ service_request_id: row.number, token: row.token }]);
    },
  );
};
