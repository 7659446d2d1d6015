import type { ComponentType } from 'react';
import BellOutlined from '@ant-design/icons/BellOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** 消息: the staff inbox (own messages and those addressed to the staff member's units). */
export const feature: Feature = {
  workbenchRoutes: [
    {
      path: 'messages',
      lazy: page(
        () => import('./MessagesPage'),
        (m) => m.MessagesPage,
      ),
    },
  ],
  workbenchNav: [{ key: 'messages', path: '/workbench/messages', label: 'inbox.nav', icon: BellOutlined, permission: null }],
};
