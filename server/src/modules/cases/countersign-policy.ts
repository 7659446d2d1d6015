import { can, type Actor } from '../../platform/auth/index.ts';
import { registerErrors } from '../../platform/errors.ts';
import type { BranchState } from './workflow/countersign.ts';
import type { CaseState } from './workflow/engine.ts';

// Who signs a 会签 branch (workflow/countersign.ts): the `open_branch` rule of policy.ts.

registerErrors({
  'cases.branch_signed': { status: 409, zh: '该会签分支已签署', en: 'This countersign branch has already been signed' },
  'cases.signed_other_branch': { status: 409, zh: '您已签署本环节的另一会签分支', en: 'You have already signed another branch of this step' },
});

/** Permission of a branch's signer (the same as a step's: cases.case.handle). */
const handle = 'cases.case.handle';

/**
 * Does the actor hold the branch's role, with `cases.case.handle`, in the branch's department (a
 * co-signing one; else the case's) and the case's region? Decided by `can()` over the actor's
 * grants of that role only, as for a step (policy.ts `holdsAtStep`).
 */
export function holdsBranch(actor: Actor, branch: Pick<BranchState, 'role' | 'departmentId'>, c: { departmentId: string; regionPath: string }): boolean {
  if (actor.kind !== 'staff') return false;
  return can({ ...actor, grants: actor.grants.filter((g) => g.role === branch.role) }, handle, {
    regionPath: c.regionPath,
    departmentId: branch.departmentId ?? c.departmentId,
  });
}

/**
 * May read a case because they hold an open branch of its step: `open_branches` (the cached to-do
 * keys, `department:role`) names a department and role the actor holds cases.case.handle in.
 */
export function holdsOpenBranch(actor: Actor, row: { openBranches: readonly string[]; regionPath: string; departmentId: string }): boolean {
  if (actor.kind !== 'staff') return false;
  return row.openBranches.some((k) => {
    const at = k.indexOf(':');
    return at > 0 && holdsBranch(actor, { departmentId: k.slice(0, at), role: k.slice(at + 1) }, row);
  });
}

export type BranchRefusal =
  | { code: 'cases.not_your_step'; extra: { step: string; role: string; branch?: string } }
  | { code: 'cases.branch_signed'; extra: { branch: string; signedOn: string | null } }
  | { code: 'cases.signed_other_branch'; extra: { branch: string } };

/**
 * Why the actor may not sign `key` (null: they may): a holder of the branch's role (403
 * `cases.not_your_step` otherwise), once per branch (409 `cases.branch_signed`), one branch per
 * person at a step (409 `cases.signed_other_branch`). Without a key: may the actor sign any open
 * branch (what the case offers). An unknown key is left to the payload check (400).
 */
export function whyNotBranch(actor: Actor, c: { departmentId: string; regionPath: string; state: CaseState }, key: string | undefined): BranchRefusal | null {
  const branches = c.state.branches ?? [];
  const named = key === undefined ? undefined : branches.find((b) => b.key === key);
  const mine = branches.filter((b) => holdsBranch(actor, b, c));
  const signed = branches.find((b) => b.status === 'agreed' && b.signedBy === actor.id);
  const notYours = (branch: string | undefined): BranchRefusal => ({
    code: 'cases.not_your_step',
    extra: { step: c.state.step.key, role: branches.find((b) => b.key === branch)?.role ?? c.state.step.role, ...(branch ? { branch } : {}) },
  });
  if (key !== undefined && !named) return mine.length ? null : notYours(key);
  if (named && !holdsBranch(actor, named, c)) return notYours(named.key);
  if (named && named.status !== 'open') return { code: 'cases.branch_signed', extra: { branch: named.key, signedOn: named.signedOn } };
  if (signed) return { code: 'cases.signed_other_branch', extra: { branch: signed.key } };
  return named || mine.some((b) => b.status === 'open') ? null : notYours(undefined);
}
