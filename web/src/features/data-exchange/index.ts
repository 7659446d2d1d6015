import type { ComponentType } from 'react';
import ApiOutlined from '@ant-design/icons/ApiOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * The data centre (docs/data-centre.md): the resource catalog and share requests in the workbench;
 * the citizen's 数据使用记录 and 证照共享授权 are cards on 账号与安全 (UsageCard, ConsentCard); 数据开放
 * (/open-data, with each dataset's update history) and 证明事项清单 (/proofs) on the portal, the list's
 * maintenance at /workbench/data/proofs.
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
    {
      path: 'proofs',
      lazy: page(
        () => import('./portal/ProofsPage'),
        (m) => m.ProofsPage,
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
    {
      path: 'data/proofs',
      lazy: page(
        () => import('./workbench/ProofsPage'),
        (m) => m.ProofsWorkbenchPage,
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
    {
      key: 'data-proofs',
      path: '/workbench/data/proofs',
      label: 'data.nav.proofs',
      icon: ApiOutlined,
      permission: ['data.proof.manage'],
    },
  ],
};
