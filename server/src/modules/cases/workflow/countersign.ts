import { z } from 'zod';
import type { StepDefinition } from './definition.ts';

/**
 * 会签 (countersign): a review step whose definition names `branches` opens them all at once when
 * the case enters it. Each branch is signed by a holder of its role (policy.ts `holdsBranch`) with
 * the action `countersign`: `agree` closes the branch; once every branch has agreed the case moves
 * to the next step (the join). `disagree` sends the whole case back to the step before and closes
 * every other branch (they open afresh when the case comes back). Part of the fold of the case's
 * log (engine.ts `applyAction`), so a case's branches are never stored apart from its log.
 */
export const countersignPayload = z.object({
  branch: z.string().min(1).max(40).describe('the branch you sign (a key of the step’s branches)'),
  result: z.enum(['agree', 'disagree']).describe('agree: the branch is signed; disagree: the whole case goes back to the step before'),
  opinion: z.string().trim().min(1).max(2000).describe('会签意见'),
});
export type CountersignPayload = z.infer<typeof countersignPayload>;

export interface BranchState {
  key: string;
  role: string;
  /** The co-signing department (null: the case's own). */
  departmentId: string | null;
  status: 'open' | 'agreed';
  /** Who signed, when and with what opinion (null while open). */
  signedBy: string | null;
  signedOn: string | null;
  opinion: string | null;
}

/** The branches a step opens on entry (null: not a countersign step). */
export function openBranches(step: StepDefinition): BranchState[] | null {
  if (!step.branches?.length) return null;
  return step.branches.map((b) => ({
    key: b.key,
    role: b.role,
    departmentId: b.departmentId ?? null,
    status: 'open',
    signedBy: null,
    signedOn: null,
    opinion: null,
  }));
}

/** The branches after a signing (an agreement closes the branch; a disagreement sends the case back, which closes them all). */
export function signBranch(
  branches: BranchState[] | null,
  a: { date: string; actorId: string | null; payload: Record<string, unknown> },
): BranchState[] | null {
  if (!branches) return branches;
  const p = a.payload as Partial<CountersignPayload>;
  if (p.result !== 'agree') return branches;
  return branches.map((b) => (b.key === p.branch ? { ...b, status: 'agreed', signedBy: a.actorId, signedOn: a.date, opinion: p.opinion ?? null } : b));
}

/** Where a signing leads: back (a disagreement), on (every branch agreed: the join), or nowhere yet. */
export function joinMove(branches: BranchState[] | null, payload: Record<string, unknown>): 'earlier_step' | 'next_step' | 'stay' {
  if (payload.result === 'disagree') return 'earlier_step';
  return branches && branches.every((b) => b.status === 'agreed') ? 'next_step' : 'stay';
}

/**
 * The to-do keys of a case's open branches (cached in `cases.open_branches`): `role` for a grant
 * without a department, `department:role` for one in a department. `caseDepartmentId` stands in for
 * a branch that names no department.
 */
export function openBranchKeys(branches: BranchState[] | null, caseDepartmentId: string): string[] {
  const keys = new Set<string>();
  for (const b of branches ?? []) {
    if (b.status !== 'open') continue;
    keys.add(b.role);
    keys.add(`${b.departmentId ?? caseDepartmentId}:${b.role}`);
  }
  return [...keys];
}
