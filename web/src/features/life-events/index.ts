import type { ComponentType } from 'react';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** 一件事 on the portal: the bundles with their reductions, one combined application, one timeline (docs/life-events.md). */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'life-events',
      lazy: page(
        () => import('./LifeEventsPage'),
        (m) => m.LifeEventsPage,
      ),
    },
    {
      path: 'life-events/:code',
      lazy: page(
        () => import('./LifeEventPage'),
        (m) => m.LifeEventPage,
      ),
    },
    {
      path: 'life-events/applications/:bundleNo',
      lazy: page(
        () => import('./BundlePage'),
        (m) => m.BundlePage,
      ),
    },
  ],
};
