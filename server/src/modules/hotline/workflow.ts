import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { ticketStatuses } from './tables.ts';

export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketActions = [
  'dispatch',
  'sign',
  'return',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'reply',
  'review_pass',
  'send_back',
  'urge',
  'escalate',
  'follow_up',
  'reopen',
  'answer',
  'refer',
  'merge',
] as const;
export type TicketAction = (typeof ticketActions)[number];

/**
 * The ticket's life: for each status, the actions allowed and the status they lead to. `sign` is
 * 签收 (the unit accepts the ticket); `answer` is 直接答复 by the center; urging leaves the status.
 * A unit that received a ticket may pass it on down (转派: district → street) without signing it first.
 */
export const ticketWorkflow = defineStateMachine<TicketStatus, TicketAction>({
  new: { dispatch: 'dispatched', answer: 'closed', refer: 'referred', merge: 'merged' },
  dispatched: { dispatch: 'dispatched', sign: 'signed', return: 'returned', urge: 'dispatched', escalate: 'dispatched', merge: 'merged' },
  returned: { dispatch: 'dispatched', sign: 'signed', answer: 'closed', refer: 'referred', merge: 'merged', urge: 'returned' },
  signed: { dispatch: 'dispatched', return: 'returned', request_extension: 'extension_requested', reply: 'replied', urge: 'signed', escalate: 'signed' },
  extension_requested: {
    approve_extension: 'signed',
    reject_extension: 'signed',
    reply: 'replied',
    urge: 'extension_requested',
    escalate: 'extension_requested',
  },
  replied: { review_pass: 'concluded', send_back: 'signed' },
  concluded: { follow_up: 'closed' },
  closed: { reopen: 'dispatched', follow_up: 'closed' },
  referred: {},
  merged: { review_pass: 'concluded' },
});

export const allowedActions = ticketWorkflow.allowed;

/** The status after `action`, or a 409 `workflow.action_not_allowed` listing what is allowed. */
export const nextStatus = ticketWorkflow.next;

/** Statuses in which a unit's clock runs (urging applies). */
export const openStatuses = ['dispatched', 'returned', 'signed', 'extension_requested'] as const satisfies readonly TicketStatus[];
