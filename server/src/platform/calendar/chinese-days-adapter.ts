/**
 * Time-zone-safe access to the `chinese-days` library.
 *
 * The library mixes UTC parsing ('YYYY-MM-DD' strings become UTC midnight) with local-time getters
 * (getDate, getDay, setHours). West of Greenwich this shifts answers by a day, and it even shifts the
 * holiday table the library builds when it is loaded. So:
 *  - holidays and make-up working days come from the table the package ships prebuilt
 *    (dist/chinese-days.json, the same data as isWorkday/getDayDetail, keyed by plain date strings);
 *  - lunar conversion and solar terms are called only with local-time Date objects (which the
 *    library then treats consistently) or have their string round trip inverted, and every answer
 *    is parsed and checked.
 */
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { parseDate } from './dates.ts';

export interface LibraryDay {
  /** true for a make-up working day, false for a day off of a holiday period */
  work: boolean;
  /** Chinese holiday name (e.g. 春节) */
  name?: string;
}

interface LibraryData {
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
  years: ReadonlySet<number>;
}

let libraryData: LibraryData | undefined;

function stringTable(raw: unknown, key: string): Map<string, string> {
  const table = (raw as Record<string, unknown> | null)?.[key];
  if (typeof table !== 'object' || table === null) throw new Error(`chinese-days data has no ${key} table`);
  const map = new Map<string, string>();
  for (const [date, value] of Object.entries(table)) {
    parseDate(date);
    if (typeof value !== 'string') throw new Error(`chinese-days data: bad ${key} entry for ${date}`);
    map.set(date, value);
  }
  return map;
}

function load(): LibraryData {
  if (libraryData) return libraryData;
  const raw: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
  const holidays = stringTable(raw, 'holidays');
  const workdays = stringTable(raw, 'workdays');
  const years = new Set<number>();
  for (const date of holidays.keys()) years.add(Number(date.slice(0, 4)));
  libraryData = { holidays, workdays, years };
  return libraryData;
}

/** Listed entries are named "English,中文,days" (e.g. "Spring Festival,春节,4"). */
function chineseName(value: string): string | undefined {
  const parts = value.split(',');
  const zh = (parts.length >= 2 ? parts[1] : parts[0])?.trim();
  return zh ? zh : undefined;
}

/** Whether the library carries the State Council notice of a year. */
export function libraryKnowsYear(year: number): boolean {
  return load().years.has(year);
}

/** The years the library carries, ascending. */
export function libraryYears(): number[] {
  return [...load().years].sort((a, b) => a - b);
}

/** The library's entry for a date ('YYYY-MM-DD'), if the date is listed as day off or make-up day. */
export function libraryDay(date: string): LibraryDay | undefined {
  const { holidays, workdays } = load();
  const work = workdays.get(date);
  const off = work === undefined ? holidays.get(date) : undefined;
  const value = work ?? off;
  if (value === undefined) return undefined;
  const name = chineseName(value);
  return name !== undefined ? { work: work !== undefined, name } : { work: work !== undefined };
}

/**
 * Gregorian day number of a day of a non-leap lunar month (lunarDay 1..30; the library does not
 * check that a 30th exists, it rolls over into the next month).
 */
export function lunarToDay(lunarYear: number, lunarMonth: number, lunarDay: number): number {
  const local = new Date(lunarYear, lunarMonth - 1, lunarDay);
  if (local.getFullYear() !== lunarYear || local.getMonth() !== lunarMonth - 1 || local.getDate() !== lunarDay) {
    // The library reads the lunar date back with local getters; a Gregorian overflow (e.g. 2/30)
    // would silently change it.
    throw new RangeError(`lunar date ${lunarYear}-${lunarMonth}-${lunarDay} cannot be passed to chinese-days`);
  }
  return parseDate(chineseDays.getSolarDateFromLunar(local).date);
}

/**
 * The Qingming (清明) solar term day of a year. getSolarTermDate builds its answer from a UTC
 * midnight formatted with local getters, so west of Greenwich it names the day before; find the
 * day whose UTC midnight the library would have formatted that way.
 */
export function qingmingDay(year: number): number {
  const answer = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const shown = parseDate(answer);
  for (const candidate of [shown, shown + 1]) {
    const d = new Date(candidate * 86_400_000);
    const local = `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    if (local === answer) return candidate;
  }
  throw new Error(`cannot interpret chinese-days solar term answer ${answer} for ${year}`);
}
