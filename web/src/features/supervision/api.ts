import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { apiUrl, compact, idempotent } from '../../lib/api-call';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../../api/types';

/** The e-supervision API (docs/supervision.md), typed from the server's OpenAPI document. */
export type LightCount = ItemOf<'/api/supervision/lights'>;
export type LightCase = ItemOf<'/api/supervision/lights/cases'>;
export type LightBucket = QueryOf<'/api/supervision/lights/cases'>['light'];
export type Urge = ResponseOf<'/api/supervision/urges/{id}'>;
export type UrgeStatus = Urge['status'];
export type UrgeQuery = QueryOf<'/api/supervision/urges'>;
export type UrgeCreate = BodyOf<'/api/supervision/urges', 'post'>;

export type TicketLightCount = ItemOf<'/api/supervision/ticket-lights'>;
export type LightTicket = ItemOf<'/api/supervision/ticket-lights/tickets'>;
export type RectificationLightCount = ItemOf<'/api/supervision/rectification-lights'>;
export type LightRectification = ItemOf<'/api/supervision/rectification-lights/rectifications'>;
export type RunningLight = QueryOf<'/api/supervision/ticket-lights/tickets'>['light'];
export const runningLights = ['red', 'yellow', 'green'] as const satisfies readonly RunningLight[];

export const lightBuckets = ['red', 'yellow', 'green', 'paused'] as const satisfies readonly LightBucket[];

export const supervisionKeys = {
  all: ['supervision'] as const,
  lights: ['supervision', 'lights'] as const,
  lightCases: (q: QueryOf<'/api/supervision/lights/cases'>) => ['supervision', 'lights', 'cases', q] as const,
  urges: (q: UrgeQuery) => ['supervision', 'urges', q] as const,
};

export function useLights() {
  return useQuery({ queryKey: supervisionKeys.lights, queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/lights', { signal })) });
}

export function useLightCases(q: QueryOf<'/api/supervision/lights/cases'> | null) {
  return useQuery({
    queryKey: supervisionKeys.lightCases(q ?? { departmentId: '', light: 'red' }),
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/lights/cases', { params: { query: q! }, signal })),
    enabled: !!q,
    placeholderData: keepPreviousData,
  });
}

export function useTicketLights(enabled: boolean) {
  return useQuery({
    queryKey: ['supervision', 'lights', 'tickets'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/ticket-lights', { signal })),
    enabled,
  });
}

export function useLightTickets(q: QueryOf<'/api/supervision/ticket-lights/tickets'>) {
  return useQuery({
    queryKey: ['supervision', 'lights', 'tickets', q] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/ticket-lights/tickets', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRectificationLights(enabled: boolean) {
  return useQuery({
    queryKey: ['supervision', 'lights', 'rectifications'] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/rectification-lights', { signal })),
    enabled,
  });
}

export function useLightRectifications(q: QueryOf<'/api/supervision/rectification-lights/rectifications'>) {
  return useQuery({
    queryKey: ['supervision', 'lights', 'rectifications', q] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/rectification-lights/rectifications', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const issueRectificationUrge = (body: BodyOf<'/api/supervision/rectification-urges', 'post'>, key: string) =>
  unwrap(api.POST('/api/supervision/rectification-urges', { body, headers: idempotent(key) }));

export function useUrges(q: UrgeQuery, enabled = true) {
  return useQuery({
    queryKey: supervisionKeys.urges(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/urges', { params: { query: compact(q) }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const issueUrge = (body: UrgeCreate, key: string) => unwrap(api.POST('/api/supervision/urges', { body, headers: idempotent(key) }));

export const answerUrge = (id: string, body: BodyOf<'/api/supervision/urges/{id}/answer', 'post'>) =>
  unwrap(api.POST('/api/supervision/urges/{id}/answer', { params: { path: { id } }, body }));

/** 领导驾驶舱 (GET /api/workbench/dashboard). */
export type DashboardQuery = QueryOf<'/api/workbench/dashboard'>;
export type Dashboard = ResponseOf<'/api/workbench/dashboard'>;
export type DashboardGroup = Dashboard['groups'][number];

export function useDashboard(q: DashboardQuery) {
  return useQuery({
    queryKey: ['supervision', 'dashboard', q] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/dashboard', { params: { query: q }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The same figures as an xlsx workbook (the table and the trend). */
export const dashboardXlsxUrl = (q: { from: string; to: string; groupBy: NonNullable<DashboardQuery['groupBy']> }) =>
  apiUrl('/api/workbench/dashboard.xlsx', {}, q);
