import type { ComponentType } from 'react';
import ScheduleOutlined from '@ant-design/icons/ScheduleOutlined';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/**
 * 预约与排队: the citizen's booking page on the portal (phone first), the hall's kiosk and big-screen
 * display (public pages opened on the hall's devices), and the window clerk's call-next panel.
 */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'appointments',
      lazy: page(
        () => import('./portal/BookingPage'),
        (m) => m.BookingRoute,
      ),
    },
    {
      path: 'appointments/kiosk/:hallId',
      lazy: page(
        () => import('./portal/KioskPage'),
        (m) => m.KioskPage,
      ),
    },
    {
      path: 'appointments/display/:hallId',
      lazy: page(
        () => import('./portal/DisplayPage'),
        (m) => m.DisplayPage,
      ),
    },
  ],
  workbenchRoutes: [
    {
      path: 'appointments/queue',
      lazy: page(
        () => import('./workbench/QueuePage'),
        (m) => m.QueuePage,
      ),
    },
  ],
  workbenchNav: [
    {
      key: 'appointments-queue',
      path: '/workbench/appointments/queue',
      label: 'appointments.nav.queue',
      icon: ScheduleOutlined,
      permission: 'appointments.queue.call',
    },
  ],
};
