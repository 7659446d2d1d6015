import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { getWindow } from '../org/index.ts';
import { appointmentPermissions as P } from './policy.ts';
import { bookingRepo, hallRepo, ticketRepo, type TicketRow } from './repository.ts';
import { assertHallStaff, loadHall, nowOf, presentTicket, todayOf } from './shared.ts';

/** Calls the hall display shows. */
export const DISPLAY_CALLS = 8;

/**
 * 取号 at the kiosk: with a booking code (today's booking at this hall: checked in, and its ticket goes
 * before walk-ins) or for a window group without one. The ticket holds no personal data.
 */
export async function takeTicket(ctx: Ctx, hallId: string, input: { bookingCode?: string; groupId?: string }) {
  return transact(ctx, async (t) => {
    const hall = await loadHall(t.tx, hallId);
    const today = todayOf(t);
    let groupId = input.groupId;
    let bookingId: string | null = null;
    if (input.bookingCode) {
      const booking = await bookingRepo.byCode(t.tx, hall.id, input.bookingCode);
      if (!booking) throw notFound('appointment_booking', input.bookingCode);
      if (booking.status !== 'booked') throw new AppError('appointments.booking_not_active');
      if (booking.day !== today) throw new AppError('appointments.booking_not_today', { extra: { day: booking.day } });
      await bookingRepo.update(t.tx, booking.id, { status: 'checked_in', updatedAt: nowOf(t) });
      groupId = booking.groupId;
      bookingId = booking.id;
    }
    const group = await hallRepo.group(t.tx, groupId!);
    if (!group || group.hallId !== hall.id) throw invalid([{ field: 'groupId', code: 'not_found' }]);
    const seq = await ticketRepo.nextSeq(t.tx, group.id, today);
    const ticket = await ticketRepo.insert(t.tx, {
      id: newId(),
      hallId: hall.id,
      groupId: group.id,
      day: today,
      seq,
      number: `${group.code}${String(seq).padStart(3, '0')}`,
      bookingId,
      status: 'waiting',
      issuedAt: nowOf(t),
    });
    const waiting = (await ticketRepo.ofHallDay(t.tx, hall.id, today)).filter(
      (x) => x.groupId === group.id && x.status === 'waiting' && x.id !== ticket.id && (bookingId === null || x.bookingId !== null),
    );
    t.audit({
      action: 'appointments.ticket.issue',
      objectType: 'appointment_ticket',
      objectId: ticket.id,
      summary: { hall: hall.name, number: ticket.number, booking: bookingId },
    });
    return { number: ticket.number, groupName: group.name, waitingBefore: waiting.length, booked: bookingId !== null, issuedAt: ticket.issuedAt.toISOString() };
  });
}

/**
 * 叫号: the clerk at a window of the hall finishes the ticket the window was serving and calls the next
 * of the window's groups (booked tickets first, then in order taken). Waiting and service time recorded.
 */
export async function callNext(ctx: Ctx, hallId: string, input: { windowId: string }) {
  return transact(ctx, async (t) => {
    const hall = await loadHall(t.tx, hallId);
    assertHallStaff(t, P.call, hall);
    const groups = (await hallRepo.groups(t.tx, [hall.id])).filter((g) => g.windowIds.includes(input.windowId));
    if (groups.length === 0) throw new AppError('appointments.window_not_in_hall');
    const window = await getWindow(t, input.windowId);
    const today = todayOf(t);
    const at = nowOf(t);
    const current = await ticketRepo.currentAt(t.tx, input.windowId, today);
    const finished = current ? await ticketRepo.finish(t.tx, current.id, 'done', at) : null;
    const called = await ticketRepo.callNext(
      t.tx,
      groups.map((g) => g.id),
      today,
      { calledAt: at, windowId: window.id, windowNumber: window.number, calledBy: t.actor.id },
    );
    if (finished) audit(t, finished, 'finish');
    if (called) audit(t, called, 'call');
    return { called: called ? presentTicket(called) : null, finished: finished ? presentTicket(finished) : null };
  });
}

function audit(
  t: { audit: (e: { action: string; objectType: string; objectId: string; summary: Record<string, unknown> }) => void },
  x: TicketRow,
  what: string,
) {
  t.audit({
    action: `appointments.ticket.${what}`,
    objectType: 'appointment_ticket',
    objectId: x.id,
    summary: { number: x.number, status: x.status, window: x.windowNumber, waitSeconds: x.waitSeconds, serviceSeconds: x.serviceSeconds },
  });
}

/** Ends a called ticket: served (`done`) or the person did not come to the window (`missed`, 过号). */
export async function finishTicket(ctx: Ctx, id: string, input: { outcome: 'done' | 'missed' }) {
  return transact(ctx, async (t) => {
    const ticket = await ticketRepo.lock(t.tx, id);
    if (!ticket) throw notFound('appointment_ticket', id);
    const hall = await loadHall(t.tx, ticket.hallId);
    assertHallStaff(t, P.call, hall);
    if (ticket.status !== 'called')
      throw new AppError('workflow.action_not_allowed', { extra: { currentStatus: ticket.status, action: input.outcome, allowed: [] } });
    const row = await ticketRepo.finish(t.tx, id, input.outcome, nowOf(t));
    audit(t, row, input.outcome === 'done' ? 'finish' : 'miss');
    return presentTicket(row);
  });
}

const average = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : null;
};

/** Today's queue of a hall for its clerks: waiting and serving tickets, and the average times. */
export async function hallQueue(ctx: Ctx, hallId: string) {
  const hall = await loadHall(ctx.database.db, hallId);
  assertHallStaff(ctx, P.call, hall);
  const day = todayOf(ctx);
  const [groups, all] = await Promise.all([hallRepo.groups(ctx.database.db, [hall.id]), ticketRepo.ofHallDay(ctx.database.db, hall.id, day)]);
  const waiting = all.filter((x) => x.status === 'waiting').sort((a, b) => Number(a.bookingId === null) - Number(b.bookingId === null));
  return {
    hallId: hall.id,
    day,
    groups: groups.map((g) => ({ id: g.id, code: g.code, name: g.name, windows: g.windows, waiting: waiting.filter((x) => x.groupId === g.id).length })),
    waiting: waiting.map(presentTicket),
    serving: all.filter((x) => x.status === 'called').map(presentTicket),
    done: all.filter((x) => x.status === 'done').length,
    averageWaitSeconds: average(all.map((x) => x.waitSeconds)),
    averageServiceSeconds: average(all.filter((x) => x.status === 'done').map((x) => x.serviceSeconds)),
  };
}

/** The hall's big screen (public): the latest calls (ticket and window numbers only) and how many wait per group. */
export async function hallDisplay(ctx: Ctx, hallId: string) {
  const hall = await loadHall(ctx.database.db, hallId);
  const day = todayOf(ctx);
  const [groups, all] = await Promise.all([hallRepo.groups(ctx.database.db, [hall.id]), ticketRepo.ofHallDay(ctx.database.db, hall.id, day)]);
  const calls = all
    .filter((x) => x.calledAt && x.windowNumber && x.status !== 'waiting')
    .sort((a, b) => b.calledAt!.getTime() - a.calledAt!.getTime())
    .slice(0, DISPLAY_CALLS);
  return {
    hallName: hall.name,
    day,
    calls: calls.map((x) => ({ number: x.number, windowNumber: x.windowNumber!, calledAt: x.calledAt!.toISOString() })),
    groups: groups.map((g) => ({ code: g.code, name: g.name, waiting: all.filter((x) => x.groupId === g.id && x.status === 'waiting').length })),
  };
}
