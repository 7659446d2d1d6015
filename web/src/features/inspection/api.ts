import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { Page } from '../../api/types';

/**
 * The inspection API, typed by hand: the generated `paths` (web/src/api/schema.d.ts) does not hold
 * the inspection routes yet. These interfaces mirror server/src/modules/inspection/schemas.ts; once
 * the generated document has them, switch to `api.GET('/api/workbench/inspection/…')`.
 */
export const riskLevels = ['low', 'medium', 'high'] as const;
export const creditLevels = ['A', 'B', 'C', 'D'] as const;
export const outcomes = ['normal', 'problems_found', 'not_found_at_address', 'closed', 'refused'] as const;
export const followUps = ['none', 'order_to_correct', 'case_transferred'] as const;
export const taskStatuses = ['planned', 'committed', 'drawn', 'in_progress', 'finished', 'disclosed'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export type CreditLevel = (typeof creditLevels)[number];
export type Outcome = (typeof outcomes)[number];
export type FollowUp = (typeof followUps)[number];
export type TaskStatus = (typeof taskStatuses)[number];

export interface Item {
  id: string;
  departmentId: string;
  departmentName: string;
  code: string;
  name: string;
  subItem: string | null;
  legalBasis: string;
  subjectType: string;
  method: 'on_site' | 'documents' | 'online';
  joint: boolean;
  active: boolean;
}

export interface Plan {
  id: string;
  year: number;
  title: string;
  regionCode: string;
  regionPath: string;
  departmentId: string;
}

export interface TaskScope {
  regionCodes?: string[];
  industries?: string[];
  riskLevels?: RiskLevel[];
  creditLevels?: CreditLevel[];
}

export interface Task {
  id: string;
  planId: string;
  title: string;
  itemIds: string[];
  departmentIds: string[];
  leadDepartmentId: string;
  scope: TaskScope;
  count: number | null;
  proportionBp: number | null;
  inspectorsPerEntity: number;
  riskWeights: Record<string, number>;
  creditWeights: Record<string, number>;
  recentTasks: number;
  dueDate: string;
  disclosureWorkingDays: number;
  status: TaskStatus;
}

export interface TaskCreate {
  title: string;
  itemIds: string[];
  departmentIds: string[];
  scope: TaskScope;
  count?: number | null;
  proportionPercent?: number | null;
  inspectorsPerEntity: number;
  riskWeights?: Record<RiskLevel, number>;
  creditWeights?: Record<CreditLevel, number>;
  recentTasks?: number;
  dueDate: string;
  disclosureWorkingDays?: number;
}

export interface DrawSummary {
  id: string;
  taskId: string;
  seq: number;
  status: 'committed' | 'drawn' | 'voided';
  commitment: string;
  seed: string | null;
  algorithm: string;
  hashes: Record<string, string> | null;
  poolSize: number | null;
  target: number | null;
  selectedCount: number | null;
  committedAt: string;
  drawnAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface Inspector {
  id: string;
  staffId: string | null;
  name: string;
  certificateNo: string;
  departmentId: string;
  regionCode: string;
  qualifications: string[];
  available: boolean;
}

export interface Result {
  id: string;
  assignmentId: string;
  outcome: Outcome;
  inspectedOn: string;
  followUp: FollowUp;
  disclosureDue: string;
  disclosureDueEstimated: boolean;
  disclosedAt: string | null;
}

export interface Assignment {
  id: string;
  taskId: string;
  taskTitle: string;
  uscc: string;
  entityName: string;
  address: string | null;
  inspectors: { id: string; name: string; certificateNo: string }[];
  result: { outcome: Outcome; inspectedOn: string; disclosureDue: string } | null;
}

export interface ResultCreate {
  outcome: Outcome;
  inspectedOn: string;
  notes?: string | null;
  photoRefs?: string[];
  followUp: FollowUp;
  followUpNote?: string | null;
}

export interface PublicTask {
  id: string;
  title: string;
  year: number;
  departments: string[];
  items: { code: string; name: string; legalBasis: string }[];
  drawId: string | null;
  results: { uscc: string; entityName: string; inspectedOn: string; outcome: Outcome; followUp: FollowUp; disclosedAt: string }[];
}

export interface PublicDraw {
  id: string;
  taskId: string;
  taskTitle: string;
  seq: number;
  status: 'committed' | 'drawn' | 'voided';
  commitment: string;
  seed: string | null;
  algorithm: string;
  hashes: Record<string, string> | null;
  poolSize: number | null;
  target: number | null;
  committedAt: string;
  drawnAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  selected: { uscc: string; entityName: string; inspectors: { key: string; department: string }[] }[];
  otherDraws: { id: string; seq: number; status: string }[];
}

type Query = Record<string, string | number | undefined>;

function url(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** GET/POST through the app's one fetch (cookies, language, ApiError on failure). */
export async function call<T>(method: 'GET' | 'POST', path: string, opts: { query?: Query; body?: unknown; idempotencyKey?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers = new Headers();
  if (opts.body !== undefined) headers.set('Content-Type', 'application/json');
  if (opts.idempotencyKey) headers.set('Idempotency-Key', opts.idempotencyKey);
  const res = await apiFetch(
    new Request(new URL(url(path, opts.query), window.location.origin), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
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

/** The task by id: the list endpoint has no single-task read, so the page looks it up in the list. */
export function useTask(id: string) {
  return useQuery({
    queryKey: inspectionKeys.task(id),
    queryFn: async ({ signal }) => {
      for (let page = 1; ; page++) {
        const res = await call<Page<Task>>('GET', `${wb}/tasks`, { query: { page, pageSize: 100 }, signal });
        const found = res.items.find((t) => t.id === id);
        if (found) return found;
        if (page * res.pageSize >= res.total) return null;
      }
    },
  });
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
export const fetchDrawInputs = (drawId: string, signal?: AbortSignal) => call<unknown>('GET', `${pub}/draws/${drawId}/inputs`, { signal });
