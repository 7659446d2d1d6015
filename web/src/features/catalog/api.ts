import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { BodyOf, ItemOf, Page, ResponseOf } from '../../api/types';

/**
 * The catalog API (docs/catalog.md), typed from the server's OpenAPI document (web/src/api/types.ts).
 */
export type ImplementationSummary = ItemOf<'/api/catalog/items'>;
export type SubjectType = ImplementationSummary['subjectTypes'][number];
export type ItemType = ImplementationSummary['itemType'];
export type ImplementationState = ImplementationSummary['state'];
export type FlagList = 'do-now' | 'do-online' | 'do-in-one-visit';
export type GuideDocument = ResponseOf<'/api/catalog/items/{implementationCode}'>;
/** The guide as staff edit it (the public one has no review rules). */
export type Guide = BodyOf<'/api/workbench/catalog/implementations/{implementationCode}/draft', 'put'>['guide'];
export type Material = Guide['materials'][number];
export type MaterialSource = Material['source'];
export type MaterialForm = Material['form'];
export type VersionHistory = ResponseOf<'/api/catalog/items/{implementationCode}/versions'>;
export type FieldChange = VersionHistory['versions'][number]['changes'][number];
type WorkbenchRaw = ResponseOf<'/api/workbench/catalog/implementations/{implementationCode}'>;
export type VersionInfo = WorkbenchRaw['versions'][number];
/** The working and published guides are typed `unknown` in the document (they hold review rules). */
export type WorkbenchImplementation = Omit<WorkbenchRaw, 'working' | 'published'> & {
  working: (VersionInfo & { guide: Guide }) | null;
  published: (VersionInfo & { guide: Guide }) | null;
};
export type Fee = ItemOf<'/api/catalog/lists/fees'>;
export type Power = ItemOf<'/api/catalog/lists/power'>;
export type Intermediary = ItemOf<'/api/catalog/lists/intermediary'>;
export type Theme = ItemOf<'/api/catalog/themes'>;
export type BaseItem = ItemOf<'/api/workbench/catalog/items'>;
export type ImportReport = ResponseOf<'/api/workbench/catalog/import', 'post'>;
export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

export interface SearchParams {
  q?: string;
  department?: string;
  region?: string;
  subject?: SubjectType;
  theme?: string;
  itemType?: ItemType;
  flags?: string;
  page?: number;
  pageSize?: number;
}

function qs(params: object): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(new Request(path, { signal }));
  return (await res.json()) as T;
}

async function send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const res = await apiFetch(new Request(path, init));
  return (await res.json()) as T;
}

export const catalogKeys = {
  all: ['catalog'] as const,
  search: (p: SearchParams) => ['catalog', 'search', p] as const,
  guide: (code: string, version?: number) => ['catalog', 'guide', code, version ?? 'current'] as const,
  versions: (code: string) => ['catalog', 'versions', code] as const,
  list: (list: string, page: number, pageSize: number) => ['catalog', 'list', list, page, pageSize] as const,
  workbench: ['catalog', 'workbench'] as const,
};

export function useCatalogSearch(params: SearchParams, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.search(params),
    queryFn: ({ signal }) => get<Page<ImplementationSummary>>(`/api/catalog/items${qs(params)}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGuide(code: string, version?: number) {
  return useQuery({
    queryKey: catalogKeys.guide(code, version),
    queryFn: ({ signal }) => get<GuideDocument>(`/api/catalog/items/${encodeURIComponent(code)}${qs({ version })}`, signal),
  });
}

export function useVersions(code: string) {
  return useQuery({
    queryKey: catalogKeys.versions(code),
    queryFn: ({ signal }) => get<VersionHistory>(`/api/catalog/items/${encodeURIComponent(code)}/versions`, signal),
  });
}

export type PublicList = FlagList | 'fees' | 'power' | 'intermediary';
export type ListRow<L extends PublicList> = L extends 'fees' ? Fee : L extends 'power' ? Power : L extends 'intermediary' ? Intermediary : ImplementationSummary;

export function usePublicList<L extends PublicList>(list: L, page: number, pageSize: number) {
  return useQuery({
    queryKey: catalogKeys.list(list, page, pageSize),
    queryFn: ({ signal }) => get<Page<ListRow<L>>>(`/api/catalog/lists/${list}${qs({ page, pageSize })}`, signal),
    placeholderData: keepPreviousData,
  });
}

// ----- workbench -----

export interface WorkbenchListParams {
  q?: string;
  state?: string;
  pending?: string;
  department?: string;
  page?: number;
  pageSize?: number;
}

const wb = (code: string) => `/api/workbench/catalog/implementations/${encodeURIComponent(code)}`;

export function useWorkbenchList(params: WorkbenchListParams) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'list', params],
    queryFn: ({ signal }) => get<Page<ImplementationSummary>>(`/api/workbench/catalog/implementations${qs(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useWorkbenchImplementation(code: string) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'one', code],
    queryFn: ({ signal }) => get<WorkbenchImplementation>(wb(code), signal),
  });
}

