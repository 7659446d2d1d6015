import { assertCan } from '../../platform/auth/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hallRepo, type HallRow, type SlotRow, type TicketRow } from './repository.ts';

export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();
export const todayOf = (ctx: Ctx): string => shanghaiDate(nowOf(ctx));
/** The wall-clock time in Shanghai, 'HH:MM'. */
export const clockOf = (ctx: Ctx): string => new Date(nowOf(ctx).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

export async function loadHall(db: Executor, id: string): Promise<HallRow> {
  const hall = await hallRepo.find(db, id);
  if (!hall || !hall.active) throw notFound('appointment_hall', id);
  return hall;
}

/** The hall's own staff: the permission over the hall's region and the body that runs it. */
export function assertHallStaff(ctx: Ctx, permission: string, hall: HallRow): void {
  assertCan(ctx.actor, permission, { regionPath: hall.regionPath, departmentId: hall.departmentId });
}

/** The signed-in person booking (only persons book; an enterprise's agent books as themself). */
export function personOf(ctx: Ctx): string {
  if (ctx.actor.kind !== 'person' || !ctx.actor.subjectId) throw new AppError('auth.forbidden');
  return ctx.actor.subjectId;
}

/** May a slot still be booked now: a working day of the hall's region, and not over. */
export function slotOpen(ctx: Ctx, slot: SlotRow, hall: HallRow): boolean {
  const today = todayOf(ctx);
  if (slot.day < today || (slot.day === today && slot.endTime <= clockOf(ctx))) return false;
  return ctx.calendar.isWorkingDay(slot.day, hall.regionPath);
}

export function presentTicket(t: TicketRow) {
  return {
    id: t.id,
    number: t.number,
    groupId: t.groupId,
    booked: t.bookingId !== null,
    status: t.status,
    issuedAt: t.issuedAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    windowNumber: t.windowNumber,
    waitSeconds: t.waitSeconds,
    serviceSeconds: t.serviceSeconds,
  };
}
