import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../../api/types';
import { compact, idempotent } from '../../lib/api-call';

/** The evaluation (好差评) API, typed from the server's OpenAPI document. */
export const levels = [5, 4, 3, 2, 1] as const;
export const onlineDimensions = ['efficiency', 'guideAccuracy', 'convenience', 'usability'] as const;
export const evaluationTags = [
  'overdue_without_reason',
  'conditions_beyond_guide',
  'materials_beyond_guide',
  'repeated_visits',
  'guide_unclear',
  'poor_attitude',
  'platform_problem',
  'other',
] as const;
export const rectificationStatuses = ['open', 'appealed', 'submitted', 'closed', 'annulled'] as const;

export type CaseEvaluation = ResponseOf<'/api/cases/{caseNo}/evaluation'>;
export type Evaluation = NonNullable<CaseEvaluation['evaluation']>;
export type EvaluationCreate = BodyOf<'/api/cases/{caseNo}/evaluation', 'post'>;
export type Rectification = ItemOf<'/api/workbench/rectifications'>;
export type RectificationDetail = ResponseOf<'/api/workbench/rectifications/{id}'>;
export type RectificationQuery = QueryOf<'/api/workbench/rectifications'>;
export type Summary = ResponseOf<'/api/public/evaluation/summary'>;
export type SummaryRow = Summary['departments'][number];
export type PublicBadReview = ItemOf<'/api/public/evaluation/bad-reviews'>;
export type StaffEvaluation = ItemOf<'/api/workbench/evaluations/mine'>;

export const evaluationKeys = {
  all: ['evaluation'] as const,
  ofCase: (caseNo: string) => ['evaluation', 'case', caseNo] as const,
  rectifications: ['evaluation', 'rectifications'] as const,
  rectification: (id: string) => ['evaluation', 'rectifications', id] as const,
  mine: ['evaluation', 'mine'] as const,
  summary: ['evaluation', 'public', 'summary'] as const,
  badReviews: ['evaluation', 'public', 'bad-reviews'] as const,
};

export function useCaseEvaluation(caseNo: string) {
  return useQuery({
    queryKey: evaluationKeys.ofCase(caseNo),
    queryFn: ({ signal }) => unwrap(api.GET('/api/cases/{caseNo}/evaluation', { params: { path: { caseNo } }, signal })),
  });
}

export const evaluateCase = (caseNo: string, body: EvaluationCreate, key: string) =>
  unwrap(api.POST('/api/cases/{caseNo}/evaluation', { params: { path: { caseNo } }, body, headers: idempotent(key) }));

export const rateRectification = (caseNo: string, body: BodyOf<'/api/cases/{caseNo}/evaluation/rectification-rating', 'post'>) =>
  unwrap(api.POST('/api/cases/{caseNo}/evaluation/rectification-rating', { params: { path: { caseNo } }, body }));

export function useRectifications(query: RectificationQuery) {
  return useQuery({
    queryKey: [...evaluationKeys.rectifications, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/rectifications', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRectification(id: string) {
  return useQuery({
    queryKey: evaluationKeys.rectification(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/rectifications/{id}', { params: { path: { id } }, signal })),
  });
}

export type UnitAction = 'follow_up' | 'submit' | 'appeal' | 'decide';
export type ActionBody =
  | { kind: 'follow_up'; body: BodyOf<'/api/workbench/rectifications/{id}/follow-up', 'post'> }
  | { kind: 'submit'; body: BodyOf<'/api/workbench/rectifications/{id}/submit', 'post'> }
  | { kind: 'appeal'; body: BodyOf<'/api/workbench/rectifications/{id}/appeal', 'post'> }
  | { kind: 'decide'; body: BodyOf<'/api/workbench/rectifications/{id}/appeal-decision', 'post'> };

/** One POST per rectification action. */
export function rectificationAction(id: string, a: ActionBody) {
  const path = { params: { path: { id } } };
  switch (a.kind) {
    case 'follow_up':
      return unwrap(api.POST('/api/workbench/rectifications/{id}/follow-up', { ...path, body: a.body }));
    case 'submit':
      return unwrap(api.POST('/api/workbench/rectifications/{id}/submit', { ...path, body: a.body }));
    case 'appeal':
      return unwrap(api.POST('/api/workbench/rectifications/{id}/appeal', { ...path, body: a.body }));
    case 'decide':
      return unwrap(api.POST('/api/workbench/rectifications/{id}/appeal-decision', { ...path, body: a.body }));
  }
}

export function useMyStaffEvaluations(query: QueryOf<'/api/workbench/evaluations/mine'>) {
  return useQuery({
    queryKey: [...evaluationKeys.mine, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/evaluations/mine', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicSummary() {
  return useQuery({ queryKey: evaluationKeys.summary, queryFn: ({ signal }) => unwrap(api.GET('/api/public/evaluation/summary', { signal })) });
}

export function usePublicBadReviews(query: QueryOf<'/api/public/evaluation/bad-reviews'>) {
  return useQuery({
    queryKey: [...evaluationKeys.badReviews, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/evaluation/bad-reviews', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export type TokenView = ResponseOf<'/api/public/evaluation/{token}'>;
export type TokenEvaluationCreate = BodyOf<'/api/public/evaluation/{token}', 'post'>;
export type VisitEvaluation = ResponseOf<'/api/workbench/cases/{caseNo}/visit-evaluation', 'post'>;

/** What a one-time evaluation link rates (SMS after conclusion, or a window visit code); no sign-in. */
export function useTokenView(token: string) {
  return useQuery({
    queryKey: ['evaluation', 'token', token],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/evaluation/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

export const evaluateByToken = (token: string, body: TokenEvaluationCreate) =>
  unwrap(api.POST('/api/public/evaluation/{token}', { params: { path: { token } }, body }));

/** The counters a visit may be rated at: the windows of the halls (their org window ids), labelled hall + number. */
export function useCounterWindows(enabled: boolean) {
  return useQuery({
    queryKey: ['evaluation', 'counter-windows'],
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const halls = await unwrap(api.GET('/api/public/appointments/halls'));
      const seen = new Map<string, string>();
      for (const h of halls) for (const g of h.groups) for (const w of g.windows) if (!seen.has(w.id)) seen.set(w.id, `${h.name} ${w.number}`);
      return [...seen].map(([value, label]) => ({ value, label }));
    },
  });
}

/** Opens a visit code; without `windowId` the server takes the window the case was filed at (400 when it has none). */
export const openVisitEvaluation = (caseNo: string, windowId?: string) =>
  unwrap(api.POST('/api/workbench/cases/{caseNo}/visit-evaluation', { params: { path: { caseNo } }, body: windowId ? { windowId } : null }));
