import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, QueryOf } from '../../api/types';
import { compact, idempotent } from '../../lib/api-call';

/** The data centre API (docs/data-centre.md): the resource catalog, share requests, 数据使用记录. */
export const sharingTypes = ['unconditional', 'conditional', 'none'] as const;
export const sensitivityClasses = ['public', 'internal', 'sensitive', 'restricted'] as const;
export const updateFrequencies = ['realtime', 'daily', 'weekly', 'monthly', 'yearly', 'irregular'] as const;
export const resourceStatuses = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export const shareStatuses = ['pending', 'approved', 'rejected', 'revoked', 'withdrawn'] as const;

export type Resource = ItemOf<'/api/data/resources'>;
export type ResourceCreate = BodyOf<'/api/data/resources', 'post'>;
export type ShareRequest = ItemOf<'/api/data/share-requests'>;
export type ShareCreate = BodyOf<'/api/data/share-requests', 'post'>;
export type ShareDecision = BodyOf<'/api/data/share-requests/{id}/decision', 'post'>;
export type Usage = ItemOf<'/api/data/my-usage'>;

export const dataKeys = {
  resources: ['data', 'resources'] as const,
  shares: ['data', 'share-requests'] as const,
  usage: ['data', 'my-usage'] as const,
};

export function useResources(query: QueryOf<'/api/data/resources'>) {
  return useQuery({
    queryKey: [...dataKeys.resources, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/data/resources', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useShares(query: QueryOf<'/api/data/share-requests'>) {
  return useQuery({
    queryKey: [...dataKeys.shares, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/data/share-requests', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useMyUsage() {
  return useQuery({
    queryKey: dataKeys.usage,
    queryFn: ({ signal }) => unwrap(api.GET('/api/data/my-usage', { params: { query: { page: 1, pageSize: 50 } }, signal })),
  });
}

const byId = (id: string) => ({ path: { id } });
export const createResource = (body: ResourceCreate, key: string) => unwrap(api.POST('/api/data/resources', { body, headers: idempotent(key) }));
export const resourceAction = (id: string, action: 'submit' | 'publish' | 'reject' | 'withdraw', note?: string) => {
  if (action === 'submit') return unwrap(api.POST('/api/data/resources/{id}/submit', { params: byId(id) }));
  if (action === 'withdraw') return unwrap(api.POST('/api/data/resources/{id}/withdraw', { params: byId(id) }));
  if (action === 'publish') return unwrap(api.POST('/api/data/resources/{id}/publish', { params: byId(id), body: { note } }));
  return unwrap(api.POST('/api/data/resources/{id}/reject', { params: byId(id), body: { note } }));
};
export const requestShare = (body: ShareCreate, key: string) => unwrap(api.POST('/api/data/share-requests', { body, headers: idempotent(key) }));
export const decideShare = (id: string, body: ShareDecision) => unwrap(api.POST('/api/data/share-requests/{id}/decision', { params: byId(id), body }));
