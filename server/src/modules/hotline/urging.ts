import { transact, type Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { getDepartment } from '../org/index.ts';
import { ticketRepo, type EventInsert, type TicketRow } from './repository.ts';
import { centerUnit, districtUnit, unitFor } from './routing.ts';
import { event, notifyUnit } from './step.ts';
import type { TicketUnit } from './tables.ts';
import { pastDue, unitOf } from './ticket.ts';
import { lockTickets, saveTimeStates, urgingCandidates, urgingRanges, type TimeStatePatch, type UrgingKey } from './urging-repository.ts';

/** Tickets read and changed per page (and per transaction). */
export const URGING_BATCH = 500;

export interface TimeState {
  state: TicketRow['timeState'];
  misses: number;
  signOverdue: boolean;
}

/**
 * The one definition of a ticket's time state at `now` (urging-repository.ts `timeStateSql` is the
 * same in SQL, to select the tickets where it changes): overdue when the sign limit (dispatched, not
 * signed) or the conclusion limit passed; near when due today (a limit in days) or within the hour
 * (a limit in working hours), or the sign limit is within 30 minutes; ok otherwise. A passed
 * conclusion limit is one miss, a passed urge deadline after it two.
 */
export function timeStateAt(
  ticket: Pick<TicketRow, 'status' | 'signedAt' | 'signDueAt' | 'dueDate' | 'dueAt' | 'urgeDueDate'>,
  now: Date,
  today = shanghaiDate(now),
): TimeState {
  const signOverdue = !ticket.signedAt && !!ticket.signDueAt && ticket.status === 'dispatched' && ticket.signDueAt < now;
  const dueOverdue = pastDue(ticket, now);
  const dueNear = ticket.dueAt ? ticket.dueAt.getTime() - now.getTime() < 60 * 60_000 : ticket.dueDate === today;
  const near =
    !dueOverdue &&
    !signOverdue &&
    (dueNear || (ticket.status === 'dispatched' && ticket.signDueAt ? ticket.signDueAt.getTime() - now.getTime() < 30 * 60_000 : false));
  const state = signOverdue || dueOverdue ? 'overdue' : near ? 'near' : 'ok';
  let misses = dueOverdue ? 1 : 0;
  if (dueOverdue && ticket.urgeDueDate && ticket.urgeDueDate < today) misses = 2;
  return { state, misses, signOverdue };
}

/** Whether the job changes the stored ticket: another state, or more misses than recorded. */
export const urgingChanges = (ticket: Pick<TicketRow, 'timeState' | 'missCount'>, s: TimeState) =>
  !(s.state === ticket.timeState && s.misses <= ticket.missCount);

export interface UrgingResult {
  /** Tickets read (those whose stored state differs, or did when read). */
  checked: number;
  marked: number;
  escalated: number;
  /** Pages read; none holds more than the batch size. */
  pages: number;
  largestPage: number;
}

/**
 * Marks open tickets near (due today or sign due within the hour) and past their limits. A passed
 * conclusion limit is a first miss; a passed urge deadline after it a second, which escalates to the
 * unit's superior (the parent department, or for a street the district unit).
 *
 * Reads only the tickets whose stored state must change (urging-repository.ts), `batchSize` at a
 * time, and writes each page's changes in one transaction: the memory and a run's cost follow the
 * changes, not the number of open tickets (a run with nothing to change is three index look-ups).
 */
export async function runUrging(ctx: Ctx, now = new Date(), opts: { batchSize?: number } = {}): Promise<UrgingResult> {
  const batchSize = opts.batchSize ?? URGING_BATCH;
  const at = { now, today: shanghaiDate(now), inAnHour: shanghaiDate(new Date(now.getTime() + 60 * 60_000)) };
  const result: UrgingResult = { checked: 0, marked: 0, escalated: 0, pages: 0, largestPage: 0 };
  for (const range of urgingRanges) {
    let after: UrgingKey | undefined;
    for (;;) {
      const rows = await urgingCandidates(ctx.database.db, range, at, after, batchSize);
      result.pages++;
      result.checked += rows.length;
      result.largestPage = Math.max(result.largestPage, rows.length);
      const changes = rows.flatMap((ticket) => {
        const s = timeStateAt(ticket, now, at.today);
        return urgingChanges(ticket, s) ? [{ ticket, s }] : [];
      });
      if (changes.length) await applyPage(ctx, now, changes, result);
      if (rows.length < batchSize) break;
      const last = rows.at(-1)!;
      after = { dueDate: last.dueDate, id: last.id };
    }
  }
  return result;
}

/** One page's changes in one transaction; each ticket only if it is still at the version it was read at. */
async function applyPage(ctx: Ctx, now: Date, changes: { ticket: TicketRow; s: TimeState }[], result: UrgingResult) {
  await transact(ctx, async (t) => {
    const fresh = new Map(
      (
        await lockTickets(
          t.tx,
          changes.map((c) => c.ticket.id),
        )
      ).map((r) => [r.id, r]),
    );
    const saves: { before: TicketRow; patch: TimeStatePatch }[] = [];
    const events: EventInsert[] = [];
    for (const { ticket, s } of changes) {
      const row = fresh.get(ticket.id);
      if (!row || row.version !== ticket.version) continue;
      const { state, misses, signOverdue } = s;
      const patch: TimeStatePatch = { timeState: state, missCount: Math.max(misses, row.missCount) };
      if (state !== row.timeState) {
        events.push(
          event(t, row.id, state === 'overdue' ? 'overdue' : state === 'near' ? 'near_limit' : 'on_time', row.status, row.status, {
            unit: unitOf(row),
            data: { dueDate: row.dueDate, signOverdue },
          }),
        );
        if (state !== 'ok')
          await notifyUnit(t, unitOf(row), state === 'overdue' ? 'hotline.overdue' : 'hotline.near_limit', { number: row.number, dueDate: row.dueDate });
        result.marked++;
      }
      if (misses >= 2 && row.missCount < 2 && !row.escalatedAt) {
        const superior = await superiorOf(t, unitOf(row));
        Object.assign(patch, { escalatedAt: now, escalatedToDepartmentId: superior?.departmentId ?? null });
        events.push(
          event(t, row.id, 'escalate', row.status, row.status, {
            unit: unitOf(row),
            text: '二次逾期未办结，提级督办',
            data: { to: superior?.name ?? null },
          }),
        );
        if (superior) await notifyUnit(t, superior, 'hotline.escalated', { number: row.number, unit: row.unitName });
        t.audit({
          action: 'hotline.ticket.escalate',
          objectType: 'hotline_ticket',
          objectId: row.id,
          summary: { number: row.number, to: superior?.name ?? null },
        });
        result.escalated++;
      }
      saves.push({ before: row, patch });
      t.audit({
        action: 'hotline.ticket.time_state',
        objectType: 'hotline_ticket',
        objectId: row.id,
        summary: { number: row.number, from: row.timeState, to: state, misses: patch.missCount },
      });
    }
    await saveTimeStates(t.tx, saves);
    await ticketRepo.insertEvents(t.tx, events);
  });
}

/** Where a second miss escalates to: the parent department; for a district unit without one the center; for a street its district unit. */
export async function superiorOf(ctx: Ctx, unit: TicketUnit): Promise<TicketUnit | undefined> {
  if (unit.departmentId) {
    const d = await getDepartment(ctx, unit.departmentId).catch(() => undefined);
    if (d?.parentId) return unitFor(ctx, { departmentId: d.parentId });
    if (unit.level === 'district') return centerUnit(ctx);
    return undefined;
  }
  if (unit.level === 'street') {
    const district = unit.regionPath.split('/').at(-2);
    return district ? districtUnit(ctx, district) : undefined;
  }
  return undefined;
}
