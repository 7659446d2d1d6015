import type { Outcome, TaskStatus } from './api';

/** Tag colours: the word says it, the colour only helps. */
export const statusColor: Record<TaskStatus, string> = {
  planned: 'default',
  committed: 'blue',
  drawn: 'geekblue',
  // 'blue', not 'processing': antd's processing tag is #1677ff on #e6f4ff (3.7:1, below AA); blue is #0958d9 (5.5:1).
  in_progress: 'blue',
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
