import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { listStatuses } from './tables.ts';

export type ListStatus = (typeof listStatuses)[number];

export const listActions = [
  'serve_notice',
  'object',
  'uphold_objection',
  'reject_objection',
  'approve',
  'withdraw',
  'propose_removal',
  'approve_removal',
  'reject_removal',
] as const;
export type ListAction = (typeof listActions)[number];

/**
 * A list entry's life. A dishonesty entry is proposed, the subject is served the notice (reason, basis,
 * rights) and may object within the objection period; an upheld objection withdraws the entry, a
 * rejected one returns it to `noticed`; approval (after the period) lists it. An honor entry needs no
 * notice (`approve` from `proposed`: the service refuses that for the dishonesty list). Removal is
 * proposed and approved.
 */
export const listWorkflow = defineStateMachine<ListStatus, ListAction>({
  proposed: { serve_notice: 'noticed', approve: 'listed', withdraw: 'withdrawn' },
  noticed: { object: 'objected', approve: 'listed', withdraw: 'withdrawn' },
  objected: { uphold_objection: 'withdrawn', reject_objection: 'noticed' },
  listed: { propose_removal: 'removal_proposed' },
  removal_proposed: { approve_removal: 'removed', reject_removal: 'listed' },
  removed: {},
  withdrawn: {},
});

export const nextListStatus = listWorkflow.next;
export const allowedListActions = listWorkflow.allowed;
