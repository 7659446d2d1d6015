import { lazy, type ComponentType } from 'react';
import { AlertOutlined, AuditOutlined, BarChartOutlined, DashboardOutlined } from '@ant-design/icons';
import type { Feature } from '../types';
import { loadSupervisionMessages } from './messages';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => {
    const [m] = await Promise.all([load(), loadSupervisionMessages()]);
    return { Component: pick(m) };
  };

/**
 * The supervision face of the workbench (docs/supervision.md): 电子监察 — lights per department with
 * the cases behind each bar and 督办 on a late case — and the urges to answer or follow.
 */
export const feature: Feature = {
  workbenchRoutes: [
    {
      path: 'supervision/lights',
      lazy: page(
        () => import('./LightsPage'),
        (m) => m.LightsPage,
      ),
    },
    // The former address of the e-supervision page.
    {
      path: 'cases/lights',
      lazy: page(
        () => import('./LightsPage'),
        (m) => m.LightsPage,
      ),
    },
    {
      path: 'supervision/dashboard',
      lazy: page(
        () => import('./DashboardPage'),
        (m) => m.DashboardPage,
      ),
    },
    {
      path: 'supervision/rules',
      lazy: page(
        () => import('./RulesPage'),
        (m) => m.RulesPage,
      ),
    },
    {
      path: 'supervision/urges',
      lazy: page(
        () => import('./UrgesPage'),
        (m) => m.UrgesPage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'supervision-dashboard',
      path: '/workbench/supervision/dashboard',
      label: 'supervision.nav.dashboard',
      icon: DashboardOutlined,
      permission: 'supervision.dashboard.read',
    },
    {
      key: 'supervision-lights',
      path: '/workbench/supervision/lights',
      label: 'supervision.nav.lights',
      icon: BarChartOutlined,
      permission: 'cases.case.read',
    },
    {
      key: 'supervision-urges',
      path: '/workbench/supervision/urges',
      label: 'supervision.nav.urges',
      icon: AlertOutlined,
      permission: ['supervision.urge.issue', 'supervision.urge.answer'],
      summary: lazy(async () => {
        const [m] = await Promise.all([import('./UrgeCounts'), loadSupervisionMessages()]);
        return { default: m.UrgeCounts };
      }),
    },
    {
      key: 'supervision-rules',
      path: '/workbench/supervision/rules',
      label: 'supervisionRules.nav',
      icon: AuditOutlined,
      permission: 'supervision.rule_hit.review',
    },
  ],
};

/** The urges card of the staff case page, loaded with its messages. */
export const CaseUrgesCard = lazy(async () => {
  const [m] = await Promise.all([import('./CaseUrges'), loadSupervisionMessages()]);
  return { default: m.CaseUrges };
});
