import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, QueryOf } from '../../api/types';
import { apiUrl, compact, idempotent } from '../../lib/api-call';
import type { paths } from '../../api/schema';

/**
 * The hotline's calls: the typed client (web/src/api/client.ts), typed from the generated `paths` (the server's
 * OpenAPI document) below.
 */
export const ticketKinds = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export const ticketUrgencies = ['normal', 'urgent', 'very_urgent'] as const;
export const ticketStatuses = [
  'new',
  'dispatched',
  'returned',
  'signed',
  'extension_requested',
  'replied',
  'concluded',
  'closed',
  'referred',
  'merged',
] as const;
export const ticketActions = [
  'dispatch',
  'sign',
  'return',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'reply',
  'review_pass',
  'send_back',
  'urge',
  'escalate',
  'follow_up',
  'reopen',
  'answer',
  'refer',
  'merge',
] as const;
export const timeStates = ['ok', 'near', 'overdue'] as const;

export type TicketKind = (typeof ticketKinds)[number];
export type TicketUrgency = (typeof ticketUrgencies)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketAction = (typeof ticketActions)[number];
export type TimeState = (typeof timeStates)[number];

/** Types from the server's OpenAPI document (web/src/api/schema.d.ts), so drift fails the typecheck. */
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : never
  : never;
type Body<P extends keyof paths> = paths[P]['post'] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type TicketDetail = Ok<'/api/workbench/hotline/tickets/{id}', 'get'>;
/** A row of the workbench's ticket list (no text, caller or actions: open the ticket, TicketDetail). */
export type Ticket = Ok<'/api/workbench/hotline/tickets', 'get'>['items'][number];
export type TicketUnit = Ticket['unit'];
export type TicketEvent = TicketDetail['events'][number];
export type TicketCreated = Ok<'/api/workbench/hotline/tickets', 'post'>;
export type Duplicate = TicketCreated['duplicates'][number];
export type TicketCreate = Body<'/api/workbench/hotline/tickets'>;
export type PublicTicketCreate = Body<'/api/public/hotline/tickets'>;
export type PublicTicketCreated = Ok<'/api/public/hotline/tickets', 'post'>;
export type Category = Ok<'/api/hotline/categories', 'get'>[number];
export type KnowledgeArticle = Ok<'/api/hotline/knowledge', 'get'>['items'][number];
export type Stats = Ok<'/api/workbench/hotline/stats', 'get'>;
export type Metrics = Stats['totals'];
export type GroupBy = Stats['groupBy'];
export type MyTicket = Ok<'/api/portal/hotline/tickets', 'get'>['items'][number];
export type CallerIdentity = Ok<'/api/workbench/hotline/tickets/{id}/caller', 'get'>;

// The lists the pages offer, checked against the document's enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _checks: [
  Same<TicketKind, Ticket['kind']>,
  Same<TicketStatus, Ticket['status']>,
  Same<TicketAction, TicketDetail['allowedActions'][number]>,
  Same<TicketUrgency, Ticket['urgency']>,
  Same<TimeState, Ticket['timeState']>,
] = [true, true, true, true, true];
void _checks;
type NotNever<T> = [T] extends [never] ? never : true;
const _resolved: NotNever<
  | TicketDetail
  | Ticket
  | TicketCreated
  | TicketCreate
  | PublicTicketCreate
  | PublicTicketCreated
  | Category
  | KnowledgeArticle
  | Stats
  | MyTicket
  | CallerIdentity
>[] = [];
void _resolved;

export const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

type WB = '/api/workbench/hotline';

export const hotlineKeys = {
  all: ['hotline'] as const,
  tickets: ['hotline', 'tickets'] as const,
  ticket: (id: string) => ['hotline', 'tickets', id] as const,
  stats: ['hotline', 'stats'] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: ['hotline', 'categories'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/hotline/categories', { signal })),
    staleTime: 10 * 60_000,
  });
}

/** Leaf categories labelled with their path (城市管理 / 占道经营), for a searchable select. */
export function categoryOptions(categories: Category[] | undefined) {
  if (!categories) return [];
  const byId = new Map(categories.map((c) => [c.id, c]));
  const parents = new Set(categories.map((c) => c.parentId).filter(Boolean));
  const path = (c: Category): string => (c.parentId && byId.get(c.parentId) ? `${path(byId.get(c.parentId)!)} / ${c.name}` : c.name);
  return categories.filter((c) => c.active && !parents.has(c.id)).map((c) => ({ value: c.id, label: path(c), notAccepted: c.notAccepted }));
}

