import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { rectificationStatuses } from './tables.ts';

export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationActions = ['follow_up', 'submit', 'rate', 'appeal', 'accept_appeal', 'reject_appeal'] as const;
export type RectificationAction = (typeof rectificationActions)[number];

/**
 * A rectification's life: open (the unit calls the reviewer back, possibly more than once, then
 * submits its measures) → submitted → closed when the reviewer rates it. While open the unit may
 * appeal a mistaken or malicious review; the supervising office accepts (the review is annulled) or
 * rejects it (back to open, same due date).
 */
export const rectificationWorkflow = defineStateMachine<RectificationStatus, RectificationAction>({
  open: { follow_up: 'open', submit: 'submitted', appeal: 'appealed' },
  appealed: { accept_appeal: 'annulled', reject_appeal: 'open' },
  submitted: { rate: 'closed' },
  closed: {},
  annulled: {},
});
