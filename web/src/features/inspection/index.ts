import type { ComponentType } from 'react';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import ScheduleOutlined from '@ant-design/icons/ScheduleOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * Random inspection (双随机、一公开): the manager's tasks and draws and the inspector's result entry
 * in the workbench; the public disclosure page and the re-runnable draw on the portal. The nav reuses
 * two icons: every icon module imported here lands in the entry chunk (portal budget).
 */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'inspection',
      lazy: page(
        () => import('./portal/DisclosurePage'),
        (m) => m.DisclosurePage,
      ),
    },
    {
      path: 'inspection/draws/:drawId',
      lazy: page(
        () => import('./portal/DrawPage'),
        (m) => m.DrawPage,
      ),
    },
    {
      path: 'inspection/rules',
      lazy: page(
        () => import('./portal/RulesPage'),
        (m) => m.PublicRulesPage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'inspection/tasks',
      lazy: page(
        () => import('./workbench/TasksPage'),
        (m) => m.TasksPage,
      ),
    },
    {
      path: 'inspection/tasks/:taskId',
      lazy: page(
        () => import('./workbench/TaskPage'),
        (m) => m.TaskPage,
      ),
    },
    {
      path: 'inspection/items',
      lazy: page(
        () => import('./workbench/ItemsPage'),
        (m) => m.ItemsPage,
      ),
    },
    {
      path: 'inspection/entities',
      lazy: page(
        () => import('./workbench/EntitiesPage'),
        (m) => m.EntitiesPage,
      ),
    },
    {
      path: 'inspection/inspectors',
      lazy: page(
        () => import('./workbench/InspectorsPage'),
        (m) => m.InspectorsPage,
      ),
    },
    {
      path: 'inspection/rules',
      lazy: page(
        () => import('./workbench/RulesPage'),
        (m) => m.RulesPage,
      ),
    },
    {
      path: 'inspection/my',
      lazy: page(
        () => import('./workbench/MyAssignmentsPage'),
        (m) => m.MyAssignmentsPage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'inspection-tasks',
      path: '/workbench/inspection/tasks',
      label: 'inspection.nav.tasks',
      icon: ScheduleOutlined,
      permission: 'inspection.plan.manage',
    },
    {
      key: 'inspection-items',
      path: '/workbench/inspection/items',
      label: 'inspection.nav.items',
      icon: ScheduleOutlined,
      permission: 'inspection.plan.manage',
    },
    {
      key: 'inspection-entities',
      path: '/workbench/inspection/entities',
      label: 'inspection.nav.entities',
      icon: ScheduleOutlined,
      permission: 'inspection.plan.manage',
    },
    {
      key: 'inspection-inspectors',
      path: '/workbench/inspection/inspectors',
      label: 'inspection.nav.inspectors',
      icon: AuditOutlined,
      permission: 'inspection.plan.manage',
    },
    {
      key: 'inspection-rules',
      path: '/workbench/inspection/rules',
      label: 'inspection.nav.rules',
      icon: ScheduleOutlined,
      permission: 'inspection.plan.manage',
    },
    {
      key: 'inspection-supervise',
      path: '/workbench/inspection/tasks',
      label: 'inspection.nav.supervise',
      icon: AuditOutlined,
      permission: 'inspection.draw.void',
    },
    { key: 'inspection-mine', path: '/workbench/inspection/my', label: 'inspection.nav.mine', icon: AuditOutlined, permission: 'inspection.result.record' },
  ],
};
