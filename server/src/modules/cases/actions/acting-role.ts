import type { Actor } from '../../../platform/auth/index.ts';
import { casePermissions, holdsAtStep } from '../policy.ts';
import { holdsBranch } from '../countersign-policy.ts';
import type { BranchState } from '../workflow/countersign.ts';

/**
 * The roles an action is recorded with (`case_actions.actor_role`, `step_role`), for e-supervision's
 * rule `decision.outside_role`: for a staff actor, the role of the grant through which they hold
 * `cases.case.handle` in the case's department and region (the step's role when they hold it,
 * otherwise the first other role that does), and the role the step asked for. The applicant's and
 * the platform's actions carry neither. A 会签 signing (`branch`) is recorded with the branch's role
 * as the role asked for.
 */
export function actingRoles(
  actor: Actor,
  stepRole: string,
  c: { departmentId: string; regionPath: string },
  branch?: BranchState,
): { actorRole: string | null; stepRole: string | null } {
  if (actor.kind !== 'staff') return { actorRole: null, stepRole: null };
  if (branch) return { actorRole: holdsBranch(actor, branch, c) ? branch.role : null, stepRole: branch.role };
  if (holdsAtStep(actor, stepRole, c)) return { actorRole: stepRole, stepRole };
  const other = [...new Set(actor.grants.map((g) => g.role))].find((role) => holdsAtStep(actor, role, c, casePermissions.handle));
  return { actorRole: other ?? null, stepRole };
}
