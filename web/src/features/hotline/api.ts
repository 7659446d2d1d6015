import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiFetch, unwrap } from '../../api/client';
import type { Page } from '../../api/types';

/**
 * The hotline's calls. The generated `paths` do not hold the hotline routes yet, so these types
 * mirror the server's zod schemas (server/src/modules/hotline/schemas.ts); switch to `paths` once
 * web/src/api/schema.d.ts is generated from the server's real document.
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

export interface TicketUnit {
  departmentId: string | null;
  regionCode: string;
  regionPath: string;
  level: 'center' | 'city' | 'district' | 'street';
  name: string;
}

export interface TicketEvent {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string;
  unitName: string | null;
  text: string | null;
  photos: string[];
  data: Record<string, unknown>;
  createdAt: string;
}

export interface Ticket {
  id: string;
  number: string;
  channel: 'phone' | 'web' | 'open311';
  kind: TicketKind;
  urgency: TicketUrgency;
  categoryId: string | null;
  categoryName: string | null;
  title: string;
  text: string;
  address: string;
  lng: number | null;
  lat: number | null;
  regionCode: string | null;
  districtCode: string | null;
  streetCode: string | null;
  caller: { phoneMasked: string | null; nameMasked: string | null } | null;
  confidential: boolean;
  status: TicketStatus;
  unit: TicketUnit;
  signDueAt: string | null;
  signedAt: string | null;
  dueDate: string | null;
  dueEstimated: boolean;
  timeState: TimeState;
  urgeCount: number;
  returnCount: number;
  extensionCount: number;
  reopenCount: number;
  solved: boolean | null;
  satisfaction: number | null;
  referredTo: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: TicketAction[];
}

export interface TicketDetail extends Ticket {
  events: TicketEvent[];
  suggestedTarget: TicketUnit | null;
  mergedTickets: { id: string; number: string }[];
}

export interface Duplicate {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  createdAt: string;
}

export interface TicketCreated {
  ticket: TicketDetail;
  duplicates: Duplicate[];
}

export interface TicketCreate {
  callerPhone: string;
  callerName?: string | null;
  kind: TicketKind;
  urgency?: TicketUrgency;
  categoryId?: string | null;
  title?: string | null;
  text: string;
  confidential?: boolean;
  address: string;
  regionCode?: string | null;
}

export type PublicTicketCreate = Omit<TicketCreate, 'callerPhone'> & { callerPhone?: string | null; photos?: string[] };

export interface PublicTicketCreated {
  id: string;
  number: string;
  token: string;
  status: string;
  dueDate: string | null;
  duplicates: number;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  routing: 'territorial' | 'department';
  departmentKind: string | null;
  limitDays: number | null;
  notAccepted: boolean;
  referTo: string | null;
  active: boolean;
}

export interface KnowledgeArticle {
  id: string;
  title: string;
  body: string;
  categoryId: string | null;
  keywords: string;
  updatedAt: string;
}

export interface Metrics {
  tickets: number;
  onTimeSignRate: number | null;
  onTimeConclusionRate: number | null;
  extensionRate: number | null;
  returnRate: number | null;
  solvedRate: number | null;
  satisfaction: number | null;
}
export type GroupBy = 'unit' | 'category' | 'region' | 'day';
export interface Stats {
  from: string;
  to: string;
  groupBy: GroupBy;
  totals: Metrics;
  groups: (Metrics & { key: string; name: string })[];
  ranking: { rank: number; key: string; name: string; tickets: number; score: number }[];
  hotCategories: { categoryId: string; name: string; tickets: number; previous: number; rise: number }[];
}

export interface MyTicket {
  id: string;
  number: string;
  token: string;
  kind: TicketKind;
  categoryName: string | null;
  title: string;
  status: TicketStatus;
  dueDate: string | null;
  createdAt: string;
  solved: boolean | null;
  satisfaction: number | null;
}

export interface CallerIdentity {
  phone: string | null;
  name: string | null;
  personId: string | null;
}

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
