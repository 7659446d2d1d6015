import { stepBudgets, type WorkflowDefinition } from './definition.ts';
import type { CaseState, Pause } from './engine.ts';

/** What the clock needs from the working-day calendar (WorkingCalendar and the pure engine both fit). */
export interface DueCalendar {
  addWorkingDays(start: string, n: number, region?: string): { date: string; estimated: boolean };
  workingDaysBetween(from: string, to: string, region?: string): { days: number; estimated: boolean };
}

export type Light = 'green' | 'yellow' | 'red';

export interface Deadline {
  /** Due date (the last working day allowed); while paused, the date if the clock restarted today. */
  dueDate: string;
  /** True when a year involved has no official holiday notice yet: show a warning. */
  estimated: boolean;
  /** Working days left as of `asOf` (negative: overdue). Frozen while the clock is paused. */
  daysLeft: number;
  /** Working days the clock stood still (corrections, special procedures). */
  pausedDays: number;
  paused: boolean;
  light: Light;
}

export interface ClockOptions {
  /** Yellow when this many working days or fewer are left (default 2). */
  yellowDays?: number;
  /** Region path ("990000/990100/990102"): district calendar overrides apply. */
  region?: string;
}

function pausedWorkingDays(cal: DueCalendar, pauses: readonly Pause[], today: string, region: string | undefined, filter: (p: Pause) => boolean = () => true) {
  let days = 0;
  let estimated = false;
  for (const p of pauses.filter(filter)) {
    const to = p.to ?? today;
    if (to <= p.from) continue;
    const c = cal.workingDaysBetween(p.from, to, region);
    days += c.days;
    estimated ||= c.estimated;
  }
  return { days, estimated };
}

/**
 * A deadline of `limitDays` working days counted from the day after `start`, extended by the
 * working days paused, with its light as of `today`. While paused, the days left are those at the
 * moment the clock stopped.
 */
export function deadline(cal: DueCalendar, start: string, limitDays: number, pauses: readonly Pause[], today: string, opts: ClockOptions = {}): Deadline {
  const yellowDays = opts.yellowDays ?? 2;
  const open = pauses.find((p) => p.to === null);
  const paused = pausedWorkingDays(cal, pauses, today, opts.region);
  const due = cal.addWorkingDays(start, limitDays + paused.days, opts.region);
  // While paused the clock reads as it did when it stopped.
  const asOf = open ? open.from : today;
  const dueAsOf = open ? cal.addWorkingDays(start, limitDays + pausedWorkingDays(cal, pauses, asOf, opts.region, (p) => p !== open).days, opts.region) : due;
  const left = cal.workingDaysBetween(asOf, dueAsOf.date, opts.region);
  const daysLeft = left.days;
  const light: Light = daysLeft < 0 ? 'red' : daysLeft <= yellowDays ? 'yellow' : 'green';
  return {
    dueDate: due.date,
    estimated: due.estimated || paused.estimated || left.estimated,
    daysLeft,
    pausedDays: paused.days,
    paused: open !== undefined,
    light,
  };
}

/** The case's deadline (the promised limit from submission) and the current step's (its share). */
export function caseDeadlines(
  cal: DueCalendar,
  def: WorkflowDefinition,
  state: CaseState,
  submittedOn: string,
  promisedDays: number,
  today: string,
  opts: ClockOptions = {},
) {
  const caseDeadline = deadline(cal, submittedOn, promisedDays, state.pauses, today, opts);
  const budget = stepBudgets(def, promisedDays)[state.step.key] ?? 0;
  const stepPauses = state.pauses.filter(
    (p) => p.stepKey === state.step.key && (p.to === null || p.to >= state.stepEnteredOn) && p.from >= state.stepEnteredOn,
  );
  const stepDeadline = deadline(cal, state.stepEnteredOn, budget, stepPauses, today, opts);
  return { case: caseDeadline, step: stepDeadline };
}
