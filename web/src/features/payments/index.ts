import type { ComponentType } from 'react';
import PayCircleOutlined from '@ant-design/icons/PayCircleOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** 网上缴费: the applicant's payment page on the portal (phone first) and the department's orders and reconciliation mismatches. */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'payments',
      lazy: page(
        () => import('./portal/PaymentPage'),
        (m) => m.PaymentRoute,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'payments',
      lazy: page(
        () => import('./workbench/PaymentsPage'),
        (m) => m.PaymentsPage,
      ),
    },
  ],
  workbenchNav: [{ key: 'payments', path: '/workbench/payments', label: 'payments.nav.orders', icon: PayCircleOutlined, permission: 'payments.order.read' }],
};
