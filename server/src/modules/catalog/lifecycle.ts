import { defineStateMachine } from '../../platform/workflow/index.ts';

export const implementationStates = ['unpublished', 'published', 'suspended', 'abolished'] as const;
export type ImplementationState = (typeof implementationStates)[number];
export type ImplementationAction = 'edit' | 'publish' | 'suspend' | 'resume' | 'abolish';

/**
 * An implementation's life. `edit` (start, save, submit or reject a version) leaves the state as it
 * is; publishing a version of a suspended implementation keeps it suspended; an abolished one never
 * changes again. A refused action is a 409 `workflow.action_not_allowed` with `allowed`.
 */
export const implementationLifecycle = defineStateMachine<ImplementationState, ImplementationAction>({
  unpublished: { edit: 'unpublished', publish: 'published', abolish: 'abolished' },
  published: { edit: 'published', publish: 'published', suspend: 'suspended', abolish: 'abolished' },
  suspended: { edit: 'suspended', publish: 'suspended', resume: 'published', abolish: 'abolished' },
  abolished: {},
});

/** The working version's status: `none` when the implementation has no draft or submitted version. */
export type WorkingStatus = 'none' | 'draft' | 'submitted';
export type VersionAction = 'start_draft' | 'save' | 'submit' | 'reject' | 'publish';

/**
 * A guide version's life: draft → submitted → published (the previous published one becomes
 * superseded); a rejection sends it back to draft. Published and superseded versions never change,
 * so the machine follows the one working version (at most one per implementation).
 */
export const versionLifecycle = defineStateMachine<WorkingStatus, VersionAction>({
  none: { start_draft: 'draft' },
  draft: { save: 'draft', submit: 'submitted' },
  submitted: { reject: 'draft', publish: 'none' },
});
