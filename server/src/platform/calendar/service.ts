import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/types.ts';
import { createCalendar, shanghaiDate, type DayInfo, type WorkingDayCalendar, type WorkingDayCount, type WorkingDayResult, type YearStatus } from './engine.ts';
import { calendarNotices, calendarOverrides } from './tables.ts';

const RELOAD_AFTER_MS = 30_000;

/** "990000/990100/990102" → ['990000', '990100', '990102']; "" or undefined → no region. */
function pathArg(regionPath?: string | null): readonly string[] | undefined {
  return regionPath ? regionPath.split('/') : undefined;
}

/**
 * The working-day calendar with this installation's overrides and entered notices. Rebuilt from
 * the database when changed here, and at most 30 s stale when changed by another process.
 */
export class WorkingCalendar {
  private engine: WorkingDayCalendar = createCalendar();
  private loadedAt = 0;

  constructor(private readonly database: Database) {}

  async reload(): Promise<void> {
    const db = this.database.db;
    const [overrides, notices] = await Promise.all([
      db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.createdAt)),
      db.select().from(calendarNotices).where(eq(calendarNotices.active, true)),
    ]);
    this.engine = createCalendar({
      overrides: overrides.map((o) => ({ date: o.date, kind: o.kind, name: o.name, regionCode: o.regionPath ? o.regionPath.split('/').at(-1) : undefined })),
      notices: notices.map((n) => ({ year: n.year, holidays: n.holidays, makeupWorkdays: n.makeupWorkdays })),
      regionPathOf: (code) => [code],
    });
    this.loadedAt = Date.now();
  }

  /** Reloads when stale; call at the start of a request or job that computes due dates. */
  async refresh(): Promise<void> {
    if (Date.now() - this.loadedAt > RELOAD_AFTER_MS) await this.reload();
  }

  addWorkingDays(start: string, n: number, regionPath?: string | null): WorkingDayResult {
    return this.engine.addWorkingDays(start, n, pathArg(regionPath));
  }

  workingDaysBetween(from: string, to: string, regionPath?: string | null): WorkingDayCount {
    return this.engine.workingDaysBetween(from, to, pathArg(regionPath));
  }

  isWorkingDay(date: string, regionPath?: string | null): boolean {
    return this.engine.isWorkingDay(date, pathArg(regionPath));
  }

  dayInfo(date: string, regionPath?: string | null): DayInfo {
    return this.engine.dayInfo(date, pathArg(regionPath));
  }

  yearStatus(year: number): YearStatus {
    return this.engine.yearStatus(year);
  }

  statutoryHolidays(year: number) {
    return this.engine.statutoryHolidays(year);
  }

  /** This year and the next two, with a warning for each estimated one. */
  status(today = shanghaiDate()): { years: { year: number; status: YearStatus }[]; warnings: { zh: string; en: string }[] } {
    const thisYear = Number(today.slice(0, 4));
    const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((year) => ({ year, status: this.engine.yearStatus(year) }));
    const warnings = years
      .filter((y) => y.status === 'estimated' && y.year <= thisYear + 1)
      .map((y) => ({
        zh: `${y.year} 年放假安排尚未录入：该年期限按周末与法定节假日估算，请在国务院通知发布后录入。`,
        en: `The ${y.year} holiday notice is not entered: due dates in ${y.year} are estimated from weekends and statutory holidays. Enter the State Council notice when published.`,
      }));
    return { years, warnings };
  }

  today(): string {
    return shanghaiDate();
  }
}
