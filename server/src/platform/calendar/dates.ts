/**
 * Calendar dates as integer day numbers (days since 1970-01-01), computed on UTC so that the
 * process time zone never shifts a date. A 'YYYY-MM-DD' string always means a civil date in
 * Asia/Shanghai terms; there is no time of day anywhere in the calendar engine.
 */

export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a civil date (month 1-12). No validation: Date.UTC normalises overflow. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Strict 'YYYY-MM-DD' parser: throws RangeError on anything else, including 2026-02-30. */
export function parseDate(value: string): number {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw new RangeError(`invalid date ${JSON.stringify(value)}: expected YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const n = dayNumber(year, month, day);
  const back = new Date(n * DAY_MS);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`invalid date ${JSON.stringify(value)}: no such day`);
  }
  return n;
}

/** 'YYYY-MM-DD' of a day number (years 1000-9999). */
export function formatDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const w = weekdayOf(n);
  return w === 0 || w === 6;
}

export function yearOfDay(n: number): number {
  return new Date(n * DAY_MS).getUTCFullYear();
}

/** Shift a 'YYYY-MM-DD' date by whole calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return formatDay(parseDate(date) + days);
}

/**
 * Today's date in Asia/Shanghai (UTC+8 all year; China has had no daylight saving time since
 * 1991), whatever the server's own time zone is.
 */
export function shanghaiDate(instant: Date | number = Date.now()): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
