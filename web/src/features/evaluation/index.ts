import type { ComponentType } from 'react';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import ScheduleOutlined from '@ant-design/icons/ScheduleOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * 好差评: the public page of satisfaction and bad reviews on the portal (the rating itself is a card
 * on the applicant's case page, CaseEvaluationCard); in the workbench the unit's rectifications, the
 * supervising office's appeals and a staff member's own evaluations. The nav reuses icons already in
 * the entry chunk (portal budget).
 */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'evaluate/:token',
      lazy: page(
        () => import('./portal/TokenEvaluationPage'),
        (m) => m.TokenEvaluationPage,
      ),
    },
    {
      path: 'evaluation',
      lazy: page(
        () => import('./portal/PublicEvaluationPage'),
        (m) => m.PublicEvaluationPage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'rectifications',
      lazy: page(
        () => import('./workbench/RectificationsPage'),
        (m) => m.UnitRectificationsPage,
      ),
    },
    {
      path: 'rectifications/:id',
      lazy: page(
        () => import('./workbench/RectificationPage'),
        (m) => m.RectificationPage,
      ),
    },
    {
      path: 'appeals',
      lazy: page(
        () => import('./workbench/RectificationsPage'),
        (m) => m.AppealsPage,
      ),
    },
    {
      path: 'evaluations/mine',
      lazy: page(
        () => import('./workbench/MyEvaluationsPage'),
        (m) => m.MyEvaluationsPage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'evaluation-rectifications',
      path: '/workbench/rectifications',
      label: 'evaluation.nav.rectifications',
      icon: ScheduleOutlined,
      permission: 'evaluation.rectification.read',
    },
    { key: 'evaluation-appeals', path: '/workbench/appeals', label: 'evaluation.nav.appeals', icon: AuditOutlined, permission: 'evaluation.appeal.decide' },
    { key: 'evaluation-mine', path: '/workbench/evaluations/mine', label: 'evaluation.nav.mine', icon: AuditOutlined, permission: null },
  ],
};
