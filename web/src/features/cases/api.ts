import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../../api/types';

/**
 * The cases API (docs/cases.md), typed from the server's OpenAPI document (web/src/api/schema.d.ts):
 * a renamed field or route is a type error here.
 */
export type CaseView = ResponseOf<'/api/cases/{caseNo}'>;
export type CaseSummary = ItemOf<'/api/cases'>;
export type CaseStatus = CaseView['status'];
export type CaseAction = CaseView['allowedActions'][number];
export type TimelineEntry = CaseView['timeline'][number];
export type CaseMaterial = CaseView['materials'][number];
export type Light = NonNullable<CaseSummary['light']>;
export type CaseListQuery = QueryOf<'/api/cases'>;
export type TodoQuery = QueryOf<'/api/workbench/todo'>;
export type CaseSubmit = BodyOf<'/api/cases', 'post'>;
export type MaterialInput = NonNullable<CaseSubmit['materials']>[number];
export type WalkInApplicant = NonNullable<CaseSubmit['applicant']>;
export type Upload = ResponseOf<'/api/cases/uploads', 'post'>;
export type Draft = ResponseOf<'/api/cases/drafts/{implementationCode}'>;
export type Certificate = ItemOf<'/api/certificates'>;
export type CertificateStatus = Certificate['status'];
export type Verification = ResponseOf<'/api/public/certificates/{identifier}/verify'>;
export type PublicKeyInfo = ResponseOf<'/api/public/certificates/public-key'>;
export type Progress = ResponseOf<'/api/public/progress'>;
export type Disclosed = ItemOf<'/api/public/cases'>;
export type LightCount = ItemOf<'/api/workbench/lights'>;
export type Message = ItemOf<'/api/me/messages'>;
export type MessagePage = ResponseOf<'/api/me/messages'>;
export type TransferCandidates = ResponseOf<'/api/cases/{caseNo}/transfer-candidates'>;
/** `expire` is the system's (a correction not supplied in time): no route. */
export type RoutedAction = Exclude<CaseAction, 'expire'>;
export type ActionBody<A extends RoutedAction> = BodyOf<`/api/cases/{caseNo}/actions/${A}`, 'post'>;

export const caseStatuses = ['pending_acceptance', 'awaiting_correction', 'under_review', 'pending_decision', 'special_procedure', 'pending_issue', 'pending_delivery', 'concluded', 'refused', 'denied', 'withdrawn', 'correction_expired'] as const satisfies readonly CaseStatus[];
export const caseActions = ['accept', 'refuse', 'request_correction', 'submit_correction', 'approve', 'deny', 'return_to_previous', 'transfer', 'start_special_procedure', 'end_special_procedure', 'issue', 'deliver', 'withdraw', 'claim', 'supplement_materials', 'expire'] as const satisfies readonly CaseAction[];
export const lights = ['red', 'yellow', 'green'] as const satisfies readonly Light[];
export const specialProcedures = ['hearing', 'expert_review', 'inspection', 'testing', 'quarantine', 'public_notice', 'other'] as const satisfies readonly ActionBody<'start_special_procedure'>['procedure'][];

// The lists above must be exactly the document's enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _checks: [Same<(typeof caseStatuses)[number], CaseStatus>, Same<(typeof caseActions)[number], CaseAction>, Same<(typeof lights)[number], Light>] = [true, true, true];
void _checks;

export const OPEN_STATUSES: readonly CaseStatus[] = ['pending_acceptance', 'awaiting_correction', 'under_review', 'pending_decision', 'special_procedure', 'pending_issue', 'pending_delivery'];
export const ACCEPTED_UPLOAD = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

