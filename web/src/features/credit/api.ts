import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../../api/types';
import { compact, idempotent } from '../../lib/api-call';

/** The credit (信用) API, typed from the server's OpenAPI document. */
export type CreditRecord = ItemOf<'/api/workbench/credit/records'>;
export type RecordQuery = QueryOf<'/api/workbench/credit/records'>;
export type ListEntry = ItemOf<'/api/workbench/credit/lists'>;
export type EntryQuery = QueryOf<'/api/workbench/credit/lists'>;
export type EntryAction = ListEntry['allowedActions'][number];
export type EntryActionBody = BodyOf<'/api/workbench/credit/lists/{id}/{action}', 'post'>;
export type EntryCreate = BodyOf<'/api/workbench/credit/lists', 'post'>;
export type Repair = ItemOf<'/api/workbench/credit/repairs'>;
export type RepairDecision = BodyOf<'/api/workbench/credit/repairs/{id}/decision', 'post'>;
export type MeasureRule = ResponseOf<'/api/workbench/credit/measures'>[number];
export type Disclosure = ItemOf<'/api/public/credit/disclosures'>;
export type PublicCredit = ResponseOf<'/api/public/credit/{uscc}'>;
export type LevelRule = ResponseOf<'/api/workbench/credit/level-rules'>['rules'][number];
export type LevelRuleBody = BodyOf<'/api/workbench/credit/level-rules/{factorKind}/{factor}', 'put'>;
type LevelRulePath = paths['/api/workbench/credit/level-rules/{factorKind}/{factor}']['put']['parameters']['path'];

export const creditKeys = {
  all: ['credit'] as const,
  board: ['credit', 'board'] as const,
  alerts: ['credit', 'board', 'alerts'] as const,
  records: (q: RecordQuery) => ['credit', 'records', q] as const,
  lists: (q: EntryQuery) => ['credit', 'lists', q] as const,
  repairs: (page: number) => ['credit', 'repairs', page] as const,
  measures: ['credit', 'measures'] as const,
  levelRules: ['credit', 'level-rules'] as const,
  disclosures: (page: number) => ['credit', 'public', 'disclosures', page] as const,
  lookup: (uscc: string) => ['credit', 'public', uscc] as const,
};

export const useDisclosureBoard = () =>
  useQuery({ queryKey: creditKeys.board, queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/disclosure-board', { signal })) });

/** The last day's 双公示 deadline digests (最近提醒); the job sends them, the page only reads. */
export const useDisclosureAlerts = () =>
  useQuery({ queryKey: creditKeys.alerts, queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/disclosure-alerts', { signal })) });

export const useCreditRecords = (q: RecordQuery) =>
  useQuery({
    queryKey: creditKeys.records(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/records', { params: { query: compact(q) }, signal })),
    placeholderData: keepPreviousData,
  });

export const useListEntries = (q: EntryQuery) =>
  useQuery({
    queryKey: creditKeys.lists(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/lists', { params: { query: compact(q) }, signal })),
    placeholderData: keepPreviousData,
  });

export const useRepairs = (page: number) =>
  useQuery({
    queryKey: creditKeys.repairs(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/repairs', { params: { query: { page, pageSize: 20 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const useMeasures = () =>
  useQuery({ queryKey: creditKeys.measures, queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/measures', { signal })), staleTime: Infinity });

/** The credit level rules (base, points per record kind and list, thresholds). */
export const useLevelRules = () =>
  useQuery({ queryKey: creditKeys.levelRules, queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/credit/level-rules', { signal })) });

/** Sets one rule's points (credit.level.manage); the server keeps the thresholds A > B > C (422 otherwise). */
export function useSetLevelRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: Pick<LevelRule, 'factorKind' | 'factor'>; body: LevelRuleBody }) =>
      unwrap(
        api.PUT('/api/workbench/credit/level-rules/{factorKind}/{factor}', {
          params: { path: { factorKind: rule.factorKind, factor: rule.factor as LevelRulePath['factor'] } },
          body,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: creditKeys.all }),
  });
}

export const usePublicDisclosures = (page: number) =>
  useQuery({
    queryKey: creditKeys.disclosures(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/credit/disclosures', { params: { query: { page, pageSize: 10 } }, signal })),
    placeholderData: keepPreviousData,
  });

export const usePublicCredit = (uscc: string) =>
  useQuery({
    queryKey: creditKeys.lookup(uscc),
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/credit/{uscc}', { params: { path: { uscc } }, signal })),
    enabled: uscc.length === 18,
    retry: false,
  });

/** The office's writes; each refreshes every credit query. */
export function useCreditMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: creditKeys.all });
  return {
    publish: useMutation({
      mutationFn: (id: string) => unwrap(api.POST('/api/workbench/credit/records/{id}/publish', { params: { path: { id } } })),
      onSuccess: done,
    }),
    step: useMutation({
      mutationFn: ({ id, action, body }: { id: string; action: EntryAction; body: EntryActionBody }) =>
        unwrap(api.POST('/api/workbench/credit/lists/{id}/{action}', { params: { path: { id, action } }, body })),
      onSuccess: done,
    }),
    propose: useMutation({
      mutationFn: (body: EntryCreate) => unwrap(api.POST('/api/workbench/credit/lists', { body })),
      onSuccess: done,
    }),
    decide: useMutation({
      mutationFn: ({ id, body }: { id: string; body: RepairDecision }) =>
        unwrap(api.POST('/api/workbench/credit/repairs/{id}/decision', { params: { path: { id } }, body })),
      onSuccess: done,
    }),
  };
}

export type MyCreditFile = ResponseOf<'/api/credit/mine'>;
export type RepairCreate = BodyOf<'/api/credit/repairs', 'post'>;

export const useMyCreditFile = () =>
  useQuery({ queryKey: [...creditKeys.all, 'mine'], queryFn: ({ signal }) => unwrap(api.GET('/api/credit/mine', { signal })) });

/** The subject's repair application (idempotent: one key per form). */
export function useApplyForRepair() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: RepairCreate; key: string }) => unwrap(api.POST('/api/credit/repairs', { body, headers: idempotent(key) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: creditKeys.all }),
  });
}

/** The notified subject's objection (陈述申辩) to a dishonesty listing. */
export function useObjectAsSubject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, objection }: { id: string; objection: string }) =>
      unwrap(api.POST('/api/credit/lists/{id}/objection', { params: { path: { id } }, body: { objection } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: creditKeys.all }),
  });
}
