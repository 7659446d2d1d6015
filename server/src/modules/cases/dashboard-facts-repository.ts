import { and, between, count, inArray, sql, sum } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { cases } from './tables.ts';

/** The outcomes that count as 办结 in the statistics (a decision was made): the ones 办件公示 publishes. */
export const decidedStatuses = ['concluded', 'refused', 'denied'] as const;

/**
 * One day's figures of one (department, item, region, channel, window): cases received that day (by
 * `submitted_on`) and cases decided that day (by `concluded_on`, status concluded / refused /
 * denied), of which on time (concluded on or before the due date), with the working days they took
 * (platform calendar of the case's region, submission to conclusion) and their promised and
 * statutory limits.
 */
export interface CaseDayFact {
  day: string;
  departmentId: string;
  departmentName: string;
  implementationCode: string;
  itemName: string;
  regionPath: string;
  channel: 'online' | 'window';
  /** The service window the case was filed at ('' for none: filed online, or no window named), and its label. */
  windowId: string;
  windowLabel: string;
  received: number;
  concluded: number;
  concludedOnTime: number;
  workingDaysSum: number;
  promisedDaysSum: number;
  statutoryDaysSum: number;
  /** Of `received`: visits needed are 0 (filed online, result not picked up at a window) and exactly 1 (filed at a window or picked up there, not both). */
  zeroVisit: number;
  oneVisit: number;
}

type Key = Pick<
  CaseDayFact,
  'day' | 'departmentId' | 'departmentName' | 'implementationCode' | 'itemName' | 'regionPath' | 'channel' | 'windowId' | 'windowLabel'
>;

/**
 * 领导驾驶舱: the day facts of every case received or decided in [from, to] (inclusive dates),
 * whoever asks (a job of the supervision module aggregates them; it checks its own permission when
 * it shows them). Two grouped queries; working days are counted once per distinct (submitted,
 * concluded, region).
 */
export async function caseDayFacts(ctx: Ctx, range: { from: string; to: string }): Promise<CaseDayFact[]> {
  await ctx.calendar.refresh();
  const db = ctx.database.db;
  const dims = {
    departmentId: sql<string>`${cases.departmentId}::text`,
    departmentName: cases.departmentName,
    implementationCode: cases.implementationCode,
    itemName: cases.itemName,
    regionPath: cases.regionPath,
    channel: cases.channel,
    windowId: sql<string>`coalesce(${cases.windowId}::text, '')`,
    windowLabel: sql<string>`coalesce(${cases.windowLabel}, '')`,
  };
  // Visits a case needs: filing at a window, and picking the result up at one (the applicant's delivery choice).
  const visits = sql`((case when ${cases.channel} = 'window' then 1 else 0 end) + (case when ${cases.deliveryPreference} = 'pickup' then 1 else 0 end))`;
  const groupCols = [
    cases.departmentId,
    cases.departmentName,
    cases.implementationCode,
    cases.itemName,
    cases.regionPath,
    cases.channel,
    cases.windowId,
    cases.windowLabel,
  ];
  const received = await db
    .select({
      day: cases.submittedOn,
      ...dims,
      n: count(),
      zeroVisit: sql<number>`count(*) filter (where ${visits} = 0)`.mapWith(Number),
      oneVisit: sql<number>`count(*) filter (where ${visits} = 1)`.mapWith(Number),
    })
    .from(cases)
    .where(between(cases.submittedOn, range.from, range.to))
    .groupBy(cases.submittedOn, ...groupCols);
  const decided = await db
    .select({
      day: sql<string>`${cases.concludedOn}`,
      ...dims,
      submittedOn: cases.submittedOn,
      onTime: sql<boolean>`${cases.concludedOn} <= ${cases.dueDate}`,
      n: count(),
      promised: sum(cases.promisedDays).mapWith(Number),
      statutory: sum(cases.statutoryDays).mapWith(Number),
    })
    .from(cases)
    .where(and(between(cases.concludedOn, range.from, range.to), inArray(cases.status, [...decidedStatuses])))
    .groupBy(cases.concludedOn, cases.submittedOn, sql`${cases.concludedOn} <= ${cases.dueDate}`, ...groupCols);

  const facts = new Map<string, CaseDayFact>();
  const factOf = (k: Key): CaseDayFact => {
    const id = [k.day, k.departmentId, k.implementationCode, k.regionPath, k.channel, k.windowId].join('|');
    let f = facts.get(id);
    if (!f) {
      f = { ...k, received: 0, concluded: 0, concludedOnTime: 0, workingDaysSum: 0, promisedDaysSum: 0, statutoryDaysSum: 0, zeroVisit: 0, oneVisit: 0 };
      facts.set(id, f);
    }
    return f;
  };
  const keyOf = (r: Key): Key => ({
    day: r.day,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    implementationCode: r.implementationCode,
    itemName: r.itemName,
    regionPath: r.regionPath,
    channel: r.channel,
    windowId: r.windowId,
    windowLabel: r.windowLabel,
  });
  for (const r of received) {
    const f = factOf(keyOf(r));
    f.received += r.n;
    f.zeroVisit += r.zeroVisit;
    f.oneVisit += r.oneVisit;
  }
  const spans = new Map<string, number>();
  for (const r of decided) {
    const f = factOf(keyOf(r));
    const spanKey = `${r.submittedOn}|${r.day}|${r.regionPath}`;
    let days = spans.get(spanKey);
    if (days === undefined) {
      days = Math.max(0, ctx.calendar.workingDaysBetween(r.submittedOn, r.day, r.regionPath).days);
      spans.set(spanKey, days);
    }
    f.concluded += r.n;
    if (r.onTime) f.concludedOnTime += r.n;
    f.workingDaysSum += days * r.n;
    f.promisedDaysSum += r.promised;
    f.statutoryDaysSum += r.statutory;
  }
  return [...facts.values()].sort((a, b) => a.day.localeCompare(b.day));
}
