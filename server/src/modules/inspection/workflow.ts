import { defineStateMachine } from '../../platform/workflow/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { drawStatuses, taskStatuses } from './tables.ts';

export type TaskStatus = (typeof taskStatuses)[number];
export type DrawStatus = (typeof drawStatuses)[number];

export const taskActions = ['commit', 'draw', 'void', 'record', 'finish', 'disclose'] as const;
export type TaskAction = (typeof taskActions)[number];

/**
 * A task's life: the seed's commitment is published, the draw run (or voided back to planned by a
 * supervisor), results recorded (`finish` is recording the last open one), then disclosed. Disclosing
 * an unfinished task publishes what is recorded and leaves it in progress; disclosing again later
 * publishes what came since.
 */
export const taskWorkflow = defineStateMachine<TaskStatus, TaskAction>({
  planned: { commit: 'committed' },
  committed: { draw: 'drawn', void: 'planned' },
  drawn: { record: 'in_progress', finish: 'finished', void: 'planned' },
  in_progress: { record: 'in_progress', finish: 'finished', disclose: 'in_progress' },
  finished: { disclose: 'disclosed' },
  disclosed: { disclose: 'disclosed' },
});

export type DrawAction = 'draw' | 'void';

/** A draw: committed (seed sealed), drawn (seed revealed), or voided with a reason (it stays). */
export const drawWorkflow = defineStateMachine<DrawStatus, DrawAction>({
  committed: { draw: 'drawn', void: 'voided' },
  drawn: { void: 'voided' },
  voided: {},
});

/**
 * The task's next status for `action`, or the error the API has always answered for it (a 409
 * naming the status and the allowed actions): committing twice is a conflict, committing or drawing
 * a task drawn already is `inspection.already_drawn`, drawing before the commitment
 * `inspection.not_committed`; anything else `workflow.action_not_allowed`.
 */
export function nextTaskStatus(status: TaskStatus, action: TaskAction): TaskStatus {
  if (taskWorkflow.can(status, action)) return taskWorkflow.next(status, action);
  const code =
    action === 'commit'
      ? status === 'committed'
        ? 'resource.conflict'
        : 'inspection.already_drawn'
      : action === 'draw'
        ? status === 'planned'
          ? 'inspection.not_committed'
          : 'inspection.already_drawn'
        : undefined;
  if (!code) return taskWorkflow.next(status, action);
  throw new AppError(code, { detail: `${action} in ${status}`, extra: { currentStatus: status, action, allowed: taskWorkflow.allowed(status) } });
}
