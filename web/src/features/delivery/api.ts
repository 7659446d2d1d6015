import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf } from '../../api/types';
import { idempotent } from '../../lib/api-call';

/** The delivery (双向寄递) API, typed from the server's OpenAPI document. */
export type Address = ItemOf<'/api/delivery/addresses'>;
export type AddressBody = BodyOf<'/api/delivery/addresses', 'post'>;
export type Order = ItemOf<'/api/delivery/orders'>;
export type ManualBody = BodyOf<'/api/workbench/delivery/orders/{id}/status', 'post'>;

export const deliveryKeys = {
  addresses: ['delivery', 'addresses'] as const,
  mine: ['delivery', 'mine'] as const,
  staff: (page: number, status?: string, q?: string) => ['delivery', 'staff', page, status ?? '', q ?? ''] as const,
};

export function useAddresses() {
  return useQuery({ queryKey: deliveryKeys.addresses, queryFn: ({ signal }) => unwrap(api.GET('/api/delivery/addresses', { signal })) });
}
export function useMyDeliveries() {
  return useQuery({ queryKey: deliveryKeys.mine, queryFn: ({ signal }) => unwrap(api.GET('/api/delivery/orders', { signal })) });
}
export function useStaffDeliveries(page: number, status?: Order['status'], q?: string, enabled = true) {
  return useQuery({
    queryKey: deliveryKeys.staff(page, status, q),
    enabled,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/workbench/delivery/orders', { params: { query: { page, pageSize: 20, status, q: q || undefined } }, signal })),
  });
}

export const addAddress = (body: AddressBody, key: string) => unwrap(api.POST('/api/delivery/addresses', { body, headers: idempotent(key) }));
export const updateAddress = (id: string, body: AddressBody) => unwrap(api.PUT('/api/delivery/addresses/{id}', { params: { path: { id } }, body }));
export const deleteAddress = (id: string) => unwrap(api.DELETE('/api/delivery/addresses/{id}', { params: { path: { id } } }));
export const manualStatus = (id: string, body: ManualBody) =>
  unwrap(api.POST('/api/workbench/delivery/orders/{id}/status', { params: { path: { id } }, body }));
export const handOver = (id: string, code: string) =>
  unwrap(api.POST('/api/workbench/delivery/orders/{id}/hand-over', { params: { path: { id } }, body: { code } }));
export const simulateStep = (id: string) => unwrap(api.POST('/api/workbench/delivery/orders/{id}/simulate', { params: { path: { id } } }));