export const workbenchActions = {
  startDraft: (code: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/drafts`),
  saveDraft: (code: string, body: { guide: Guide; changeNote?: string }) => send<WorkbenchImplementation>('PUT', `${wb(code)}/draft`, body),
  submit: (code: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/draft/submit`),
  publish: (code: string, comment?: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/submitted/publish`, comment ? { comment } : {}),
  reject: (code: string, reason: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/submitted/reject`, { reason }),
};

export const stateActions = {
  suspend: (code: string, reason: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/suspend`, { reason }),
  resume: (code: string, reason: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/resume`, { reason }),
  abolish: (code: string, reason: string) => send<WorkbenchImplementation>('POST', `${wb(code)}/abolish`, { reason }),
};

export function createImplementation(body: { baseCode: string; departmentId: string; changeNote?: string }) {
  return send<WorkbenchImplementation>('POST', '/api/workbench/catalog/implementations', body);
}

export function useBaseItems(q: string, enabled = true) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'base-items', q],
    queryFn: ({ signal }) => get<Page<BaseItem>>(`/api/workbench/catalog/items${qs({ q, pageSize: 50 })}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useThemes() {
  return useQuery({ queryKey: ['catalog', 'themes'], queryFn: ({ signal }) => get<Theme[]>('/api/catalog/themes', signal), staleTime: 5 * 60_000 });
}

/** Every fee catalog entry (for the editor's fee picker: only these can be charged). */
export async function feeCatalog(signal?: AbortSignal): Promise<Fee[]> {
  return (await get<Page<Fee>>('/api/catalog/lists/fees?pageSize=100', signal)).items;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The catalog workbook (items, fees, implementations) as a Blob. */
export async function exportCatalog(): Promise<Blob> {
  const res = await apiFetch(new Request('/api/workbench/catalog/export'));
  return res.blob();
}

/** All-or-nothing import; a bad file throws an ApiError whose `extra.problems` lists every bad cell. */
export async function importCatalog(file: File): Promise<ImportReport> {
  const res = await apiFetch(new Request('/api/workbench/catalog/import', { method: 'POST', body: file, headers: { 'Content-Type': XLSX_TYPE } }));
  return (await res.json()) as ImportReport;
}

// ----- workbench: the fee catalog, power list and intermediary list (catalog.list.manage) -----

export type ManagedList = 'fees' | 'powers' | 'intermediaries';
export type WbFee = ItemOf<'/api/workbench/catalog/fees'>;
export type WbPower = ItemOf<'/api/workbench/catalog/powers'>;
export type WbIntermediary = ItemOf<'/api/workbench/catalog/intermediaries'>;
export type FeeCreate = BodyOf<'/api/workbench/catalog/fees', 'post'>;
export type FeeUpdate = BodyOf<'/api/workbench/catalog/fees/{code}', 'put'>;
export type PowerCreate = BodyOf<'/api/workbench/catalog/powers', 'post'>;
export type PowerUpdate = BodyOf<'/api/workbench/catalog/powers/{code}', 'put'>;
export type IntermediaryCreate = BodyOf<'/api/workbench/catalog/intermediaries', 'post'>;
export type IntermediaryUpdate = BodyOf<'/api/workbench/catalog/intermediaries/{code}', 'put'>;
export type EntryStatus = 'active' | 'retired' | 'all';
type Entry<L extends ManagedList> = L extends 'fees' ? WbFee : L extends 'powers' ? WbPower : WbIntermediary;
type CreateOf<L extends ManagedList> = L extends 'fees' ? FeeCreate : L extends 'powers' ? PowerCreate : IntermediaryCreate;
type UpdateOf<L extends ManagedList> = L extends 'fees' ? FeeUpdate : L extends 'powers' ? PowerUpdate : IntermediaryUpdate;

export const listKeys = (list: ManagedList) => [...catalogKeys.workbench, 'lists', list] as const;

export function useManagedList<L extends ManagedList>(list: L, params: { page: number; pageSize: number; q?: string; status?: string }) {
  return useQuery({
    queryKey: [...listKeys(list), params],
    queryFn: ({ signal }) => get<Page<Entry<L>>>(`/api/workbench/catalog/${list}${qs(params)}`, signal),
    placeholderData: keepPreviousData,
  });
}

async function sendWithKey<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const res = await apiFetch(new Request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey } }));
  return (await res.json()) as T;
}

export const listActions = {
  create: <L extends ManagedList>(list: L, body: CreateOf<L>, idempotencyKey: string) => sendWithKey<Entry<L>>(`/api/workbench/catalog/${list}`, body, idempotencyKey),
  update: <L extends ManagedList>(list: L, code: string, body: UpdateOf<L>) => send<Entry<L>>('PUT', `/api/workbench/catalog/${list}/${encodeURIComponent(code)}`, body),
  retire: <L extends ManagedList>(list: L, code: string, reason: string, version: number) => send<Entry<L>>('POST', `/api/workbench/catalog/${list}/${encodeURIComponent(code)}/retire`, { reason, version }),
};
