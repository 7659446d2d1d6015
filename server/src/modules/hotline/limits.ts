import type { WorkingCalendar } from '../../platform/calendar/service.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import type { ticketKinds, ticketUrgencies } from './tables.ts';

type Kind = (typeof ticketKinds)[number];
type Urgency = (typeof ticketUrgencies)[number];

/** DOMAIN.md §6 defaults: working days to conclude, by kind. */
export const defaultLimitDays: Record<Kind, number> = { inquiry: 3, help: 3, complaint: 13, report: 13, suggestion: 13, praise: 3 };
/** Working minutes to sign (签收) after dispatch. */
export const signMinutes: Record<Urgency, number> = { normal: 60, urgent: 60, very_urgent: 30 };
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
}

/** The conclusion due date: urgent ones the same (working) day; else working days by kind or category. */
export function conclusionDue(calendar: WorkingCalendar, now: Date, kind: Kind, urgency: Urgency, regionPath?: string | null, categoryDays?: number | null): DueDate {
  const today = shanghaiDate(now);
  if (urgency !== 'normal') return calendar.addWorkingDays(today, 0, regionPath);
  return calendar.addWorkingDays(today, categoryDays ?? defaultLimitDays[kind], regionPath);
}
