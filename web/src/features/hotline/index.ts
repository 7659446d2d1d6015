import type { ComponentType } from 'react';
import { ApiOutlined, BarChartOutlined, BookOutlined, PartitionOutlined, PhoneOutlined, ProfileOutlined } from '@ant-design/icons';
import type { Feature } from '../types';

const page = <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) => async () => ({ Component: pick(await load()) });

/** The hotline face of the web app: operator intake, tickets, statistics; the portal form, my requests and the SMS follow-up; admin pages for categories, knowledge and Open311 keys. */
export const feature: Feature = {
  workbenchRoutes: [
    { path: 'hotline/intake', lazy: page(() => import('./OperatorPage'), (m) => m.OperatorPage) },
    { path: 'hotline/tickets', lazy: page(() => import('./TicketsPage'), (m) => m.TicketsPage) },
    { path: 'hotline/tickets/:id', lazy: page(() => import('./TicketDetailPage'), (m) => m.TicketDetailPage) },
    { path: 'hotline/stats', lazy: page(() => import('./StatsPage'), (m) => m.StatsPage) },
  ],
  adminRoutes: [
    { path: 'hotline/categories', lazy: page(() => import('./admin/AdminPages'), (m) => m.CategoriesPage) },
    { path: 'hotline/knowledge', lazy: page(() => import('./admin/AdminPages'), (m) => m.KnowledgePage) },
    { path: 'hotline/api-keys', lazy: page(() => import('./admin/AdminPages'), (m) => m.ApiKeysPage) },
  ],
  portalRoutes: [
    { path: 'hotline/new', lazy: page(() => import('./portal/RequestFormPage'), (m) => m.RequestFormPage) },
    { path: 'hotline/mine', lazy: page(() => import('./portal/MyRequestsPage'), (m) => m.MyRequestsPage) },
    { path: 'hotline/follow-up/:token', lazy: page(() => import('./portal/FollowUpPage'), (m) => m.FollowUpPage) },
  ],
  workbenchNav: [
    { key: 'hotline-intake', path: '/workbench/hotline/intake', label: 'hotline.nav.intake', icon: PhoneOutlined, permission: 'hotline.ticket.create' },
    { key: 'hotline-tickets', path: '/workbench/hotline/tickets', label: 'hotline.nav.tickets', icon: ProfileOutlined, permission: 'hotline.ticket.read' },
    { key: 'hotline-stats', path: '/workbench/hotline/stats', label: 'hotline.nav.stats', icon: BarChartOutlined, permission: 'hotline.stats.read' },
  ],
  adminNav: [
    { key: 'hotline-categories', path: '/admin/hotline/categories', label: 'hotline.nav.categories', icon: PartitionOutlined, permission: 'hotline.manage' },
    { key: 'hotline-knowledge', path: '/admin/hotline/knowledge', label: 'hotline.nav.knowledge', icon: BookOutlined, permission: 'hotline.manage' },
    { key: 'hotline-api-keys', path: '/admin/hotline/api-keys', label: 'hotline.nav.apiKeys', icon: ApiOutlined, permission: 'hotline.manage' },
  ],
};