/** JSON over apiFetch (cookies, language, ApiError on failure). */
export async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, init: { signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await apiFetch(new Request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: init.signal }));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const qs = (params: Record<string, string | number | boolean | undefined | null>) => {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

export const casesKeys = {
  all: ['cases'] as const,
  list: (q: CaseListQuery) => ['cases', 'list', q] as const,
  case: (caseNo: string) => ['cases', 'case', caseNo] as const,
  todo: (q: TodoQuery) => ['cases', 'todo', q] as const,
  wallet: (page: number) => ['cases', 'wallet', page] as const,
  lights: ['cases', 'lights'] as const,
};

export function useCaseList(query: CaseListQuery) {
  return useQuery({
    queryKey: casesKeys.list(query),
    queryFn: ({ signal }) => call<ResponseOf<'/api/cases'>>('GET', `/api/cases${qs({ ...query })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(caseNo: string) {
  return useQuery({
    queryKey: casesKeys.case(caseNo),
    queryFn: ({ signal }) => call<CaseView>('GET', `/api/cases/${enc(caseNo)}`, undefined, { signal }),
  });
}

export function useTodo(query: TodoQuery) {
  return useQuery({
    queryKey: casesKeys.todo(query),
    queryFn: ({ signal }) => call<ResponseOf<'/api/workbench/todo'>>('GET', `/api/workbench/todo${qs({ ...query })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLights() {
  return useQuery({
    queryKey: casesKeys.lights,
    queryFn: ({ signal }) => call<LightCount[]>('GET', '/api/workbench/lights', undefined, { signal }),
  });
}

export function useWallet(page: number, pageSize = 20, enabled = true) {
  return useQuery({
    queryKey: [...casesKeys.wallet(page), pageSize],
    queryFn: ({ signal }) => call<ResponseOf<'/api/certificates'>>('GET', `/api/certificates${qs({ page, pageSize })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVerification(identifier: string) {
  return useQuery({
    queryKey: ['cases', 'verify', identifier],
    queryFn: ({ signal }) => call<Verification>('GET', `/api/public/certificates/${enc(identifier)}/verify`, undefined, { signal }),
    enabled: identifier.length > 0,
    retry: false,
  });
}

/** The full answer for whoever presents the verification code printed on the certificate (403 cases.certificate_code_wrong). */
export const verifyWithCode = (identifier: string, code: string) => call<Verification>('POST', `/api/public/certificates/${enc(identifier)}/verify`, { code });
/** A new verification code (holder, or staff managing the issuing department's certificates); the old one stops working. */
export const renewVerificationCode = (identifier: string) => call<ResponseOf<'/api/certificates/{identifier}/verification-code', 'post'>>('POST', `/api/certificates/${enc(identifier)}/verification-code`);

export function usePublicKey(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'public-key'],
    queryFn: ({ signal }) => call<PublicKeyInfo>('GET', '/api/public/certificates/public-key', undefined, { signal }),
    enabled,
    staleTime: 60 * 60_000,
  });
}

export function useDisclosure(page: number, q: string, pageSize = 20) {
  return useQuery({
    queryKey: ['cases', 'disclosure', page, pageSize, q],
    queryFn: ({ signal }) => call<ResponseOf<'/api/public/cases'>>('GET', `/api/public/cases${qs({ page, pageSize, q })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const lookupProgress = (caseNo: string, name: string) => call<Progress>('GET', `/api/public/progress${qs({ caseNo, name })}`);

export function caseAction<A extends RoutedAction>(caseNo: string, action: A, body: ActionBody<A>): Promise<CaseView> {
  return call<CaseView>('POST', `/api/cases/${enc(caseNo)}/actions/${action}`, body);
}

export const submitCase = (body: CaseSubmit, idempotencyKey: string) => call<CaseView>('POST', '/api/cases', body, { headers: { 'Idempotency-Key': idempotencyKey } });

/** One material file, raw body; the server detects the type from the content. */
export async function uploadFile(file: File, signal?: AbortSignal): Promise<Upload> {
  const res = await apiFetch(
    new Request(`/api/cases/uploads${qs({ name: file.name.slice(0, 200) })}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
      signal,
    }),
  );
  return (await res.json()) as Upload;
}

export const getDraft = (code: string) => call<Draft>('GET', `/api/cases/drafts/${enc(code)}`);
export const saveDraft = (code: string, body: BodyOf<'/api/cases/drafts/{implementationCode}', 'put'>) => call<Draft>('PUT', `/api/cases/drafts/${enc(code)}`, body);
export const deleteDraft = (code: string) => call<void>('DELETE', `/api/cases/drafts/${enc(code)}`);

export const fileUrl = (caseNo: string, fileId: string) => `/api/cases/${enc(caseNo)}/files/${enc(fileId)}`;
export const pdfUrl = (identifier: string) => `/api/certificates/${enc(identifier)}/pdf`;
export const qrUrl = (identifier: string) => `/api/public/certificates/${enc(identifier)}/qr.svg`;
/** The portal's verification page (the QR code's target; the holder's QR code adds `#code=…`, which never reaches the server). */
export const verifyPath = (identifier: string, code?: string | null) => `/certificates/${enc(identifier)}/verify${code ? `#code=${enc(code)}` : ''}`;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 我的消息: ['messages', …] is also the portal header's unread count (PortalLayout), refreshed together. */
export const messagesKey = ['messages'] as const;

export function useMessages(page: number, pageSize = 10) {
  return useQuery({
    queryKey: [...messagesKey, 'page', page, pageSize],
    queryFn: ({ signal }) => call<MessagePage>('GET', `/api/me/messages${qs({ page, pageSize })}`, undefined, { signal }),
    placeholderData: keepPreviousData,
  });
}

export const markMessageRead = (id: string) => call<void>('POST', `/api/me/messages/${enc(id)}/read`);
export const markAllMessagesRead = () => call<{ updated: number }>('POST', '/api/me/messages/read-all');

export function useTransferCandidates(caseNo: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'transfer-candidates', caseNo],
    queryFn: ({ signal }) => call<TransferCandidates>('GET', `/api/cases/${enc(caseNo)}/transfer-candidates`, undefined, { signal }),
    enabled,
  });
}
