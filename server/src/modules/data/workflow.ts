import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { resourceStatuses, shareStatuses } from './tables.ts';

export type ResourceStatus = (typeof resourceStatuses)[number];
export type ShareStatus = (typeof shareStatuses)[number];

export type ResourceAction = 'edit' | 'submit' | 'publish' | 'reject' | 'withdraw';

/**
 * A catalog entry: the department drafts and submits it, the data office publishes it (a version)
 * or sends it back; a published entry edited becomes a draft of the next version while the
 * published version stays in force; withdrawn entries are no longer shared.
 */
export const resourceWorkflow = defineStateMachine<ResourceStatus, ResourceAction>({
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { publish: 'published', reject: 'draft' },
  published: { edit: 'draft', withdraw: 'withdrawn' },
  withdrawn: { edit: 'draft' },
});

export type ShareAction = 'approve' | 'reject' | 'revoke' | 'withdraw';

/** A share request: the owner approves (with fields and an expiry) or rejects; an approval can be revoked. */
export const shareWorkflow = defineStateMachine<ShareStatus, ShareAction>({
  pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  approved: { revoke: 'revoked' },
  rejected: {},
  revoked: {},
  withdrawn: {},
});
