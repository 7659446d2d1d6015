/**
 * Working-day calendar engine (pure, no database): which days are working days, in which region,
 * and how far a time limit counted in working days reaches. See README.md beside this file.
 *
 * Sources, for each calendar year, in this order:
 *   1. an annual notice entered by an admin (`notices`)               → 'notice-entered'
 *   2. the `chinese-days` library (State Council notices it carries)  → 'official'
 *   3. otherwise an estimate: weekends + the 13 statutory holiday days of the 2025 rules → 'estimated'
 * and, on top of that, local overrides (`overrides`), national or for a region and its subtree.
 *
 * Dates are 'YYYY-MM-DD' strings in Asia/Shanghai terms; internally integer day numbers on UTC.
 */
import { libraryDay, libraryKnowsYear, lunarToDay, qingmingDay } from './chinese-days-adapter.ts';

export { libraryYears } from './chinese-days-adapter.ts';
import { dayNumber, formatDay, isWeekend, parseDate, yearOfDay } from './dates.ts';

export { shanghaiDate, addCalendarDays } from './dates.ts';

export type YearStatus = 'official' | 'notice-entered' | 'estimated';

export type DayReason = 'weekend' | 'workday' | 'holiday' | 'makeup-workday' | 'override-workday' | 'override-holiday';

export interface CalendarOverride {
  /** 'YYYY-MM-DD' */
  date: string;
  kind: 'workday' | 'holiday';
  name: string;
  /** GB/T 2260 code; the override applies to this region and its subtree. Absent = everywhere. */
  regionCode?: string;
}

export interface NoticeDay {
  date: string;
  name?: string;
}

/** One year's State Council holiday notice, as entered by an admin. */
export interface YearNotice {
  year: number;
  /** every day off of the holiday periods (weekend days inside a period may be listed too) */
  holidays: ReadonlyArray<string | NoticeDay>;
  /** make-up working days (调休上班), usually Saturdays or Sundays */
  makeupWorkdays: ReadonlyArray<string | NoticeDay>;
}

export interface CalendarData {
  overrides?: ReadonlyArray<CalendarOverride>;
  notices?: ReadonlyArray<YearNotice>;
  /**
   * Path of a region from the broadest to itself, e.g. 990102 → ['990000', '990100', '990102'].
   * Used when a query passes a single region code; default: derived from the 6-digit code.
   */
  regionPathOf?: (regionCode: string) => readonly string[];
}

/** A region: its code (path derived) or its path from the province down, broadest first. */
export type RegionArg = string | readonly string[];

export interface DayInfo {
  date: string;
  working: boolean;
  reason: DayReason;
  name?: string;
  estimated: boolean;
}

export interface WorkingDayResult {
  date: string;
  estimated: boolean;
}

export interface WorkingDayCount {
  days: number;
  estimated: boolean;
}

export interface NamedHoliday {
  date: string;
  name: string;
}

/** Years the lunar tables of `chinese-days` cover with room to spare. */
export const MIN_YEAR = 1901;
export const MAX_YEAR = 2099;

// ---------------------------------------------------------------------------------------------
// Year tables

const REASON_WEEKEND = 0;
const REASON_WORKDAY = 1;
const REASON_HOLIDAY = 2;
const REASON_MAKEUP = 3;
const BASE_REASONS: readonly DayReason[] = ['weekend', 'workday', 'holiday', 'makeup-workday'];

