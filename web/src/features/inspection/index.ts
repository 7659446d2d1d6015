import type { ComponentType } from 'react';
import AuditOutlined from '@ant-design/icons/AuditOutlined';
import ScheduleOutlined from '@ant-design/icons/ScheduleOutlined';
import type { Feature } from '../types';

const page = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) => async () => ({ Component: pick(await load()) });

/**
 * Random inspection (双随机、一公开): the manager's tasks and draws and the inspector's result entry
 * in the workbench; the public disclosure page and the re-runnable draw on the portal.
 */
export const feature: Feature = {
  portalRoutes: [
    { path: 'inspection', lazy: page(() => import('./portal/DisclosurePage'), (m) => m.DisclosurePage) },
    { path: 'inspection/draws/:drawId', lazy: page(() => import('./portal/DrawPage'), (m) => m.DrawPage) },
  ],
  workbenchRoutes: [
    { path: 'inspection/tasks', lazy: page(() => import('./workbench/TasksPage'), (m) => m.TasksPage) },
    { path: 'inspection/tasks/:taskId', lazy: page(() => import('./workbench/TaskPage'), (m) => m.TaskPage) },
    { path: 'inspection/my', lazy: page(() => import('./workbench/MyAssignmentsPage'), (m) => m.MyAssignmentsPage) },
  ],
  workbenchNav: [
    { key: 'inspection-tasks', path: '/workbench/inspection/tasks', label: 'inspection.nav.tasks', icon: ScheduleOutlined, permission: 'inspection.plan.manage' },
    { key: 'inspection-mine', path: '/workbench/inspection/my', label: 'inspection.nav.mine', icon: AuditOutlined, permission: 'inspection.result.record' },
  ],
};
