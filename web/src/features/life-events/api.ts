import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { idempotent } from '../../lib/api-call';

/** 一件事 (life events): the bundles (catalog) and the applications (cases), typed from the OpenAPI document. */
export type LifeEvent = ResponseOf<'/api/catalog/life-events/{code}'>;
export type LifeEventSummary = ResponseOf<'/api/catalog/life-events'>[number];
export type Bundle = ResponseOf<'/api/life-events/applications/{bundleNo}'>;
export type BundleSubmit = BodyOf<'/api/life-events/{code}/applications', 'post'>;
export type BundleDeliveryBody = BodyOf<'/api/life-events/applications/{bundleNo}/delivery', 'put'>;

export function useLifeEvents() {
  return useQuery({ queryKey: ['life-events'], queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/life-events', { signal })) });
}
export function useLifeEvent(code: string) {
  return useQuery({
    queryKey: ['life-events', code],
    queryFn: ({ signal }) => unwrap(api.GET('/api/catalog/life-events/{code}', { params: { path: { code } }, signal })),
  });
}
export const bundleKey = (bundleNo: string) => ['life-events', 'applications', bundleNo] as const;
export function useBundle(bundleNo: string) {
  return useQuery({
    queryKey: bundleKey(bundleNo),
    queryFn: ({ signal }) => unwrap(api.GET('/api/life-events/applications/{bundleNo}', { params: { path: { bundleNo } }, signal })),
  });
}
export const submitBundle = (code: string, body: BundleSubmit, key: string) =>
  unwrap(api.POST('/api/life-events/{code}/applications', { params: { path: { code } }, body, headers: idempotent(key) }));
/** 一件事: one delivery of every result, asked for after submit (the applicant only; while no order is arranged). */
export const chooseBundleDelivery = (bundleNo: string, body: BundleDeliveryBody) =>
  unwrap(api.PUT('/api/life-events/applications/{bundleNo}/delivery', { params: { path: { bundleNo } }, body }));
