import { definePermissions, scopesOf, type Actor } from '../../platform/auth/index.ts';

export const orgPermissions = {
  region: 'org.region.manage',
  department: 'org.department.manage',
  serviceCenter: 'org.service_center.manage',
} as const;

definePermissions({
  'org.region.manage': { zh: '管理行政区划', en: 'Manage regions' },
  'org.department.manage': { zh: '管理部门', en: 'Manage departments' },
  'org.service_center.manage': { zh: '管理政务服务中心与窗口', en: 'Manage service centers and windows' },
});

/** Region roots in which the actor holds the permission ("" = everywhere). */
export function regionRootsFor(actor: Actor, permission: string): string[] {
  const { all, scopes } = scopesOf(actor, permission);
  return all ? [''] : [...new Set(scopes.map((s) => s.regionPath))];
}
