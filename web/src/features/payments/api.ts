import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ItemOf } from '../../api/types';
import { idempotent } from '../../lib/api-call';

/** The payments (网上缴费) API, typed from the server's OpenAPI document. Amounts are integer fen. */
export type Order = ItemOf<'/api/payments/orders/mine'>;
export type Mismatch = ItemOf<'/api/workbench/payments/mismatches'>;

export const paymentKeys = {
  mine: ['payments', 'mine'] as const,
  staff: (page: number, status?: string) => ['payments', 'staff', page, status ?? ''] as const,
  mismatches: (page: number) => ['payments', 'mismatches', page] as const,
};

/** '550.00' from 55000 fen, on integers. */
export function yuan(fen: number | null | undefined): string {
  const v = fen ?? 0;
  return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
}

export function useMyOrders(poll: boolean) {
  return useQuery({
    queryKey: paymentKeys.mine,
    queryFn: ({ signal }) => unwrap(api.GET('/api/payments/orders/mine', { signal })),
    // A payment turns "paid" when the gateway's notice arrives: look again every few seconds meanwhile.
    refetchInterval: poll ? 3000 : false,
  });
}

export function openOrder(caseNo: string, key: string) {
  return unwrap(api.POST('/api/payments/orders', { body: { caseNo }, headers: idempotent(key) }));
}

export function payOrder(orderNo: string) {
  return unwrap(api.POST('/api/payments/orders/{orderNo}/pay', { params: { path: { orderNo } } }));
}

export function useStaffOrders(page: number, status?: Order['status']) {
  return useQuery({
    queryKey: paymentKeys.staff(page, status),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/payments/orders', { params: { query: { page, pageSize: 20, status } }, signal })),
  });
}

export function useMismatches(page: number) {
  return useQuery({
    queryKey: paymentKeys.mismatches(page),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/payments/mismatches', { params: { query: { page, pageSize: 20 } }, signal })),
  });
}

export function refundOrder(orderNo: string, reason: string) {
  return unwrap(api.POST('/api/workbench/payments/orders/{orderNo}/refund', { params: { path: { orderNo } }, body: { reason } }));
}
