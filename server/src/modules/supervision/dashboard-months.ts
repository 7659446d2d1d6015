import { addCalendarDays } from '../../platform/calendar/dates.ts';

/** The first day of the month after `day`'s (YYYY-MM-DD). */
function firstOfNextMonth(day: string): string {
  const [y, mo] = day.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
}

/**
 * 领导驾驶舱: [from, to] as its whole months (YYYY-MM, read from the month rows) and the days
 * before and after them (at most two ranges, read from the day rows). A period inside one month,
 * or spanning no whole month, is days only.
 */
export function splitByMonths(from: string, to: string): { days: [string, string][]; months?: [string, string] } {
  const firstWhole = from.endsWith('-01') ? from : firstOfNextMonth(from);
  const lastWholeEnd = addCalendarDays(to, 1).endsWith('-01') ? to : addCalendarDays(`${to.slice(0, 7)}-01`, -1);
  if (firstWhole > lastWholeEnd) return { days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addCalendarDays(firstWhole, -1)]);
  if (lastWholeEnd < to) days.push([addCalendarDays(lastWholeEnd, 1), to]);
  return { days, months: [firstWhole.slice(0, 7), lastWholeEnd.slice(0, 7)] };
}
