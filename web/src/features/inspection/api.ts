import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../../api/types';
import { apiUrl, compact, fileBody, idempotent, passStatus } from '../../lib/api-call';
import type { DrawInputs } from './draw/draw';

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
export type PenaltyCreate = BodyOf<'/api/workbench/inspection/results/{id}/penalty', 'post'>;
export type PublicTask = ItemOf<'/api/public/inspection/tasks'>;
export type PublicDraw = ResponseOf<'/api/public/inspection/draws/{id}'>;

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

/** `enabled: false` for a reader without inspection.plan.manage (a supervisor), who may not list plans. */
export function usePlans(enabled = true) {
  return useQuery({ queryKey: inspectionKeys.plans, enabled, queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/plans', { signal })) });
}

export function useTasks(query: QueryOf<'/api/workbench/inspection/tasks'>) {
  return useQuery({
    queryKey: [...inspectionKeys.tasks, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/tasks', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useTask(id: string) {
  return useQuery({
    queryKey: inspectionKeys.task(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/tasks/{id}', { params: { path: { id } }, signal })),
  });
}

export function useTaskAssignments(taskId: string, query: QueryOf<'/api/workbench/inspection/tasks/{id}/assignments'>) {
  return useQuery({
    queryKey: [...inspectionKeys.task(taskId), 'assignments', query],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/workbench/inspection/tasks/{id}/assignments', { params: { path: { id: taskId }, query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useItemList(query: QueryOf<'/api/workbench/inspection/items'>) {
  return useQuery({
    queryKey: [...inspectionKeys.items, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/items', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useEntities(query: QueryOf<'/api/workbench/inspection/entities'>) {
  return useQuery({
    queryKey: [...inspectionKeys.entities, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/entities', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useInspectorList(query: QueryOf<'/api/workbench/inspection/inspectors'>) {
  return useQuery({
    queryKey: [...inspectionKeys.inspectors, 'list', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/inspectors', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRelations(inspectorId: string | undefined) {
  return useQuery({
    queryKey: [...inspectionKeys.inspectors, 'relations', inspectorId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/inspectors/{id}/relations', { params: { path: { id: inspectorId ?? '' } }, signal })),
    enabled: !!inspectorId,
  });
}

export function useRules() {
  return useQuery({ queryKey: inspectionKeys.rules, queryFn: ({ signal }) => unwrap(api.GET('/api/public/inspection/rules', { signal })) });
}

export function useItems(enabled = true) {
  return useQuery({
    queryKey: inspectionKeys.items,
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/items', { params: { query: { pageSize: 100 } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export function useInspectors() {
  return useQuery({
    queryKey: inspectionKeys.inspectors,
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/inspectors', { params: { query: { pageSize: 100 } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export function useTaskDraws(taskId: string) {
  return useQuery({
    queryKey: [...inspectionKeys.task(taskId), 'draws'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/tasks/{id}/draws', { params: { path: { id: taskId } }, signal })),
  });
}

export function useTaskResults(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...inspectionKeys.task(taskId), 'results'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/tasks/{id}/results', { params: { path: { id: taskId } }, signal })),
    enabled,
  });
}

export function useMyAssignments(query: QueryOf<'/api/workbench/inspection/my-assignments'>) {
  return useQuery({
    queryKey: [...inspectionKeys.mine, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/inspection/my-assignments', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicTasks(query: QueryOf<'/api/public/inspection/tasks'>) {
  return useQuery({
    queryKey: [...inspectionKeys.publicTasks, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/inspection/tasks', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicDraw(id: string | undefined) {
  return useQuery({
    queryKey: inspectionKeys.publicDraw(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/inspection/draws/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: !!id,
  });
}

const byId = (id: string) => ({ path: { id } });

export const createPlan = (body: BodyOf<'/api/workbench/inspection/plans', 'post'>, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/plans', { body, headers: idempotent(key) }));
export const createTask = (planId: string, body: TaskCreate, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/plans/{id}/tasks', { params: byId(planId), body, headers: idempotent(key) }));
export const commitTask = (taskId: string, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/tasks/{id}/commitment', { params: byId(taskId), headers: idempotent(key) }));
export const drawTask = (taskId: string, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/tasks/{id}/draw', { params: byId(taskId), headers: idempotent(key) }));
export const decidePenalty = (resultId: string, body: PenaltyCreate) =>
  unwrap(api.POST('/api/workbench/inspection/results/{id}/penalty', { params: byId(resultId), body }));
export const discloseTask = (taskId: string) => unwrap(api.POST('/api/workbench/inspection/tasks/{id}/disclose', { params: byId(taskId) }));
export const recordResult = (assignmentId: string, body: ResultCreate, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/assignments/{id}/result', { params: byId(assignmentId), body, headers: idempotent(key) }));
export const createItem = (body: ItemCreate, key: string) => unwrap(api.POST('/api/workbench/inspection/items', { body, headers: idempotent(key) }));
export const updateItem = (id: string, body: ItemUpdate) => unwrap(api.PATCH('/api/workbench/inspection/items/{id}', { params: byId(id), body }));
export const createInspector = (body: InspectorCreate, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/inspectors', { body, headers: idempotent(key) }));
export const updateInspector = (id: string, body: BodyOf<'/api/workbench/inspection/inspectors/{id}', 'patch'>) =>
  unwrap(api.PATCH('/api/workbench/inspection/inspectors/{id}', { params: byId(id), body }));
export const declareRelation = (id: string, body: BodyOf<'/api/workbench/inspection/inspectors/{id}/relations', 'post'>, key: string) =>
  unwrap(api.POST('/api/workbench/inspection/inspectors/{id}/relations', { params: byId(id), body, headers: idempotent(key) }));
export const putRules = (departmentId: string, body: RulesPut) => unwrap(api.PUT('/api/workbench/inspection/rules/{id}', { params: byId(departmentId), body }));
export const voidDraw = (drawId: string, reason: string) =>
  unwrap(api.POST('/api/workbench/inspection/draws/{id}/void', { params: byId(drawId), body: { reason } }));

type ImportProblem = NonNullable<Awaited<ReturnType<typeof postImport>>['error']>;
export type BadRow = NonNullable<ImportProblem['badRows']>[number];
export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; badRows: BadRow[]; badRowCount: number };

const postImport = (file: File, csv: boolean) =>
  api.POST('/api/workbench/inspection/entities/import', {
    ...fileBody(file, csv ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    fetch: passStatus(422),
  });

/** Imports a CSV or xlsx file as it is (all or nothing): the report, or every bad row of the 422 (`inspection.import_invalid`). */
export async function importEntities(file: File): Promise<ImportOutcome> {
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  const { data, error } = await postImport(file, csv);
  if (data) return { ok: true, report: data };
  const badRows = error?.badRows ?? [];
  return { ok: false, badRows, badRowCount: error?.badRowCount ?? badRows.length };
}

/** The draw's inputs as disclosed (the document declares no schema for this JSON: checked by `isDrawInputs`). */
export async function fetchDrawInputs(drawId: string, signal?: AbortSignal): Promise<DrawInputs> {
  const text = await unwrap(api.GET('/api/public/inspection/draws/{id}/inputs', { params: byId(drawId), parseAs: 'text', signal }));
  const inputs: unknown = JSON.parse(text);
  if (!isDrawInputs(inputs)) throw new Error('The draw inputs are not in the expected shape');
  return inputs;
}

function isDrawInputs(x: unknown): x is DrawInputs {
  if (typeof x !== 'object' || x === null) return false;
  return (
    'algorithm' in x &&
    typeof x.algorithm === 'string' &&
    'seed' in x &&
    typeof x.seed === 'string' &&
    'params' in x &&
    typeof x.params === 'object' &&
    x.params !== null &&
    'entities' in x &&
    (typeof x.entities === 'string' || Array.isArray(x.entities)) &&
    'inspectors' in x &&
    Array.isArray(x.inspectors) &&
    'exclusions' in x &&
    Array.isArray(x.exclusions)
  );
}

export const drawInputsUrl = (drawId: string) => apiUrl('/api/public/inspection/draws/{id}/inputs', { id: drawId });
