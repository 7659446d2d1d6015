import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, Page, QueryOf, ResponseOf } from '../../api/types';
import { apiUrl, compact, fileBody, idempotent, oneOf } from '../../lib/api-call';

/**
 * The catalog API (docs/catalog.md), typed from the server's OpenAPI document (web/src/api/types.ts).
 */
export type ImplementationSummary = ItemOf<'/api/catalog/items'>;
export type SubjectType = ImplementationSummary['subjectTypes'][number];
export type ItemType = ImplementationSummary['itemType'];
export type ImplementationState = ImplementationSummary['state'];
export const implementationStates = ['unpublished', 'published', 'suspended', 'abolished'] as const satisfies readonly ImplementationState[];
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

export type SearchParams = QueryOf<'/api/catalog/items'>;

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
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items', { params: { query: compact(params) }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGuide(implementationCode: string, version?: number) {
  return useQuery({
    queryKey: catalogKeys.guide(implementationCode, version),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/catalog/items/{implementationCode}', { params: { path: { implementationCode }, query: { version } }, signal })),
  });
}

export function useVersions(implementationCode: string) {
  return useQuery({
    queryKey: catalogKeys.versions(implementationCode),
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/items/{implementationCode}/versions', { params: { path: { implementationCode } }, signal })),
  });
}

export type PublicList = FlagList | 'fees' | 'power' | 'intermediary';
type FlagRow = ItemOf<'/api/catalog/lists/{list}'>;
/** The row of each public list (a map, so a list picked by a type parameter keeps its own row type). */
export interface PublicRows {
  'do-now': FlagRow;
  'do-online': FlagRow;
  'do-in-one-visit': FlagRow;
  fees: Fee;
  power: Power;
  intermediary: Intermediary;
}
type Paging = { page: number; pageSize: number };
const publicLists: { [L in PublicList]: (query: Paging, signal: AbortSignal) => Promise<Page<PublicRows[L]>> } = {
  'do-now': (query, signal) => unwrap(api.GET('/api/catalog/lists/{list}', { params: { path: { list: 'do-now' }, query }, signal })),
  'do-online': (query, signal) => unwrap(api.GET('/api/catalog/lists/{list}', { params: { path: { list: 'do-online' }, query }, signal })),
  'do-in-one-visit': (query, signal) => unwrap(api.GET('/api/catalog/lists/{list}', { params: { path: { list: 'do-in-one-visit' }, query }, signal })),
  fees: (query, signal) => unwrap(api.GET('/api/catalog/lists/fees', { params: { query }, signal })),
  power: (query, signal) => unwrap(api.GET('/api/catalog/lists/power', { params: { query }, signal })),
  intermediary: (query, signal) => unwrap(api.GET('/api/catalog/lists/intermediary', { params: { query }, signal })),
};

