import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, QueryOf } from '../../api/types';
import { compact, idempotent } from '../../lib/api-call';

/** 证明事项清单 (docs/data-centre.md, "Proof list"). */
export const proofDispositions = ['dropped', 'shared_data', 'commitment', 'kept'] as const;
export type Disposition = (typeof proofDispositions)[number];
export const dispositionColor: Record<Disposition, string> = { dropped: 'default', shared_data: 'blue', commitment: 'gold', kept: 'green' };

export type Proof = ItemOf<'/api/data/proofs'>;
export type ProofCreate = BodyOf<'/api/data/proofs', 'post'>;
export type ProofUpdate = BodyOf<'/api/data/proofs/{id}', 'patch'>;
export const proofKeys = ['data', 'proofs'] as const;

export function useProofs(query: QueryOf<'/api/data/proofs'>) {
  return useQuery({
    queryKey: [...proofKeys, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/data/proofs', { params: { query: compact(query) }, signal })),
    placeholderData: keepPreviousData,
  });
}
export const createProof = (body: ProofCreate, key: string) => unwrap(api.POST('/api/data/proofs', { body, headers: idempotent(key) }));
export const updateProof = (id: string, body: ProofUpdate) => unwrap(api.PATCH('/api/data/proofs/{id}', { params: { path: { id } }, body }));
export const deleteProof = (id: string) => unwrap(api.DELETE('/api/data/proofs/{id}', { params: { path: { id } } }));
