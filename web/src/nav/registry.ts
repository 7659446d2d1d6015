import type { ComponentType } from 'react';
import type { ParseKeys } from 'i18next';
import {
  ApartmentOutlined,
  ApiOutlined,
  BankOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  EnvironmentOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { hasPermission } from '../api/auth';
import type { Me } from '../api/types';
import { features } from '../features';

/**
 * The menus of the workbench and the admin face. Each entry names the permission it needs; a menu
 * shows only the entries the signed-in staff member holds (the server checks again on every call).
 * Later issues add their entries here.
 */
export interface NavEntry {
  key: string;
  path: string;
  label: ParseKeys;
  icon: ComponentType;
  /** null: any signed-in staff member; a list: any one of them. */
  permission: string | readonly string[] | null;
  /** What waits there (e.g. the to-do counts), shown beside the entry on the workbench home; loaded lazily. */
  summary?: ComponentType;
}

export const adminNav = [
  { key: 'regions', path: '/admin/regions', label: 'admin.nav.regions', icon: EnvironmentOutlined, permission: 'org.region.manage' },
  { key: 'departments', path: '/admin/departments', label: 'admin.nav.departments', icon: ApartmentOutlined, permission: 'org.department.manage' },
  { key: 'service-centers', path: '/admin/service-centers', label: 'admin.nav.serviceCenters', icon: BankOutlined, permission: 'org.service_center.manage' },
  { key: 'staff', path: '/admin/staff', label: 'admin.nav.staff', icon: TeamOutlined, permission: 'identity.staff.manage' },
  { key: 'roles', path: '/admin/roles', label: 'admin.nav.roles', icon: SafetyCertificateOutlined, permission: 'identity.role.manage' },
  { key: 'calendar', path: '/admin/calendar', label: 'admin.nav.calendar', icon: CalendarOutlined, permission: 'platform.calendar.manage' },
  { key: 'oidc-clients', path: '/admin/oidc-clients', label: 'admin.nav.oidcClients', icon: ApiOutlined, permission: 'oidc.client.manage' },
  ...features.flatMap((f) => f.adminNav ?? []),
] as const satisfies readonly NavEntry[];

/** Whoever holds any admin permission may open the admin face (and sees only their entries there). */
export const adminPermissions: readonly string[] = adminNav.flatMap((e): string[] =>
  e.permission === null ? [] : typeof e.permission === 'string' ? [e.permission] : [...e.permission],
);

export const workbenchNav = [
  { key: 'todo', path: '/workbench', label: 'workbench.nav.todo', icon: CheckSquareOutlined, permission: null },
  ...features.flatMap((f) => f.workbenchNav ?? []),
  { key: 'admin', path: '/admin', label: 'workbench.nav.admin', icon: SettingOutlined, permission: adminPermissions },
] as const satisfies readonly NavEntry[];

export function canSee(me: Me | null | undefined, entry: Pick<NavEntry, 'permission'>): boolean {
  if (!me) return false;
  if (entry.permission === null) return true;
  if (typeof entry.permission === 'string') return hasPermission(me, entry.permission);
  return entry.permission.some((p) => hasPermission(me, p));
}

export function visibleEntries<E extends NavEntry>(me: Me | null | undefined, entries: readonly E[]): E[] {
  return entries.filter((e) => canSee(me, e));
}
