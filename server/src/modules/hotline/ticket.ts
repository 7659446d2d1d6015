import { randomInt } from 'node:crypto';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import type { TicketRow } from './repository.ts';
import type { Place } from './routing.ts';
import type { TicketUnit } from './tables.ts';

export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****';
}
export function maskName(n: string): string {
  const chars = [...n];
  return chars.length <= 1 ? '*' : chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** Where a ticket number's 8 digits come from (tests replace `draw` to make two numbers clash). */
export const ticketNumberSource = { draw: (): number => randomInt(0, 100_000_000) };

/**
 * `RX` + the day in Asia/Shanghai + 8 random digits: it tells nobody how many tickets a day the
 * city has. Two tickets of a day draw the same number with probability about n²/2·10⁸ (one in two
 * at 10,000 a day), so the unique column refuses the second and `retryNumberClash` draws again.
 */
export function ticketNumber(now: Date): string {
  return `RX${shanghaiDate(now).replaceAll('-', '')}${String(ticketNumberSource.draw()).padStart(8, '0')}`;
}

const NUMBER_ATTEMPTS = 5;

function isNumberClash(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && e.constraint === 'hotline_tickets_number_unique') return true;
  }
  return false;
}

/**
 * Runs an intake transaction again when its ticket number was already taken that day (the
 * transaction rolled back whole: ticket, history, photos, audit event), with a new number each time.
 */
export async function retryNumberClash<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= NUMBER_ATTEMPTS || !isNumberClash(err)) throw err;
    }
  }
}

type UnitColumns = Pick<TicketRow, 'unitDepartmentId' | 'unitRegionCode' | 'unitRegionPath' | 'unitLevel' | 'unitName'>;
export const unitOf = (t: UnitColumns): TicketUnit => ({
  departmentId: t.unitDepartmentId,
  regionCode: t.unitRegionCode,
  regionPath: t.unitRegionPath,
  level: t.unitLevel,
  name: t.unitName,
});
export const unitColumns = (u: TicketUnit) => ({
  unitDepartmentId: u.departmentId,
  unitRegionCode: u.regionCode,
  unitRegionPath: u.regionPath,
  unitLevel: u.level,
  unitName: u.name,
});
export const centerOf = (t: UnitColumns & Pick<TicketRow, 'unitChain'>): TicketUnit => t.unitChain[0] ?? unitOf(t);
export const placeOf = (t: TicketRow): Place => ({
  regionCode: t.regionCode,
  regionPath: t.regionPath,
  districtCode: t.districtCode,
  streetCode: t.streetCode,
});

/** Reporter privacy: reports and confidential tickets never carry the caller in general views. */
export function hidesCaller(t: Pick<TicketRow, 'kind' | 'confidential'>): boolean {
  return t.kind === 'report' || t.confidential;
}

/** Conditions beyond the status: reopen once, only when unsatisfied or unsolved; return needs a unit to go back to. */
export function reopenable(
  t: Pick<TicketRow, 'reopenCount' | 'directAnswer' | 'solved' | 'satisfaction'>,
): 'ok' | 'hotline.reopen_limit' | 'hotline.reopen_not_unsatisfied' {
  if (t.reopenCount >= 1) return 'hotline.reopen_limit';
  if (t.directAnswer || !(t.solved === false || (t.satisfaction !== null && t.satisfaction <= 2))) return 'hotline.reopen_not_unsatisfied';
  return 'ok';
}

/** Past the conclusion limit at `when`: after `dueAt` for a limit in working hours, after the day `dueDate` otherwise. */
export function pastDue(ticket: Pick<TicketRow, 'dueDate' | 'dueAt'>, when: Date): boolean {
  if (ticket.dueAt) return when > ticket.dueAt;
  return ticket.dueDate ? shanghaiDate(when) > ticket.dueDate : false;
}
