import { defineStateMachine } from '../../../platform/workflow/index.ts';
import type { CaseAction, CaseStatus } from './engine.ts';

/**
 * Where an action takes a case when the status alone does not say: the workflow definition's
 * steps do. `next_step`: into the next step (its kind gives the status), or concluded when no step
 * is left; `earlier_step`: back to the step before (or the one `toStep` names); `same_step`: back to
 * the status of the step the case stands at, once a pause (correction, special procedure) ends;
 * `join`: a 会签 branch signed (countersign.ts): on once every branch has agreed, back on a
 * disagreement, else where it stands.
 */
export const stepMoves = ['next_step', 'earlier_step', 'same_step', 'join'] as const;
export type StepMove = (typeof stepMoves)[number];

/** A transition's target: a status, or a move along the case's workflow. */
export type CaseTarget = CaseStatus | StepMove;

/**
 * The case's life: for each status, the actions its status allows and where each leads. The one
 * table behind `allowedActionsByStatus`, the 409s and the fold of a case's log (`applyAction`).
 * The step moves are listed as states of their own only because the helper's table is keyed by
 * every target; nothing ever stands in them (no actions).
 * Further filters on top of this table (claim only while unassigned, issue only with no pending
 * 容缺 material, …) are `allowedActions` in engine.ts; who takes an action is policy.ts.
 */
export const caseMachine = defineStateMachine<CaseTarget, CaseAction>({
  pending_acceptance: {
    accept: 'next_step',
    refuse: 'refused',
    request_correction: 'awaiting_correction',
    transfer: 'pending_acceptance',
    claim: 'pending_acceptance',
    withdraw: 'withdrawn',
    await_payment: 'awaiting_payment',
  },
  awaiting_correction: { submit_correction: 'same_step', withdraw: 'withdrawn', expire: 'correction_expired' },
  under_review: {
    approve: 'next_step',
    return_to_previous: 'earlier_step',
    transfer: 'under_review',
    claim: 'under_review',
    start_special_procedure: 'special_procedure',
    supplement_materials: 'under_review',
    withdraw: 'withdrawn',
    expire: 'correction_expired',
    await_payment: 'awaiting_payment',
    countersign: 'join',
  },
  pending_decision: {
    approve: 'next_step',
    deny: 'denied',
    return_to_previous: 'earlier_step',
    transfer: 'pending_decision',
    claim: 'pending_decision',
    start_special_procedure: 'special_procedure',
    supplement_materials: 'pending_decision',
    withdraw: 'withdrawn',
    expire: 'correction_expired',
    await_payment: 'awaiting_payment',
  },
  special_procedure: { end_special_procedure: 'same_step', supplement_materials: 'special_procedure' },
  pending_issue: {
    issue: 'next_step',
    claim: 'pending_issue',
    supplement_materials: 'pending_issue',
    expire: 'correction_expired',
    await_payment: 'awaiting_payment',
  },
  pending_delivery: { deliver: 'concluded', claim: 'pending_delivery', await_payment: 'awaiting_payment' },
  // payment-wait.ts: the payment's notice resumes the step (and the clock, if it was paused); the applicant may withdraw.
  awaiting_payment: { payment_received: 'same_step', withdraw: 'withdrawn' },
  concluded: {},
  refused: {},
  denied: {},
  withdrawn: {},
  correction_expired: {},
  next_step: {},
  earlier_step: {},
  same_step: {},
  join: {},
});
