import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import { readApiError } from '../../api/errors';
import type { BodyOf, ItemOf, Page, ResponseOf } from '../../api/types';

/**
 * The inspection API. Types come from the server's OpenAPI document (web/src/api/types.ts), by path
 * and method: a changed route is a type error here.
 */
export const riskLevels = ['low', 'medium', 'high'] as const;
export const creditLevels = ['A', 'B', 'C', 'D'] as const;
export const outcomes = ['normal', 'problems_found', 'not_found_at_address', 'closed', 'refused'] as const;
export const followUps = ['none', 'order_to_correct', 'case_transferred'] as const;
export const taskStatuses = ['planned', 'committed', 'drawn', 'in_progress', 'finished', 'disclosed'] as const;
export const itemMethods = ['on_site', 'documents', 'online'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type CreditLevel = (typeof creditLevels)[number];
export type Outcome = (typeof outcomes)[number];
export type FollowUp = (typeof followUps)[number];
export type TaskStatus = (typeof taskStatuses)[number];

export type Item = ItemOf<'/api/workbench/inspection/items'>;
export type ItemCreate = BodyOf<'/api/workbench/inspection/items', 'post'>;
export type ItemUpdate = BodyOf<'/api/workbench/inspection/items/{id}', 'patch'>;
export type Plan = ItemOf<'/api/workbench/inspection/plans'>;
export type Task = ItemOf<'/api/workbench/inspection/tasks'>;
export type TaskDetail = ResponseOf<'/api/workbench/inspection/tasks/{id}'>;
export type TaskAssignment = ItemOf<'/api/workbench/inspection/tasks/{id}/assignments'>;
export type TaskScope = Task['scope'];
export type TaskCreate = BodyOf<'/api/workbench/inspection/plans/{id}/tasks', 'post'>;
export type DrawSummary = ItemOf<'/api/workbench/inspection/tasks/{id}/draws'>;
export type Entity = ItemOf<'/api/workbench/inspection/entities'>;
export type ImportReport = ResponseOf<'/api/workbench/inspection/entities/import', 'post'>;
export type Inspector = ItemOf<'/api/workbench/inspection/inspectors'>;
export type InspectorCreate = BodyOf<'/api/workbench/inspection/inspectors', 'post'>;
export type Relation = ItemOf<'/api/workbench/inspection/inspectors/{id}/relations'>;
export type Rules = ItemOf<'/api/public/inspection/rules'>;
export type RulesPut = BodyOf<'/api/workbench/inspection/rules/{id}', 'put'>;
export type Result = ItemOf<'/api/workbench/inspection/tasks/{id}/results'>;
export type Assignment = ItemOf<'/api/workbench/inspection/my-assignments'>;
export type ResultCreate = BodyOf<'/api/workbench/inspection/assignments/{id}/result', 'post'>;
export type PublicTask = ItemOf<'/api/public/inspection/tasks'>;
export type PublicDraw = ResponseOf<'/api/public/inspection/draws/{id}'>;

type Query = Record<string, string | number | undefined>;

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** GET/POST through the app's one fetch (cookies, language, ApiError on failure). */
export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, opts: { query?: Query; body?: unknown; idempotencyKey?: string; signal?: AbortSignal; contentType?: string } = {}): Promise<T> {
  const headers = new Headers();
  if (opts.body !== undefined) headers.set('Content-Type', opts.contentType ?? 'application/json');
  if (opts.idempotencyKey) headers.set('Idempotency-Key', opts.idempotencyKey);
  const res = await apiFetch(
    new Request(new URL(url(path, opts.query), window.location.origin), {
      method,
      headers,
      body: opts.body === undefined ? undefined : opts.contentType ? (opts.body as BodyInit) : JSON.stringify(opts.body),
      signal: opts.signal,
    }),
  );
  return (await res.json()) as T;
}

const wb = '/api/workbench/inspection';
const pub = '/api/public/inspection';

export const inspectionKeys = {
  all: ['inspection'] as const,
  plans: ['inspection', 'plans'] as const,
  tasks: ['inspection', 'tasks'] as const,
  task: (id: string) => ['inspection', 'tasks', id] as const,
  items: ['inspection', 'items'] as const,
  inspectors: ['inspection', 'inspectors'] as const,
  mine: ['inspection', 'my-assignments'] as const,
  entities: ['inspection', 'entities'] as const,
  rules: ['inspection', 'rules'] as const,
  publicTasks: ['inspection', 'public', 'tasks'] as const,
  publicDraw: (id: string) => ['inspection', 'public', 'draws', id] as const,
};

export function usePlans() {
  return useQuery({ queryKey: inspectionKeys.plans, queryFn: ({ signal }) => call<Plan[]>('GET', `${wb}/plans`, { signal }) });
}

