import type { ComponentType } from 'react';
import SafetyCertificateOutlined from '@ant-design/icons/SafetyCertificateOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** 信用: the public credit lookup and 双公示 on the portal; the credit office's workbench. */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'credit',
      lazy: page(
        () => import('./portal/PublicCreditPage'),
        (m) => m.PublicCreditPage,
      ),
    },
    {
      path: 'credit/verify',
      lazy: page(
        () => import('./portal/VerifyReportPage'),
        (m) => m.VerifyReportPage,
      ),
    },
    {
      path: 'credit/mine',
      lazy: page(
        () => import('./portal/MyCreditPage'),
        (m) => m.MyCreditPage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'credit',
      lazy: page(
        () => import('./workbench/CreditOfficePage'),
        (m) => m.CreditOfficePage,
      ),
    },
  ],
  workbenchNav: [
    { key: 'credit-office', path: '/workbench/credit', label: 'credit.nav.office', icon: SafetyCertificateOutlined, permission: 'credit.file.read' },
  ],
};
