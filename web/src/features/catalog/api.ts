import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { Page } from '../../api/types';

/**
 * The catalog API (docs/catalog.md). The generated `paths` do not contain /api/catalog yet, so the
 * calls are typed here by interfaces mirroring server/src/modules/catalog/{guide,schemas}.ts.
 */
export type SubjectType = 'person' | 'entity';
export type ItemType = 'licensing' | 'confirmation' | 'benefit' | 'levy' | 'award' | 'adjudication' | 'other_power' | 'public_service';
export type ImplementationState = 'unpublished' | 'published' | 'suspended' | 'abolished';
export type FlagList = 'do-now' | 'do-online' | 'do-in-one-visit';
export type MaterialSource = 'applicant' | 'government' | 'commitment';
export type MaterialForm = 'original' | 'copy' | 'original_and_copy' | 'electronic';

export interface ImplementationSummary {
  implementationCode: string;
  baseCode: string;
  name: string;
  itemType: ItemType;
  itemTypeName: string;
  subjectTypes: SubjectType[];
  themes: string[];
  departmentId: string;
  departmentName: string;
  regionCode: string;
  regionPath: string;
  level: number;
  state: ImplementationState;
  publishedVersion: number | null;
  doNow: boolean;
  doOnline: boolean;
  doInOneVisit: boolean;
  onlineLevel: 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ' | null;
  promisedLimitDays: number | null;
  visitsRequired: number | null;
  views: number;
  score?: number;
}

export interface Material {
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  paperSize?: string;
  source: MaterialSource;
  sourceNote?: string;
  fetchedBySharing?: boolean;
  blankFormUrl?: string;
  sampleUrl?: string;
  fillingNotes?: string;
  acceptanceStandard?: string;
  basis?: string;
}

export interface Guide {
  acceptanceConditions: string[];
  materials: Material[];
  process: { step: string; description: string; limitDays?: number }[];
  statutoryLimitDays: number;
  statutoryLimitNote?: string;
  promisedLimitDays: number;
  promisedLimitNote?: string;
  processingType: 'instant' | 'promised';
  visitsRequired: number;
  onsiteReason?: string;
  onlineDepth: number[];
  doNow: boolean;
  doOnline: boolean;
  doInOneVisit: boolean;
  handlingMode: 'self' | 'preliminary' | 'joint' | 'forward';
  powerSource: string;
  serviceScope?: string;
  fees: { feeCode: string; note?: string }[];
  places: { name: string; address: string; window?: string; hours: string }[];
  phones: { inquiry: string; complaint: string };
  onlineUrl?: string;
  result: { name: string; type: 'certificate' | 'approval' | 'filing' | 'confirmation' | 'payment' | 'other'; sampleUrl?: string };
  delivery: ('pickup' | 'post' | 'electronic')[];
  supportsAppointment: boolean;
  supportsOnlinePayment: boolean;
  intermediaryServices: string[];
  specialProcedures: { name: string; limitDays: number; note?: string }[];
  faq: { question: string; answer: string }[];
  /** Staff only: never in a public response. */
  reviewRules?: string;
}

export interface GuideDocument extends ImplementationSummary {
  version: number;
  versionStatus: string;
  publishedAt: string | null;
  legalBasis: string;
  keywords: string[];
  guide: Guide;
  feeDetails: { feeCode: string; note: string | null; name: string; kind: string; standard: string; basis: string }[];
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface VersionHistory {
  implementationCode: string;
  name: string;
  current: number | null;
  versions: { version: number; status: string; publishedAt: string | null; changeNote: string | null; changes: FieldChange[] }[];
}

export interface VersionInfo {
  version: number;
  status: 'draft' | 'submitted' | 'published' | 'superseded' | string;
  changeNote: string | null;
  reviewComment: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface WorkbenchImplementation extends ImplementationSummary {
  legalBasis: string;
  keywords: string[];
  stateReason: string | null;
  working: (VersionInfo & { guide: Guide }) | null;
  published: (VersionInfo & { guide: Guide }) | null;
  changes: FieldChange[];
  versions: VersionInfo[];
}

export interface Fee {
  code: string;
  name: string;
  kind: 'administrative_fee' | 'government_fund';
  basis: string;
  standard: string;
  collectingDepartmentId: string | null;
  collectingDepartmentName: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  effective: boolean;
}

export interface Power {
  code: string;
  name: string;
  powerType: string;
  basis: string;
  responsibilities: string;
  accountability: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
}

export interface Intermediary {
  code: string;
  name: string;
  basis: string;
  requiredFor: string;
  providerRequirements: string;
  timeLimit: string | null;
  feeNote: string | null;
  departmentName: string;
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
