import type { ComponentType } from 'react';
import SendOutlined from '@ant-design/icons/SendOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** 双向寄递: the applicant's address book and deliveries on the portal (phone first), the clerks' delivery orders on the workbench. */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'delivery',
      lazy: page(
        () => import('./portal/DeliveryPage'),
        (m) => m.DeliveryRoute,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'delivery',
      lazy: page(
        () => import('./workbench/DeliveryOrdersPage'),
        (m) => m.DeliveryOrdersPage,
      ),
    },
  ],
  workbenchNav: [{ key: 'delivery', path: '/workbench/delivery', label: 'delivery.nav', icon: SendOutlined, permission: 'delivery.order.handle' }],
};
