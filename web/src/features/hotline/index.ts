import type { ComponentType } from 'react';
import { ApartmentOutlined, BarChartOutlined, PhoneOutlined, ProfileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Feature } from '../types';

/** A lazy page and the hotline's page messages (a chunk of their own: only the menu labels are bundled). */
const withMessages =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => {
    const [m] = await Promise.all([load(), import('./messages').then((x) => x.loadHotlineMessages())]);
    return { Component: pick(m) };
  };

/** The admin pages share one chunk and one import site (each site adds its preload list to the entry). */
const loadAdmin = () => import('./admin/AdminPages');
const adminPage = (name: 'CategoriesPage' | 'LimitsPage' | 'KnowledgePage' | 'ApiKeysPage') => withMessages(loadAdmin, (m) => m[name]);

/** The hotline face of the web app: operator intake, tickets, statistics; the portal form, my requests and the SMS follow-up; admin pages for categories, limits, knowledge and Open311 keys. */
export const feature: Feature = {
  workbenchRoutes: [
    {
      path: 'hotline/intake',
      lazy: withMessages(
        () => import('./OperatorPage'),
        (m) => m.OperatorPage,
      ),
    },
    {
      path: 'hotline/tickets',
      lazy: withMessages(
        () => import('./TicketsPage'),
        (m) => m.TicketsPage,
      ),
    },
    {
      path: 'hotline/tickets/:id',
      lazy: withMessages(
        () => import('./TicketDetailPage'),
        (m) => m.TicketDetailPage,
      ),
    },
    {
      path: 'hotline/stats',
      lazy: withMessages(
        () => import('./StatsPage'),
        (m) => m.StatsPage,
      ),
    },
  ],
  adminRoutes: [
    { path: 'hotline/categories', lazy: adminPage('CategoriesPage') },
    { path: 'hotline/limits', lazy: adminPage('LimitsPage') },
    { path: 'hotline/knowledge', lazy: adminPage('KnowledgePage') },
    { path: 'hotline/api-keys', lazy: adminPage('ApiKeysPage') },
  ],
  portalRoutes: [
    {
      path: 'hotline/new',
      lazy: withMessages(
        () => import('./portal/RequestFormPage'),
        (m) => m.RequestFormPage,
      ),
    },
    {
      path: 'hotline/mine',
      lazy: withMessages(
        () => import('./portal/MyRequestsPage'),
        (m) => m.MyRequestsPage,
      ),
    },
    {
      path: 'hotline/lookup',
      lazy: withMessages(
        () => import('./portal/LookupPage'),
        (m) => m.LookupPage,
      ),
    },
    {
      path: 'hotline/follow-up/:token',
      lazy: withMessages(
        () => import('./portal/FollowUpPage'),
        (m) => m.FollowUpPage,
      ),
    },
  ],
  workbenchNav: [
    { key: 'hotline-intake', path: '/workbench/hotline/intake', label: 'hotline.nav.intake', icon: PhoneOutlined, permission: 'hotline.ticket.create' },
    { key: 'hotline-tickets', path: '/workbench/hotline/tickets', label: 'hotline.nav.tickets', icon: ProfileOutlined, permission: 'hotline.ticket.read' },
    { key: 'hotline-stats', path: '/workbench/hotline/stats', label: 'hotline.nav.stats', icon: BarChartOutlined, permission: 'hotline.stats.read' },
  ],
  adminNav: [
    { key: 'hotline-categories', path: '/admin/hotline/categories', label: 'hotline.nav.categories', icon: ApartmentOutlined, permission: 'hotline.manage' },
    { key: 'hotline-limits', path: '/admin/hotline/limits', label: 'hotline.nav.limits', icon: ProfileOutlined, permission: 'hotline.manage' },
    { key: 'hotline-knowledge', path: '/admin/hotline/knowledge', label: 'hotline.nav.knowledge', icon: ProfileOutlined, permission: 'hotline.manage' },
    { key: 'hotline-api-keys', path: '/admin/hotline/api-keys', label: 'hotline.nav.apiKeys', icon: SafetyCertificateOutlined, permission: 'hotline.manage' },
  ],
};