export function usePublicList<L extends PublicList>(list: L, page: number, pageSize: number) {
  return useQuery({
    queryKey: catalogKeys.list(list, page, pageSize),
    queryFn: ({ signal }): Promise<Page<PublicRows[L]>> => publicLists[list]({ page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV download of a public list (a link the browser follows). */
export const publicListCsvUrl = (list: PublicList) => apiUrl('/api/catalog/lists/{list}/download', { list });

// ----- workbench -----

export type WorkbenchListParams = QueryOf<'/api/workbench/catalog/implementations'>;

const byCode = (implementationCode: string) => ({ path: { implementationCode } });

export function useWorkbenchList(params: WorkbenchListParams) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'list', params],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/catalog/implementations', { params: { query: compact(params) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkbenchImplementation(code: string) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'one', code],
    queryFn: async ({ signal }) =>
      withGuides(await unwrap(api.GET('/api/workbench/catalog/implementations/{implementationCode}', { params: byCode(code), signal }))),
  });
}

/**
 * The document types the working and published guides `unknown` (they hold review rules the public
 * guide lacks): read them as the staff guide they are, checked by shape.
 */
function withGuides(raw: WorkbenchRaw): WorkbenchImplementation {
  const version = (v: WorkbenchRaw['working']) => (v && isGuideVersion(v) ? v : null);
  return { ...raw, working: version(raw.working), published: version(raw.published) };
}

function isGuideVersion(v: object): v is VersionInfo & { guide: Guide } {
  if (!('guide' in v) || typeof v.guide !== 'object' || v.guide === null) return false;
  return 'materials' in v.guide && Array.isArray(v.guide.materials);
}

export const workbenchActions = {
  startDraft: async (code: string) =>
    withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/drafts', { params: byCode(code) }))),
  saveDraft: async (code: string, body: BodyOf<'/api/workbench/catalog/implementations/{implementationCode}/draft', 'put'>) =>
    withGuides(await unwrap(api.PUT('/api/workbench/catalog/implementations/{implementationCode}/draft', { params: byCode(code), body }))),
  submit: async (code: string) =>
    withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/draft/submit', { params: byCode(code) }))),
  publish: async (code: string, comment?: string) =>
    withGuides(
      await unwrap(
        api.POST('/api/workbench/catalog/implementations/{implementationCode}/submitted/publish', { params: byCode(code), body: comment ? { comment } : {} }),
      ),
    ),
  reject: async (code: string, reason: string) =>
    withGuides(
      await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/submitted/reject', { params: byCode(code), body: { reason } })),
    ),
};

export const stateActions = {
  suspend: async (code: string, reason: string) =>
    withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/suspend', { params: byCode(code), body: { reason } }))),
  resume: async (code: string, reason: string) =>
    withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/resume', { params: byCode(code), body: { reason } }))),
  abolish: async (code: string, reason: string) =>
    withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations/{implementationCode}/abolish', { params: byCode(code), body: { reason } }))),
};

export async function createImplementation(body: BodyOf<'/api/workbench/catalog/implementations', 'post'>) {
  return withGuides(await unwrap(api.POST('/api/workbench/catalog/implementations', { body })));
}

export function useBaseItems(q: string, enabled = true) {
  return useQuery({
    queryKey: [...catalogKeys.workbench, 'base-items', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/catalog/items', { params: { query: compact({ q, pageSize: 50 }) }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useThemes() {
  return useQuery({ queryKey: ['catalog', 'themes'], queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/themes', { signal })), staleTime: 5 * 60_000 });
}

/** Every fee catalog entry (for the editor's fee picker: only these can be charged). */
export async function feeCatalog(signal?: AbortSignal): Promise<Fee[]> {
  return (await unwrap(api.GET('/api/catalog/lists/fees', { params: { query: { pageSize: 100 } }, signal }))).items;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The catalog workbook (items, fees, implementations) as a Blob. */
export function exportCatalog(): Promise<Blob> {
  return unwrap(api.GET('/api/workbench/catalog/export', { parseAs: 'blob' }));
}

/** All-or-nothing import; a bad file throws an ApiError whose `errors[]` name every bad cell (`sheet!row:column`). */
export function importCatalog(file: File): Promise<ImportReport> {
  return unwrap(api.POST('/api/workbench/catalog/import', fileBody(file, XLSX_TYPE)));
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

/** Per list: its entry, create and update bodies (maps, so a list chosen by a type parameter keeps its own types). */
interface Entries {
  fees: WbFee;
  powers: WbPower;
  intermediaries: WbIntermediary;
}
/** What a create, update or retire answers (the list's rows add `citedBy`). */
interface Saved {
  fees: ResponseOf<'/api/workbench/catalog/fees', 'post'>;
  powers: ResponseOf<'/api/workbench/catalog/powers', 'post'>;
  intermediaries: ResponseOf<'/api/workbench/catalog/intermediaries', 'post'>;
}
interface Creates {
  fees: FeeCreate;
  powers: PowerCreate;
  intermediaries: IntermediaryCreate;
}
interface Updates {
  fees: FeeUpdate;
  powers: PowerUpdate;
  intermediaries: IntermediaryUpdate;
}
type ManagedQuery = QueryOf<'/api/workbench/catalog/fees'>;
type ManagedApi = {
  [L in ManagedList]: {
    list: (query: ManagedQuery, signal: AbortSignal) => Promise<Page<Entries[L]>>;
    create: (body: Creates[L], idempotencyKey: string) => Promise<Saved[L]>;
    update: (code: string, body: Updates[L]) => Promise<Saved[L]>;
    retire: (code: string, body: { reason: string; version: number }) => Promise<Saved[L]>;
  };
};
const managed: ManagedApi = {
  fees: {
    list: (query, signal) => unwrap(api.GET('/api/workbench/catalog/fees', { params: { query }, signal })),
    create: (body, key) => unwrap(api.POST('/api/workbench/catalog/fees', { body, headers: idempotent(key) })),
    update: (code, body) => unwrap(api.PUT('/api/workbench/catalog/fees/{code}', { params: { path: { code } }, body })),
    retire: (code, body) => unwrap(api.POST('/api/workbench/catalog/fees/{code}/retire', { params: { path: { code } }, body })),
  },
  powers: {
    list: (query, signal) => unwrap(api.GET('/api/workbench/catalog/powers', { params: { query }, signal })),
    create: (body, key) => unwrap(api.POST('/api/workbench/catalog/powers', { body, headers: idempotent(key) })),
    update: (code, body) => unwrap(api.PUT('/api/workbench/catalog/powers/{code}', { params: { path: { code } }, body })),
    retire: (code, body) => unwrap(api.POST('/api/workbench/catalog/powers/{code}/retire', { params: { path: { code } }, body })),
  },
  intermediaries: {
    list: (query, signal) => unwrap(api.GET('/api/workbench/catalog/intermediaries', { params: { query }, signal })),
    create: (body, key) => unwrap(api.POST('/api/workbench/catalog/intermediaries', { body, headers: idempotent(key) })),
    update: (code, body) => unwrap(api.PUT('/api/workbench/catalog/intermediaries/{code}', { params: { path: { code } }, body })),
    retire: (code, body) => unwrap(api.POST('/api/workbench/catalog/intermediaries/{code}/retire', { params: { path: { code } }, body })),
  },
};

export const listKeys = (list: ManagedList) => [...catalogKeys.workbench, 'lists', list] as const;

export function useManagedList<L extends ManagedList>(list: L, params: { page: number; pageSize: number; q?: string; status?: string }) {
  const { status, ...rest } = params;
  const query: ManagedQuery = { ...rest, status: oneOf(entryStatuses, status) };
  return useQuery({
    queryKey: [...listKeys(list), params],
    queryFn: ({ signal }): Promise<Page<Entries[L]>> => managed[list].list(compact(query), signal),
    placeholderData: keepPreviousData,
  });
}
const entryStatuses = ['active', 'retired', 'all'] as const satisfies readonly EntryStatus[];

export const listActions = {
  create: <L extends ManagedList>(list: L, body: Creates[L], idempotencyKey: string): Promise<Saved[L]> => managed[list].create(body, idempotencyKey),
  update: <L extends ManagedList>(list: L, code: string, body: Updates[L]): Promise<Saved[L]> => managed[list].update(code, body),
  retire: <L extends ManagedList>(list: L, code: string, reason: string, version: number): Promise<Saved[L]> => managed[list].retire(code, { reason, version }),
};
