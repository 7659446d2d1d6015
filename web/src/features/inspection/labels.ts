import type { Outcome, TaskStatus } from './api';

/** Tag colours: the word says it, the colour only helps. */
export const statusColor: Record<TaskStatus, string> = {
  planned: 'default',
  committed: 'blue',
  drawn: 'geekblue',
  in_progress: 'processing',
  finished: 'cyan',
  disclosed: 'green',
};

export const outcomeColor: Record<Outcome, string> = {
  normal: 'green',
  problems_found: 'red',
  not_found_at_address: 'orange',
  closed: 'default',
  refused: 'volcano',
};

export const drawAmount = (t: { count: number | null; proportionBp: number | null }) =>
  t.count !== null ? { key: 'count' as const, value: t.count } : { key: 'proportion' as const, value: (t.proportionBp ?? 0) / 100 };
