import { definePermissions, scopesOf, can, type Actor, type Scope } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';

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

export function assertCan(actor: Actor, permission: string, scope: Scope): void {
  if (!can(actor, permission, scope)) throw new AppError('auth.out_of_scope', { extra: { permission } });
}
