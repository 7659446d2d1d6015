import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { meKey } from '../api/auth';
import { RouteError } from '../components/RouteError';
import { PageLoading } from '../components/PageState';
import { queryClient, setAuthHandlers } from './query-client';
import { features } from '../features';

/**
 * Each face and each page is its own lazy chunk: the portal home loads neither the workbench nor
 * the admin code, and a face's layout is loaded once for all its pages.
 */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const routes: RouteObject[] = [
  {
    path: '/',
    lazy: page(
      () => import('../portal/PortalLayout'),
      (m) => m.PortalLayout,
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: page(
              () => import('../portal/HomePage'),
              (m) => m.HomePage,
            ),
          },
          {
            path: 'login',
            lazy: page(
              () => import('../portal/LoginPage'),
              (m) => m.LoginPage,
            ),
          },
          {
            path: 'me',
            lazy: page(
              () => import('../portal/account'),
              (m) => m.MeRoute,
            ),
          },
          {
            path: 'password',
            lazy: page(
              () => import('../portal/account'),
              (m) => m.PasswordRoute,
            ),
          },
          ...features.flatMap((f) => f.portalRoutes ?? []),
          {
            path: '*',
            lazy: page(
              () => import('../components/PageState'),
              (m) => m.NotFoundResult,
            ),
          },
        ],
      },
    ],
  },
  {
    path: '/workbench',
    lazy: page(
      () => import('../workbench/WorkbenchLayout'),
      (m) => m.WorkbenchLayout,
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: page(
              () => import('../workbench/TodoPage'),
              (m) => m.TodoPage,
            ),
          },
          ...features.flatMap((f) => f.workbenchRoutes ?? []),
          {
            path: '*',
            lazy: page(
              () => import('../components/PageState'),
              (m) => m.NotFoundResult,
            ),
          },
        ],
      },
    ],
  },
  {
    path: '/admin',
    lazy: page(
      () => import('../admin/AdminLayout'),
      (m) => m.AdminLayout,
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: page(
              () => import('../admin/AdminHome'),
              (m) => m.AdminHome,
            ),
          },
          {
            path: 'regions',
            lazy: page(
              () => import('../admin/RegionsPage'),
              (m) => m.RegionsPage,
            ),
          },
          {
            path: 'departments',
            lazy: page(
              () => import('../admin/DepartmentsPage'),
              (m) => m.DepartmentsPage,
            ),
          },
          {
            path: 'service-centers',
            lazy: page(
              () => import('../admin/ServiceCentersPage'),
              (m) => m.ServiceCentersPage,
            ),
          },
          {
            path: 'service-centers/:id/windows',
            lazy: page(
              () => import('../admin/WindowsPage'),
              (m) => m.WindowsPage,
            ),
          },
          {
            path: 'staff',
            lazy: page(
              () => import('../admin/StaffPage'),
              (m) => m.StaffPage,
            ),
          },
          {
            path: 'roles',
            lazy: page(
              () => import('../admin/RolesPage'),
              (m) => m.RolesPage,
            ),
          },
          {
            path: 'calendar',
            lazy: page(
              () => import('../admin/CalendarPage'),
              (m) => m.CalendarPage,
            ),
          },
          {
            path: 'oidc-clients',
            lazy: page(
              () => import('../admin/OidcClientsPage'),
              (m) => m.OidcClientsPage,
            ),
          },
          ...features.flatMap((f) => f.adminRoutes ?? []),
          {
            path: '*',
            lazy: page(
              () => import('../components/PageState'),
              (m) => m.NotFoundResult,
            ),
          },
        ],
      },
    ],
  },
];

/** Created once i18n is ready (main.tsx), so no route renders before its language is loaded. */
export function createAppRouter() {
  const router = createBrowserRouter(routes);
  const here = () => router.state.location.pathname + router.state.location.search;
  setAuthHandlers({
    sessionExpired: () => {
      if (router.state.location.pathname === '/login') return;
      const next = here();
      // Cached data belonged to the session that ended.
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      void router.navigate(`/login?expired=1&next=${encodeURIComponent(next)}`, { replace: true });
    },
    passwordChangeRequired: () => {
      if (router.state.location.pathname === '/password') return;
      void router.navigate(`/password?next=${encodeURIComponent(here())}`, { replace: true });
    },
  });
  return router;
}
