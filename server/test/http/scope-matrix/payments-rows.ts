/**
 * Scope matrix rows of payments (网上缴费) on 张明's demo 不动产抵押登记 cases (city 自然资源局): issuing
 * a case's order (window clerks who may act for the city's departments; a district's clerk and the
 * market bureau's are refused) and recording a refund (the department's approver or the platform
 * admin; the demo has no 自然资源局 approver, so the platform admin is the right actor).
 */
import { ok, type RowTable } from './matrix-kit.ts';

interface MyOrder {
  orderNo: string;
  caseNo: string;
  status: string;
}
const demoOrder = async (status: string) => (await ok<MyOrder[]>('citizen1', 'GET', '/api/payments/orders/mine')).find((o) => o.status === status)!;

export const paymentsRows: RowTable = {
  'POST /api/workbench/payments/orders': {
    right: 'window.clerk',
    wrongDistrict: 'mh.window',
    wrongDepartment: 'scjg.clerk',
    lower: 'scjg.reviewer',
    hides: true,
    req: async () => ({ url: '/api/workbench/payments/orders', payload: { caseNo: (await demoOrder('unpaid')).caseNo } }),
  },
  'POST /api/workbench/payments/orders/:orderNo/refund': {
    right: 'admin',
    wrongDistrict: null,
    wrongDepartment: 'scjg.approver',
    lower: 'window.clerk',
    na: 'the demo has no district approver of 自然资源局',
    hides: true,
    rightMay: [409],
    req: async () => ({ url: `/api/workbench/payments/orders/${(await demoOrder('paid')).orderNo}/refund`, payload: { reason: '申请人撤回申请，全额退费' } }),
  },
};
