import type { ComponentType } from 'react';
import ApiOutlined from '@ant-design/icons/ApiOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * The data centre (docs/data-centre.md): the resource catalog and share requests in the workbench;
 * the citizen's 数据使用记录 is a card on 账号与安全 (UsageCard); 数据开放 on the portal (/open-data).
 */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'open-data',
      lazy: page(
        () => import('./portal/OpenDataPage'),
        (m) => m.OpenDataPage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'data/resources',
      lazy: page(
        () => import('./workbench/ResourcesPage'),
        (m) => m.ResourcesPage,
      ),
    },
    {
      path: 'data/share-requests',
      lazy: page(
        () => import('./workbench/SharesPage'),
        (m) => m.SharesPage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'data-resources',
      path: '/workbench/data/resources',
      label: 'data.nav.resources',
      icon: ApiOutlined,
      permission: ['data.resource.declare', 'data.resource.publish', 'data.share.request', 'data.share.decide'],
    },
    {
      key: 'data-shares',
      path: '/workbench/data/share-requests',
      label: 'data.nav.shares',
      icon: ApiOutlined,
      permission: ['data.share.request', 'data.share.decide', 'data.resource.publish'],
    },
  ],
};
