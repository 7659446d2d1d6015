import { createHash } from 'node:crypto';
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
  /** What was loaded from the database (overrides and notices), as text: part of the fingerprint. */
  private loaded = '';
  private fingerprints = new Map<number, string>();

  constructor(private readonly database: Database) {}

  async reload(): Promise<void> {
    const db = this.database.db;
    const [overrides, notices] = await Promise.all([
      db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.createdAt)),
      db.select().from(calendarNotices).where(eq(calendarNotices.active, true)),
    ]);
    this.loaded = JSON.stringify([
      overrides.map((o) => [o.date, o.kind, o.name, o.regionPath]),
      notices.map((n) => [n.year, n.holidays, n.makeupWorkdays]).sort((a, b) => Number(a[0]) - Number(b[0])),
    ]);
    this.fingerprints = new Map();
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

  /**
   * Changes whenever a due date or a light computed on `today` could: when an override or a notice
   * is entered or withdrawn here, or when the holiday library brings another arrangement (an upgrade).
   * Covers the working days of the year before `today` to two years after it, where the limits of
   * open matters fall.
   */
  fingerprint(today: string): string {
    const year = Number(today.slice(0, 4));
    let print = this.fingerprints.get(year);
    if (!print) {
      const hash = createHash('sha256').update(this.loaded);
      for (let y = year - 1; y <= year + 2; y++) {
        const days: string[] = [];
        for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d.setUTCDate(d.getUTCDate() + 1)) {
          days.push(this.engine.isWorkingDay(d.toISOString().slice(0, 10)) ? '1' : '0');
        }
        hash.update(`${y}:${this.engine.yearStatus(y)}:${days.join('')}`);
      }
      print = hash.digest('hex').slice(0, 32);
      this.fingerprints.set(year, print);
    }
    return print;
  }

  today(): string {
    return shanghaiDate();
  }
}