interface YearTable {
  readonly year: number;
  readonly status: YearStatus;
  /** day number of Jan 1 and Dec 31 */
  readonly first: number;
  readonly last: number;
  /** 1 = working, by day of year (0-based) */
  readonly working: Uint8Array;
  readonly reason: Uint8Array;
  readonly names: ReadonlyMap<number, string>;
  /** prefix[i] = working days among the first i days of the year */
  readonly prefix: Int32Array;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year ${year} is outside the supported range ${MIN_YEAR}-${MAX_YEAR}`);
  }
}

function buildTable(year: number, status: YearStatus, classify: (day: number) => { reason: number; name?: string }): YearTable {
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  const length = last - first + 1;
  const working = new Uint8Array(length);
  const reason = new Uint8Array(length);
  const prefix = new Int32Array(length + 1);
  const names = new Map<number, string>();
  for (let i = 0; i < length; i++) {
    const day = first + i;
    const c = classify(day);
    reason[i] = c.reason;
    working[i] = c.reason === REASON_WORKDAY || c.reason === REASON_MAKEUP ? 1 : 0;
    prefix[i + 1] = (prefix[i] ?? 0) + (working[i] ?? 0);
    if (c.name !== undefined) names.set(i, c.name);
  }
  return { year, status, first, last, working, reason, names, prefix };
}

function plainDay(day: number): { reason: number } {
  return { reason: isWeekend(day) ? REASON_WEEKEND : REASON_WORKDAY };
}

/** Library tables are the same for every engine: cache them per process (null = year unknown). */
const libraryTables = new Map<number, YearTable | null>();

function libraryTable(year: number): YearTable | null {
  const cached = libraryTables.get(year);
  if (cached !== undefined) return cached;
  const table = libraryKnowsYear(year)
    ? buildTable(year, 'official', (day) => {
        const lib = libraryDay(formatDay(day));
        if (!lib) return plainDay(day);
        const reason = lib.work ? REASON_MAKEUP : REASON_HOLIDAY;
        return lib.name !== undefined ? { reason, name: lib.name } : { reason };
      })
    : null;
  libraryTables.set(year, table);
  return table;
}

const estimatedTables = new Map<number, YearTable>();

function estimatedTable(year: number): YearTable {
  const cached = estimatedTables.get(year);
  if (cached) return cached;
  const holidays = statutoryHolidayDays(year);
  const table = buildTable(year, 'estimated', (day) => {
    const name = holidays.get(day);
    return name !== undefined ? { reason: REASON_HOLIDAY, name } : plainDay(day);
  });
  estimatedTables.set(year, table);
  return table;
}

const statutoryCache = new Map<number, ReadonlyMap<number, string>>();

/**
 * The 13 statutory holiday days of a year under the rules in force since 2025 (全国年节及纪念日放假办法,
 * revised 2024), without the bridging days and make-up working days an annual notice adds.
 */
function statutoryHolidayDays(year: number): ReadonlyMap<number, string> {
  checkYear(year);
  const cached = statutoryCache.get(year);
  if (cached) return cached;
  const days = new Map<number, string>();
  const add = (day: number, name: string): void => {
    if (yearOfDay(day) !== year) throw new Error(`${name} of ${year} computed as ${formatDay(day)}`);
    const existing = days.get(day);
    days.set(day, existing === undefined || existing === name ? name : `${existing}、${name}`);
  };
  add(dayNumber(year, 1, 1), '元旦');
  // Spring Festival: lunar New Year's Eve (last day of the 12th month, the 29th or 30th) and 1/1-1/3.
  const lunarNewYear = lunarToDay(year, 1, 1);
  for (let i = -1; i <= 2; i++) add(lunarNewYear + i, '春节');
  add(qingmingDay(year), '清明');
  add(dayNumber(year, 5, 1), '劳动节');
  add(dayNumber(year, 5, 2), '劳动节');
  add(lunarToDay(year, 5, 5), '端午');
  add(lunarToDay(year, 8, 15), '中秋');
  for (let d = 1; d <= 3; d++) add(dayNumber(year, 10, d), '国庆节');
  statutoryCache.set(year, days);
  return days;
}

/** The statutory holidays of a year as computed for an estimated year (13 days, sorted). */
export function statutoryHolidays(year: number): NamedHoliday[] {
  return [...statutoryHolidayDays(year)].sort(([a], [b]) => a - b).map(([day, name]) => ({ date: formatDay(day), name }));
}

/** Default region path of a 6-digit GB/T 2260 code: province, prefecture, county. */
export function regionPathFromCode(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [code];
  const path = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  return path.filter((c, i) => path.indexOf(c) === i);
}

// ---------------------------------------------------------------------------------------------
// Engine

interface OverrideEntry {
  readonly kind: 'workday' | 'holiday';
  readonly name: string;
  readonly regionCode: string | undefined;
}

const NO_REGION: readonly string[] = [];

export class WorkingDayCalendar {
  private readonly noticeTables = new Map<number, YearTable>();
  private readonly overridesByDay = new Map<number, OverrideEntry[]>();
  /** sorted day numbers that carry at least one override */
  private readonly overrideDays: number[];
  private readonly regionPathOf: (regionCode: string) => readonly string[];

  constructor(data: CalendarData = {}) {
    this.regionPathOf = data.regionPathOf ?? regionPathFromCode;
    for (const notice of data.notices ?? []) this.addNotice(notice);
    for (const o of data.overrides ?? []) {
      const day = parseDate(o.date);
      checkYear(yearOfDay(day));
      if (o.kind !== 'workday' && o.kind !== 'holiday') {
        throw new RangeError(`override ${o.date}: kind must be 'workday' or 'holiday'`);
      }
      if (o.regionCode !== undefined && o.regionCode.trim() === '') {
        throw new RangeError(`override ${o.date}: empty regionCode (omit it for a national override)`);
      }
      const list = this.overridesByDay.get(day) ?? [];
      list.push({ kind: o.kind, name: o.name, regionCode: o.regionCode });
      this.overridesByDay.set(day, list);
    }
    this.overrideDays = [...this.overridesByDay.keys()].sort((a, b) => a - b);
  }

  private addNotice(notice: YearNotice): void {
    const { year } = notice;
    checkYear(year);
    if (this.noticeTables.has(year)) throw new RangeError(`two notices entered for ${year}`);
    const special = new Map<number, { reason: number; name?: string }>();
    const put = (entry: string | NoticeDay, reason: number): void => {
      const date = typeof entry === 'string' ? entry : entry.date;
      const name = typeof entry === 'string' ? undefined : entry.name;
      const day = parseDate(date);
      if (yearOfDay(day) !== year) throw new RangeError(`notice for ${year} lists ${date}`);
      const previous = special.get(day);
      if (previous && previous.reason !== reason) {
        throw new RangeError(`notice for ${year} lists ${date} both as holiday and as working day`);
      }
      special.set(day, name !== undefined && name !== '' ? { reason, name } : { reason });
    };
    for (const h of notice.holidays) put(h, REASON_HOLIDAY);
    for (const w of notice.makeupWorkdays) put(w, REASON_MAKEUP);
    this.noticeTables.set(
      year,
      buildTable(year, 'notice-entered', (day) => special.get(day) ?? plainDay(day)),
    );
  }

  private table(year: number): YearTable {
    checkYear(year);
    return this.noticeTables.get(year) ?? libraryTable(year) ?? estimatedTable(year);
  }

  private path(region: RegionArg | undefined): readonly string[] {
    if (region === undefined) return NO_REGION;
    return typeof region === 'string' ? this.regionPathOf(region) : region;
  }

  /** The override in force on a day for a region: the most specific one; later entries win ties. */
  private override(day: number, path: readonly string[]): OverrideEntry | undefined {
    const list = this.overridesByDay.get(day);
    if (list === undefined) return undefined;
    let best: OverrideEntry | undefined;
    let bestRank = -1;
    for (const o of list) {
      let rank = 0;
      if (o.regionCode !== undefined) {
        const at = path.indexOf(o.regionCode);
        if (at < 0) continue;
        rank = at + 1;
      }
      if (rank >= bestRank) {
        best = o;
        bestRank = rank;
      }
    }
    return best;
  }

  private workingOn(day: number, table: YearTable, path: readonly string[]): boolean {
    if (this.overrideDays.length > 0) {
      const o = this.override(day, path);
      if (o) return o.kind === 'workday';
    }
    return table.working[day - table.first] === 1;
  }

  /** 'official' (chinese-days), 'notice-entered' (an admin entered the notice) or 'estimated'. */
  yearStatus(year: number): YearStatus {
    return this.table(year).status;
  }

  /** The years in [fromYear, toYear] whose calendar is only estimated. */
  estimatedYears(fromYear: number, toYear: number): number[] {
    const years: number[] = [];
    for (let y = fromYear; y <= toYear; y++) if (this.yearStatus(y) === 'estimated') years.push(y);
    return years;
  }

  /** See the module-level statutoryHolidays. */
  statutoryHolidays(year: number): NamedHoliday[] {
    return statutoryHolidays(year);
  }

  dayInfo(date: string, region?: RegionArg): DayInfo {
    const day = parseDate(date);
    const table = this.table(yearOfDay(day));
    const estimated = table.status === 'estimated';
    const formatted = formatDay(day);
    const o = this.override(day, this.path(region));
    if (o) {
      const working = o.kind === 'workday';
      return {
        date: formatted,
        working,
        reason: working ? 'override-workday' : 'override-holiday',
        ...(o.name !== '' ? { name: o.name } : {}),
        estimated,
      };
    }
    const i = day - table.first;
    const reason = BASE_REASONS[table.reason[i] ?? REASON_WORKDAY] ?? 'workday';
    const name = table.names.get(i);
    return {
      date: formatted,
      working: table.working[i] === 1,
      reason,
      ...(name !== undefined ? { name } : {}),
      estimated,
    };
  }

  isWorkingDay(date: string, region?: RegionArg): boolean {
    const day = parseDate(date);
    return this.workingOn(day, this.table(yearOfDay(day)), this.path(region));
  }

  /**
   * The n-th working day after `start` (counting starts the day after). n = 0: `start` itself if it
   * is a working day, else the next working day. `estimated` is true if any day looked at (from the
   * first day counted to the result) lies in an estimated year.
   */
  addWorkingDays(start: string, n: number, region?: RegionArg): WorkingDayResult {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
    }
    const path = this.path(region);
    let day = parseDate(start);
    let remaining = n;
    if (n === 0) remaining = 1;
    else day += 1;
    let table = this.table(yearOfDay(day));
    let estimated = false;
    for (;;) {
      if (day > table.last) table = this.table(table.year + 1);
      if (table.status === 'estimated') estimated = true;
      if (this.workingOn(day, table, path) && --remaining === 0) return { date: formatDay(day), estimated };
      day++;
    }
  }

  /**
   * Working days in (from, to]; negative (minus the working days in (to, from]) if to < from.
   * `estimated` is true if any of those days lies in an estimated year.
   */
  workingDaysBetween(from: string, to: string, region?: RegionArg): WorkingDayCount {
    const a = parseDate(from);
    const b = parseDate(to);
    if (a === b) return { days: 0, estimated: false };
    const sign = b > a ? 1 : -1;
    const lo = Math.min(a, b) + 1; // inclusive range [lo, hi]
    const hi = Math.max(a, b);
    const path = this.path(region);
    let days = 0;
    let estimated = false;
    for (let year = yearOfDay(lo), last = yearOfDay(hi); year <= last; year++) {
      const t = this.table(year);
      if (t.status === 'estimated') estimated = true;
      const s = Math.max(lo, t.first) - t.first;
      const e = Math.min(hi, t.last) - t.first + 1;
      days += (t.prefix[e] ?? 0) - (t.prefix[s] ?? 0);
    }
    // Correct for the overrides in range.
    for (let i = lowerBound(this.overrideDays, lo); i < this.overrideDays.length; i++) {
      const day = this.overrideDays[i];
      if (day === undefined || day > hi) break;
      const o = this.override(day, path);
      if (!o) continue;
      const t = this.table(yearOfDay(day));
      const base = t.working[day - t.first] === 1 ? 1 : 0;
      days += (o.kind === 'workday' ? 1 : 0) - base;
    }
    return { days: days === 0 ? 0 : sign * days, estimated };
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createCalendar(data: CalendarData = {}): WorkingDayCalendar {
  return new WorkingDayCalendar(data);
}
