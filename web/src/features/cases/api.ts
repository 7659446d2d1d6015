import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { apiUrl, compact, fileBody, idempotent } from '../../lib/api-call';
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
export type Message = ItemOf<'/api/me/messages'>;
export type MessagePage = ResponseOf<'/api/me/messages'>;
export type TransferCandidates = ResponseOf<'/api/cases/{caseNo}/transfer-candidates'>;
/** `expire` (a correction not supplied in time) and the payment wait's `await_payment` / `payment_received` are the system's: no route. */
export type RoutedAction = Exclude<CaseAction, 'expire' | 'await_payment' | 'payment_received'>;
export type ActionBody<A extends RoutedAction> = BodyOf<`/api/cases/{caseNo}/actions/${A}`, 'post'>;

export const caseStatuses = [
  'pending_acceptance',
  'awaiting_correction',
  'under_review',
  'pending_decision',
  'special_procedure',
  'pending_issue',
  'pending_delivery',
  'concluded',
  'refused',
  'denied',
  'withdrawn',
  'correction_expired',
  'awaiting_payment',
] as const satisfies readonly CaseStatus[];
export const caseActions = [
  'accept',
  'refuse',
  'request_correction',
  'submit_correction',
  'approve',
  'deny',
  'return_to_previous',
  'transfer',
  'start_special_procedure',
  'end_special_procedure',
  'issue',
  'deliver',
  'withdraw',
  'claim',
  'supplement_materials',
  'expire',
  'await_payment',
  'payment_received',
  'countersign',
] as const satisfies readonly CaseAction[];
export const lights = ['red', 'yellow', 'green'] as const satisfies readonly Light[];
export const specialProcedures = [
  'hearing',
  'expert_review',
  'inspection',
  'testing',
  'quarantine',
  'public_notice',
  'other',
] as const satisfies readonly ActionBody<'start_special_procedure'>['procedure'][];
export type SpecialProcedure = (typeof specialProcedures)[number];

// The lists above must be exactly the document's enums.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _checks: [Same<(typeof caseStatuses)[number], CaseStatus>, Same<(typeof caseActions)[number], CaseAction>, Same<(typeof lights)[number], Light>] = [
  true,
  true,
  true,
];
void _checks;