export function useTasks(query: { page: number; pageSize: number; planId?: string; status?: string }) {
  return useQuery({
    queryKey: [...inspectionKeys.tasks, query],
    queryFn: ({ signal }) => call<Page<Task>>('GET', `${wb}/tasks`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: inspectionKeys.task(id), queryFn: ({ signal }) => call<TaskDetail>('GET', `${wb}/tasks/${id}`, { signal }) });
}

export function useTaskAssignments(taskId: string, query: { page: number; pageSize: number; drawId?: string; q?: string }) {
  return useQuery({
    queryKey: [...inspectionKeys.task(taskId), 'assignments', query],
    queryFn: ({ signal }) => call<Page<TaskAssignment>>('GET', `${wb}/tasks/${taskId}/assignments`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useItemList(query: { page: number; pageSize: number; q?: string; departmentId?: string }) {
  return useQuery({
    queryKey: [...inspectionKeys.items, 'list', query],
    queryFn: ({ signal }) => call<Page<Item>>('GET', `${wb}/items`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEntities(query: { page: number; pageSize: number; q?: string; riskLevel?: string; industry?: string }) {
  return useQuery({
    queryKey: [...inspectionKeys.entities, query],
    queryFn: ({ signal }) => call<Page<Entity>>('GET', `${wb}/entities`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInspectorList(query: { page: number; pageSize: number; q?: string; departmentId?: string }) {
  return useQuery({
    queryKey: [...inspectionKeys.inspectors, 'list', query],
    queryFn: ({ signal }) => call<Page<Inspector>>('GET', `${wb}/inspectors`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRelations(inspectorId: string | undefined) {
  return useQuery({
    queryKey: [...inspectionKeys.inspectors, 'relations', inspectorId],
    queryFn: ({ signal }) => call<Relation[]>('GET', `${wb}/inspectors/${inspectorId}/relations`, { signal }),
    enabled: !!inspectorId,
  });
}

export function useRules() {
  return useQuery({ queryKey: inspectionKeys.rules, queryFn: ({ signal }) => call<Rules[]>('GET', `${pub}/rules`, { signal }) });
}

export function useItems() {
  return useQuery({
    queryKey: inspectionKeys.items,
    queryFn: ({ signal }) => call<Page<Item>>('GET', `${wb}/items`, { query: { pageSize: 100 }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useInspectors() {
  return useQuery({
    queryKey: inspectionKeys.inspectors,
    queryFn: ({ signal }) => call<Page<Inspector>>('GET', `${wb}/inspectors`, { query: { pageSize: 100 }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useTaskDraws(taskId: string) {
  return useQuery({ queryKey: [...inspectionKeys.task(taskId), 'draws'], queryFn: ({ signal }) => call<DrawSummary[]>('GET', `${wb}/tasks/${taskId}/draws`, { signal }) });
}

export function useTaskResults(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...inspectionKeys.task(taskId), 'results'],
    queryFn: ({ signal }) => call<Result[]>('GET', `${wb}/tasks/${taskId}/results`, { signal }),
    enabled,
  });
}

export function useMyAssignments(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...inspectionKeys.mine, query],
    queryFn: ({ signal }) => call<Page<Assignment>>('GET', `${wb}/my-assignments`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicTasks(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...inspectionKeys.publicTasks, query],
    queryFn: ({ signal }) => call<Page<PublicTask>>('GET', `${pub}/tasks`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicDraw(id: string | undefined) {
  return useQuery({
    queryKey: inspectionKeys.publicDraw(id ?? ''),
    queryFn: ({ signal }) => call<PublicDraw>('GET', `${pub}/draws/${id}`, { signal }),
    enabled: !!id,
  });
}

export const createPlan = (body: { year: number; title: string; regionCode: string; departmentId: string }, key: string) =>
  call<Plan>('POST', `${wb}/plans`, { body, idempotencyKey: key });
export const createTask = (planId: string, body: TaskCreate, key: string) => call<Task>('POST', `${wb}/plans/${planId}/tasks`, { body, idempotencyKey: key });
export const commitTask = (taskId: string, key: string) => call<DrawSummary>('POST', `${wb}/tasks/${taskId}/commitment`, { idempotencyKey: key });
export const drawTask = (taskId: string, key: string) => call<DrawSummary>('POST', `${wb}/tasks/${taskId}/draw`, { idempotencyKey: key });
export const discloseTask = (taskId: string) => call<{ disclosed: number; status: string }>('POST', `${wb}/tasks/${taskId}/disclose`);
export const recordResult = (assignmentId: string, body: ResultCreate, key: string) =>
  call<Result>('POST', `${wb}/assignments/${assignmentId}/result`, { body, idempotencyKey: key });
export const createItem = (body: ItemCreate, key: string) => call<Item>('POST', `${wb}/items`, { body, idempotencyKey: key });
export const updateItem = (id: string, body: ItemUpdate) => call<Item>('PATCH', `${wb}/items/${id}`, { body });
export const createInspector = (body: InspectorCreate, key: string) => call<Inspector>('POST', `${wb}/inspectors`, { body, idempotencyKey: key });
export const updateInspector = (id: string, body: { available?: boolean; qualifications?: string[] }) => call<Inspector>('PATCH', `${wb}/inspectors/${id}`, { body });
export const declareRelation = (id: string, body: { uscc: string; relation: string }, key: string) =>
  call<{ ok: boolean }>('POST', `${wb}/inspectors/${id}/relations`, { body, idempotencyKey: key });
export const putRules = (departmentId: string, body: RulesPut) => call<Rules>('PUT', `${wb}/rules/${departmentId}`, { body });
export const voidDraw = (drawId: string, reason: string) => call<DrawSummary>('POST', `${wb}/draws/${drawId}/void`, { body: { reason } });
/** Imports a CSV or xlsx file as it is (all or nothing): the report, or every bad row of a 422. */
export async function importEntities(file: File): Promise<{ ok: true; report: ImportReport } | { ok: false; badRows: BadRow[]; badRowCount: number }> {
  const res = await fetch(`${wb}/entities/import`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'Accept-Language': document.documentElement.lang || 'zh-CN',
      'Content-Type': /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    body: file,
  });
  if (res.ok) return { ok: true, report: (await res.json()) as ImportReport };
  if (res.status === 422) {
    const body = (await res.clone().json()) as { badRows?: BadRow[]; badRowCount?: number };
    if (body.badRows) return { ok: false, badRows: body.badRows, badRowCount: body.badRowCount ?? body.badRows.length };
  }
  throw await readApiError(res);
}
export interface BadRow {
  row: number;
  field: string;
  code: string;
}
export const fetchDrawInputs = (drawId: string, signal?: AbortSignal) => call<unknown>('GET', `${pub}/draws/${drawId}/inputs`, { signal });
