import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiFetch, unwrap } from '../../api/client';
import type { Page } from '../../api/types';
import type { paths } from '../../api/schema';

/**
 * The hotline's calls: JSON over apiFetch, typed from the generated `paths` (the server's
 * OpenAPI document) below.
 */
export const ticketKinds = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export const ticketUrgencies = ['normal', 'urgent', 'very_urgent'] as const;
export const ticketStatuses = ['new', 'dispatched', 'returned', 'signed', 'extension_requested', 'replied', 'concluded', 'closed', 'referred', 'merged'] as const;
export const ticketActions = ['dispatch', 'sign', 'return', 'request_extension', 'approve_extension', 'reject_extension', 'reply', 'review_pass', 'send_back', 'urge', 'escalate', 'follow_up', 'reopen', 'answer', 'refer', 'merge'] as const;
export const timeStates = ['ok', 'near', 'overdue'] as const;

export type TicketKind = (typeof ticketKinds)[number];
export type TicketUrgency = (typeof ticketUrgencies)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketAction = (typeof ticketActions)[number];
export type TimeState = (typeof timeStates)[number];

/** Types from the server's OpenAPI document (web/src/api/schema.d.ts), so drift fails the typecheck. */
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer B } ? Json<B> : never) : never;
type Body<P extends keyof paths> = paths[P]['post'] extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type TicketDetail = Ok<'/api/workbench/hotline/tickets/{id}', 'get'>;
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
const _checks: [Same<TicketKind, Ticket['kind']>, Same<TicketStatus, Ticket['status']>, Same<TicketAction, Ticket['allowedActions'][number]>, Same<TicketUrgency, Ticket['urgency']>, Same<TimeState, Ticket['timeState']>] = [true, true, true, true, true];
void _checks;
type NotNever<T> = [T] extends [never] ? never : true;
const _resolved: NotNever<TicketDetail | Ticket | TicketCreated | TicketCreate | PublicTicketCreate | PublicTicketCreated | Category | KnowledgeArticle | Stats | MyTicket | CallerIdentity>[] = [];
void _resolved;

export const PHONE_RE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

const WB = '/api/workbench/hotline';

/** JSON over apiFetch (cookies, language, ApiError on failure). */
export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await apiFetch(new Request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: init.signal }));
  return (await res.json()) as T;
}

const qs = (params: Record<string, string | number | boolean | undefined | null>) => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
};

export const hotlineKeys = {
  all: ['hotline'] as const,
  tickets: ['hotline', 'tickets'] as const,
  ticket: (id: string) => ['hotline', 'tickets', id] as const,
  stats: ['hotline', 'stats'] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: ['hotline', 'categories'],
    queryFn: ({ signal }) => call<Category[]>('GET', `/api/hotline/categories`, undefined, { signal }),
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
    queryFn: ({ signal }) => call<Page<KnowledgeArticle>>('GET', `/api/hotline/knowledge${qs({ q, pageSize: 5 })}`, undefined, { signal }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCallerTickets(phone: string) {
  return useQuery({
    queryKey: ['hotline', 'caller', phone],
    queryFn: ({ signal }) => call<Ticket[]>('GET', `${WB}/callers/${encodeURIComponent(phone)}/tickets`, undefined, { signal }),
    enabled: PHONE_RE.test(phone),
    staleTime: 30_000,
  });
}

export interface TicketListQuery {
  page: number;
  pageSize: number;
  q?: string;
  status?: string;
  kind?: string;
  timeState?: string;
  mine?: string;
}

export function useTickets(query: TicketListQuery) {
  return useQuery({
    queryKey: [...hotlineKeys.tickets, 'list', query],
    queryFn: ({ signal }) => call<Page<Ticket>>('GET', `${WB}/tickets${qs({ ...query })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: hotlineKeys.ticket(id),
    queryFn: ({ signal }) => call<TicketDetail>('GET', `${WB}/tickets/${id}`, undefined, { signal }),
  });
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...hotlineKeys.ticket(id), 'duplicates'],
    queryFn: ({ signal }) => call<Duplicate[]>('GET', `${WB}/tickets/${id}/duplicates`, undefined, { signal }),
    enabled,
  });
}

export const createTicket = (body: TicketCreate, idempotencyKey: string) =>
  call<TicketCreated>('POST', `${WB}/tickets`, body, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Workflow actions: `path` is the route after /tickets/{id}/ (dispatch, sign, extension/decision…). */
export const ticketAction = (id: string, path: string, body: Record<string, unknown> = {}) => call<TicketDetail>('POST', `${WB}/tickets/${id}/${path}`, body);

export const revealCaller = (id: string) => call<CallerIdentity>('GET', `${WB}/tickets/${id}/caller`);

export function useStats(query: { from: string; to: string; groupBy: GroupBy }, enabled = true) {
  return useQuery({
    queryKey: [...hotlineKeys.stats, query],
    queryFn: ({ signal }) => call<Stats>('GET', `${WB}/stats${qs(query)}`, undefined, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const statsXlsxUrl = (query: { from: string; to: string; groupBy: GroupBy }) => `${WB}/stats.xlsx${qs(query)}`;

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
  call<PublicTicketCreated>('POST', '/api/public/hotline/tickets', body, { headers: { 'Idempotency-Key': idempotencyKey } });

export function useMyTickets(page: number, pageSize = 10) {
  return useQuery({
    queryKey: ['hotline', 'mine', page, pageSize],
    queryFn: ({ signal }) => call<Page<MyTicket>>('GET', `/api/portal/hotline/tickets${qs({ page, pageSize })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const answerFollowUp = (token: string, body: { solved: boolean; satisfaction: number; note?: string | null }) =>
  call<{ number: string; status: 'closed' }>('POST', `/api/public/hotline/follow-up/${encodeURIComponent(token)}`, body);
