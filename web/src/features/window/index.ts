import type { ComponentType } from 'react';
import IdcardOutlined from '@ant-design/icons/IdcardOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * The window clerk's identity desk (docs/identity.md, "Window verification"): verify a walk-in
 * citizen's account in person, or open an account for one who has none.
 */
export const feature: Feature = {
  workbenchRoutes: [
    {
      path: 'window/identity',
      lazy: page(
        () => import('./WindowIdentityPage'),
        (m) => m.WindowIdentityPage,
      ),
    },
  ],
  workbenchNav: [
    { key: 'window-identity', path: '/workbench/window/identity', label: 'window.nav.identity', icon: IdcardOutlined, permission: 'identity.person.verify' },
  ],
};
