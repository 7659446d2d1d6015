import { AuditOutlined, FileTextOutlined, PartitionOutlined, ProfileOutlined } from '@ant-design/icons';
import type { Feature } from '../types';
import { loadCatalogPortalMessages, loadCatalogWorkbenchMessages } from './messages';

/** A portal page module, once its messages are loaded too. */
async function portal<M>(page: Promise<M>): Promise<M> {
  const [m] = await Promise.all([page, loadCatalogPortalMessages()]);
  return m;
}

/** A workbench page module, once its messages are loaded too. */
async function workbench<M>(page: Promise<M>): Promise<M> {
  const [m] = await Promise.all([page, loadCatalogWorkbenchMessages()]);
  return m;
}

/** The catalog face of the web app: portal pages (search, browse, guides, lists) and the workbench. */
export const feature: Feature = {
  portalRoutes: [
    { path: 'search', lazy: async () => ({ Component: (await portal(import('./portal/SearchPage'))).SearchPage }) },
    { path: 'services/:subject', lazy: async () => ({ Component: (await portal(import('./portal/SearchPage'))).ServicesPage }) },
    { path: 'departments', lazy: async () => ({ Component: (await portal(import('./portal/DepartmentsPage'))).DepartmentsPage }) },
    { path: 'items/:implementationCode', lazy: async () => ({ Component: (await portal(import('./portal/GuidePage'))).GuidePage }) },
    { path: 'lists/:list', lazy: async () => ({ Component: (await portal(import('./portal/ListPage'))).ListPage }) },
  ],
  workbenchRoutes: [
    { path: 'catalog', lazy: async () => ({ Component: (await workbench(import('./workbench/ImplementationsPage'))).EditorListPage }) },
    { path: 'catalog/review', lazy: async () => ({ Component: (await workbench(import('./workbench/ImplementationsPage'))).ReviewListPage }) },
    { path: 'catalog/items/:code', lazy: async () => ({ Component: (await workbench(import('./workbench/ImplementationPage'))).ImplementationPage }) },
    { path: 'catalog/life-events', lazy: async () => ({ Component: (await workbench(import('./workbench/LifeEventsPage'))).LifeEventsPage }) },
    { path: 'catalog/life-events/:code', lazy: async () => ({ Component: (await workbench(import('./workbench/LifeEventPage'))).LifeEventPage }) },
    { path: 'catalog/lists/:list', lazy: async () => ({ Component: (await workbench(import('./workbench/ListsPage'))).ListsPage }) },
  ],
  workbenchNav: [
    { key: 'catalog-edit', path: '/workbench/catalog', label: 'catalog.nav.edit', icon: FileTextOutlined, permission: 'catalog.item.edit' },
    { key: 'catalog-review', path: '/workbench/catalog/review', label: 'catalog.nav.review', icon: AuditOutlined, permission: 'catalog.item.review' },
    // 一件事 bundles: edited by catalog editors or reviewers of the lead department, published by reviewers (the server scopes the list).
    {
      key: 'catalog-life-events',
      path: '/workbench/catalog/life-events',
      label: 'catalog.nav.lifeEvents',
      icon: PartitionOutlined,
      permission: ['catalog.item.edit', 'catalog.item.review'],
    },
    { key: 'catalog-lists', path: '/workbench/catalog/lists/fees', label: 'catalog.nav.lists', icon: ProfileOutlined, permission: 'catalog.list.manage' },
  ],
};
