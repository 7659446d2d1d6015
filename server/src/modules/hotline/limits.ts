import type { WorkingCalendar } from '../../platform/calendar/service.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { ticketKinds, ticketUrgencies, type limitUnits } from './tables.ts';

type Kind = (typeof ticketKinds)[number];
type Urgency = (typeof ticketUrgencies)[number];
type LimitUnit = (typeof limitUnits)[number];

/** A row of the limits table: the conclusion limit and the sign limit for one kind × urgency. */
export interface Limit {
  conclusionUnit: LimitUnit;
  conclusionAmount: number;
  signMinutes: number;
}

/** Minutes of working time in a working day (9:00–12:00 and 13:30–17:30). */
export const WORKING_DAY_MINUTES = 7 * 60;

/** DOMAIN.md §6 defaults: working days to conclude a normal ticket, by kind. */
export const defaultLimitDays: Record<Kind, number> = { inquiry: 3, help: 3, complaint: 13, report: 13, suggestion: 13, praise: 3 };
/** Working minutes to sign (签收) after dispatch. */
export const signMinutes: Record<Urgency, number> = { normal: 60, urgent: 60, very_urgent: 30 };

/**
 * The defaults the migration seeds (and the fallback when a row is missing): normal tickets in working
 * days by kind; urgent "the same day" = 7 working hours (a working day's hours), very urgent 3 working hours.
 */
export function defaultLimit(kind: Kind, urgency: Urgency): Limit {
  if (urgency === 'normal') return { conclusionUnit: 'working_days', conclusionAmount: defaultLimitDays[kind], signMinutes: signMinutes.normal };
  return { conclusionUnit: 'working_hours', conclusionAmount: urgency === 'urgent' ? 7 : 3, signMinutes: signMinutes[urgency] };
}

/** Working hours 9:00–12:00 and 13:30–17:30, in minutes after midnight (Asia/Shanghai). */
export const workingPeriods: [number, number][] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

const SH = 8 * 3600_000;

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function at(date: string, minute: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SH + minute * 60_000);
}

/** `start` plus `minutes` of working time (working days, working hours), Asia/Shanghai. */
export function addWorkingMinutes(calendar: WorkingCalendar, start: Date, minutes: number, regionPath?: string | null): Date {
  let date = shanghaiDate(start);
  let minute = Math.floor((start.getTime() + SH) / 60_000) % 1440;
  let left = minutes;
  for (let guard = 0; guard < 400; guard++) {
    if (calendar.isWorkingDay(date, regionPath)) {
      for (const [from, to] of workingPeriods) {
        const begin = Math.max(minute, from);
        if (begin >= to) continue;
        if (begin + left <= to) return at(date, begin + left);
        left -= to - begin;
        minute = to;
      }
    }
    date = nextDate(date);
    minute = 0;
  }
  throw new RangeError('no working time within 400 days');
}

export interface DueDate {
  date: string;
  estimated: boolean;
  /** The moment it is due, for a limit in working hours; null for one in working days (due by the end of `date`). */
  at: Date | null;
}

/**
 * The conclusion due date from the limit: working days from the day after intake (a category's own
 * `limitDays` replaces the table's days), or working hours from the moment of intake (not overridden
 * by the category: a ticket taken near close of business is due the next working morning).
 */
export function conclusionDue(
  calendar: WorkingCalendar,
  now: Date,
  limit: Pick<Limit, 'conclusionUnit' | 'conclusionAmount'>,
  regionPath?: string | null,
  categoryDays?: number | null,
): DueDate {
  if (limit.conclusionUnit === 'working_hours') {
    const at = addWorkingMinutes(calendar, now, limit.conclusionAmount * 60, regionPath);
    const date = shanghaiDate(at);
    return { date, estimated: calendar.yearStatus(Number(date.slice(0, 4))) === 'estimated', at };
  }
  return { ...calendar.addWorkingDays(shanghaiDate(now), categoryDays ?? limit.conclusionAmount, regionPath), at: null };
}