export const OPEN_STATUSES: readonly CaseStatus[] = [
  'pending_acceptance',
  'awaiting_correction',
  'under_review',
  'pending_decision',
  'special_procedure',
  'pending_issue',
  'pending_delivery',
  'awaiting_payment',
];
export const ACCEPTED_UPLOAD = '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

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
    queryFn: ({ signal }) => unwrap(api.GET('/api/cases', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCase(caseNo: string) {
  return useQuery({
    queryKey: casesKeys.case(caseNo),
    queryFn: ({ signal }) => unwrap(api.GET('/api/cases/{caseNo}', { params: { path: { caseNo } }, signal })),
  });
}

export function useTodo(query: TodoQuery) {
  return useQuery({
    queryKey: casesKeys.todo(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/todo', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWallet(page: number, pageSize = 20, enabled = true) {
  return useQuery({
    queryKey: [...casesKeys.wallet(page), pageSize],
    queryFn: ({ signal }) => unwrap(api.GET('/api/certificates', { params: { query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVerification(identifier: string) {
  return useQuery({
    queryKey: ['cases', 'verify', identifier],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/certificates/{identifier}/verify', { params: { path: { identifier } }, signal })),
    enabled: identifier.length > 0,
    retry: false,
  });
}

/** The full answer for whoever presents the verification code printed on the certificate (403 cases.certificate_code_wrong). */
export const verifyWithCode = (identifier: string, code: string) =>
  unwrap(api.POST('/api/public/certificates/{identifier}/verify', { params: { path: { identifier } }, body: { code } }));
/** A new verification code (holder, or staff managing the issuing department's certificates); the old one stops working. */
export const renewVerificationCode = (identifier: string) =>
  unwrap(api.POST('/api/certificates/{identifier}/verification-code', { params: { path: { identifier } } }));

export function usePublicKey(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'public-key'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/certificates/public-key', { signal })),
    enabled,
    staleTime: 60 * 60_000,
  });
}

export function useDisclosure(page: number, q: string, pageSize = 20) {
  return useQuery({
    queryKey: ['cases', 'disclosure', page, pageSize, q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/cases', { params: { query: compact({ page, pageSize, q }) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const lookupProgress = (caseNo: string, name: string) => unwrap(api.GET('/api/public/progress', { params: { query: { caseNo, name } } }));

/** One routed action with its body, as the document types it (the action picks the body's shape). */
export type CaseActionRequest = { [A in RoutedAction]: { action: A; body: ActionBody<A> } }[RoutedAction];

export function caseAction(caseNo: string, request: CaseActionRequest): Promise<CaseView> {
  const path = { path: { caseNo } };
  switch (request.action) {
    case 'accept':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/accept', { params: path, body: request.body }));
    case 'refuse':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/refuse', { params: path, body: request.body }));
    case 'request_correction':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/request_correction', { params: path, body: request.body }));
    case 'submit_correction':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/submit_correction', { params: path, body: request.body }));
    case 'approve':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/approve', { params: path, body: request.body }));
    case 'deny':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/deny', { params: path, body: request.body }));
    case 'return_to_previous':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/return_to_previous', { params: path, body: request.body }));
    case 'transfer':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/transfer', { params: path, body: request.body }));
    case 'start_special_procedure':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/start_special_procedure', { params: path, body: request.body }));
    case 'end_special_procedure':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/end_special_procedure', { params: path, body: request.body }));
    case 'issue':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/issue', { params: path, body: request.body }));
    case 'deliver':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/deliver', { params: path, body: request.body }));
    case 'withdraw':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/withdraw', { params: path, body: request.body }));
    case 'claim':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/claim', { params: path, body: request.body }));
    case 'supplement_materials':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/supplement_materials', { params: path, body: request.body }));
    case 'countersign':
      return unwrap(api.POST('/api/cases/{caseNo}/actions/countersign', { params: path, body: request.body }));
  }
}

export const submitCase = (body: CaseSubmit, idempotencyKey: string) => unwrap(api.POST('/api/cases', { body, headers: idempotent(idempotencyKey) }));

/** One material file, raw body; the server detects the type from the content. */
export function uploadFile(file: File, signal?: AbortSignal): Promise<Upload> {
  return unwrap(
    api.POST('/api/cases/uploads', {
      params: { query: { name: file.name.slice(0, 200) } },
      ...fileBody(file, 'application/octet-stream'),
      signal,
    }),
  );
}

export const getDraft = (implementationCode: string) => unwrap(api.GET('/api/cases/drafts/{implementationCode}', { params: { path: { implementationCode } } }));
export const saveDraft = (implementationCode: string, body: BodyOf<'/api/cases/drafts/{implementationCode}', 'put'>) =>
  unwrap(api.PUT('/api/cases/drafts/{implementationCode}', { params: { path: { implementationCode } }, body }));
export const deleteDraft = (implementationCode: string) =>
  unwrap(api.DELETE('/api/cases/drafts/{implementationCode}', { params: { path: { implementationCode } } }));

/** Addresses the browser opens itself (a file link, the PDF download, the QR image), checked against the document. */
export const fileUrl = (caseNo: string, fileId: string) => apiUrl('/api/cases/{caseNo}/files/{fileId}', { caseNo, fileId });
export const pdfUrl = (identifier: string) => apiUrl('/api/certificates/{identifier}/pdf', { identifier });
/** The printable certificate as a Blob (the first one takes a few seconds: the page shows a spinner meanwhile). */
export const fetchCertificatePdf = (identifier: string): Promise<Blob> =>
  unwrap(api.GET('/api/certificates/{identifier}/pdf', { params: { path: { identifier } }, parseAs: 'blob' })) as Promise<Blob>;
export const qrUrl = (identifier: string) => apiUrl('/api/public/certificates/{identifier}/qr.svg', { identifier });
/** The portal's verification page (the QR code's target; the holder's QR code adds `#code=…`, which never reaches the server). */
export const verifyPath = (identifier: string, code?: string | null) => `/certificates/${enc(identifier)}/verify${code ? `#code=${enc(code)}` : ''}`;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// 我的消息's list and marking read: the inbox's (features/inbox/api.ts), ['messages', …] with the header's unread count.

export function useTransferCandidates(caseNo: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'transfer-candidates', caseNo],
    queryFn: ({ signal }) => unwrap(api.GET('/api/cases/{caseNo}/transfer-candidates', { params: { path: { caseNo } }, signal })),
    enabled,
  });
}
