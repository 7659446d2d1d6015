import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { compact } from '../../lib/api-call';
import type { BodyOf, ItemOf, QueryOf } from '../../api/types';

/** 电子监察 rules and their hits (docs/supervision.md, "Rules"), typed from the server's OpenAPI document. */
export type Rule = ItemOf<'/api/supervision/rules'>;
export type RuleUpdate = BodyOf<'/api/supervision/rules/{code}', 'patch'>;
export type RuleSeverity = Rule['severity'];
export type Hit = ItemOf<'/api/supervision/rule-hits'>;
export type HitQuery = QueryOf<'/api/supervision/rule-hits'>;
export type HitStatus = Hit['status'];
export type HitAction = 'confirm' | 'dismiss';

export const severities = ['high', 'medium', 'low'] as const satisfies readonly RuleSeverity[];
export const hitStatuses = ['open', 'confirmed', 'dismissed'] as const satisfies readonly HitStatus[];

export const ruleKeys = {
  all: ['supervision', 'rules'] as const,
  hits: (q: HitQuery) => ['supervision', 'rules', 'hits', q] as const,
};

export function useRules() {
  return useQuery({ queryKey: ruleKeys.all, queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/rules', { signal })) });
}

export function useHits(q: HitQuery) {
  return useQuery({
    queryKey: ruleKeys.hits(q),
    queryFn: ({ signal }) => unwrap(api.GET('/api/supervision/rule-hits', { params: { query: compact(q) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export const updateRule = (code: string, body: RuleUpdate) => unwrap(api.PATCH('/api/supervision/rules/{code}', { params: { path: { code } }, body }));

export const decideHit = (id: string, action: HitAction, body: BodyOf<'/api/supervision/rule-hits/{id}/confirm', 'post'>) =>
  action === 'confirm'
    ? unwrap(api.POST('/api/supervision/rule-hits/{id}/confirm', { params: { path: { id } }, body }))
    : unwrap(api.POST('/api/supervision/rule-hits/{id}/dismiss', { params: { path: { id } }, body }));
