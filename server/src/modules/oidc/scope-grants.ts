import { can, type Actor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { guardedPermission } from '../identity/index.ts';

const STAFF_MANAGE = 'identity.staff.manage';

type DepartmentScope = { regionPath: string; departmentId: string };

/**
 * Nobody gives a department system more than they could give a person there (decision 0005): each
 * permission an API scope carries is either held by the registrant over the client's department,
 * or an operational one (no power over people, roles, the organisation or the platform) that the
 * registrant may hand out there because they manage its staff. Scopes the client already had are
 * kept as they are, so an edit of its redirect URIs is not refused over a scope someone else gave.
 */
export function assertMayGrantApiScopes(
  actor: Actor,
  scopes: readonly string[],
  department: DepartmentScope,
  scopePermissions: Record<string, { permissions: string[] }>,
  alreadyGranted: readonly string[] = [],
): void {
  const mayHandOutOperational = can(actor, STAFF_MANAGE, department);
  scopes.forEach((scope, i) => {
    const permissions = scopePermissions[scope]?.permissions;
    if (!permissions || alreadyGranted.includes(scope)) return;
    const beyond = permissions.filter((p) => !can(actor, p, department) && (guardedPermission(p) || !mayHandOutOperational));
    if (beyond.length) throw new AppError('auth.forbidden', { fields: [{ field: `scopes.${i}`, code: 'beyond_granter' }], detail: beyond.join(', ') });
  });
}