export function useKnowledge(q: string) {
  return useQuery({
    queryKey: ['hotline', 'knowledge', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/hotline/knowledge', { params: { query: compact({ q, pageSize: 5 }) }, signal })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCallerTickets(phone: string) {
  return useQuery({
    queryKey: ['hotline', 'caller', phone],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/hotline/callers/{phone}/tickets', { params: { path: { phone } }, signal })),
    enabled: PHONE_RE.test(phone),
    staleTime: 30_000,
  });
}

export type TicketListQuery = QueryOf<'/api/workbench/hotline/tickets'>;

export function useTickets(query: TicketListQuery) {
  return useQuery({
    queryKey: [...hotlineKeys.tickets, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/hotline/tickets', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: hotlineKeys.ticket(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/hotline/tickets/{id}', { params: { path: { id } }, signal })),
  });
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...hotlineKeys.ticket(id), 'duplicates'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/hotline/tickets/{id}/duplicates', { params: { path: { id } }, signal })),
    enabled,
  });
}

export const createTicket = (body: TicketCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/workbench/hotline/tickets', { body, headers: idempotent(idempotencyKey) }));

/** The workflow routes after /tickets/{id}/ (dispatch, sign, extension/decision…) that take a JSON body. */
type TicketRoute = {
  [P in keyof paths]: P extends `${WB}/tickets/{id}/${infer R}` ? (paths[P] extends { post: { requestBody: unknown } } ? R : never) : never;
}[keyof paths];
/** One workflow route with its body, as the document types it (the route picks the body's shape). */
export type TicketActionRequest = { [R in TicketRoute]: { route: R; body: BodyOf<`${WB}/tickets/{id}/${R}`, 'post'> } }[TicketRoute];

export function ticketAction(id: string, request: TicketActionRequest): Promise<TicketDetail> {
  const params = { path: { id } };
  switch (request.route) {
    case 'public-text':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/public-text', { params, body: request.body }));
    case 'dispatch':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/dispatch', { params, body: request.body }));
    case 'sign':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/sign', { params, body: request.body }));
    case 'return':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/return', { params, body: request.body }));
    case 'extension':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/extension', { params, body: request.body }));
    case 'extension/decision':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/extension/decision', { params, body: request.body }));
    case 'reply':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/reply', { params, body: request.body }));
    case 'review':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/review', { params, body: request.body }));
    case 'answer':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/answer', { params, body: request.body }));
    case 'refer':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/refer', { params, body: request.body }));
    case 'merge':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/merge', { params, body: request.body }));
    case 'urge':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/urge', { params, body: request.body }));
    case 'follow-up':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/follow-up', { params, body: request.body }));
    case 'reopen':
      return unwrap(api.POST('/api/workbench/hotline/tickets/{id}/reopen', { params, body: request.body }));
  }
}

export const revealCaller = (id: string) => unwrap(api.GET('/api/workbench/hotline/tickets/{id}/caller', { params: { path: { id } } }));

export function useStats(query: { from: string; to: string; groupBy: GroupBy }, enabled = true) {
  return useQuery({
    queryKey: [...hotlineKeys.stats, query],
    queryFn: ({ signal }) => fetchStats(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type StatsQuery = QueryOf<'/api/workbench/hotline/stats'>;
export const fetchStats = (query: StatsQuery, signal?: AbortSignal) => unwrap(api.GET('/api/workbench/hotline/stats', { params: { query }, signal }));

export const statsXlsxUrl = (query: { from: string; to: string; groupBy: GroupBy }) => apiUrl('/api/workbench/hotline/stats.xlsx', {}, query);

/** Child regions (districts of the city, streets of a district), from the public region list. */
export function useChildRegions(parentCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'regions', 'children', parentCode],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/regions', { params: { query: { parentCode, pageSize: 100 } }, signal })),
    enabled: !!parentCode,
    staleTime: 10 * 60_000,
  });
}

export const createPublicTicket = (body: PublicTicketCreate, idempotencyKey: string) =>
  unwrap(api.POST('/api/public/hotline/tickets', { body, headers: idempotent(idempotencyKey) }));

export function useMyTickets(page: number, pageSize = 10) {
  return useQuery({
    queryKey: ['hotline', 'mine', page, pageSize],
    queryFn: ({ signal }) => unwrap(api.GET('/api/portal/hotline/tickets', { params: { query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const answerFollowUp = (token: string, body: BodyOf<'/api/public/hotline/follow-up/{token}', 'post'>) =>
  unwrap(api.POST('/api/public/hotline/follow-up/{token}', { params: { path: { token } }, body }));

/** 诉求进度查询 without signing in: the number and the phone left with it (a wrong pair is a 404 `hotline.lookup_not_found`). */
export const lookupPublicTicket = (body: BodyOf<'/api/public/hotline/lookup', 'post'>) => unwrap(api.POST('/api/public/hotline/lookup', { body }));
export type PublicLookupAnswer = Awaited<ReturnType<typeof lookupPublicTicket>>;
