import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { urgeStatuses } from './tables.ts';

export type UrgeStatus = (typeof urgeStatuses)[number];
export type UrgeAction = 'answer' | 'escalate';

/** An urge's life: the unit answers (also after escalation, marked late); unanswered past its limit it is escalated once. */
export const urgeWorkflow = defineStateMachine<UrgeStatus, UrgeAction>({
  open: { answer: 'answered', escalate: 'escalated' },
  escalated: { answer: 'answered' },
  answered: {},
});
