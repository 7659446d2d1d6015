import { addCalendarDays } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { hallRepo, slotRepo, type GroupRow, type HallRow } from './repository.ts';
import { loadHall, slotOpen, todayOf } from './shared.ts';

/** Days ahead the portal offers. */
export const BOOKING_HORIZON_DAYS = 14;

const presentGroup = (g: GroupRow) => ({ id: g.id, code: g.code, name: g.name, windows: g.windows, items: g.items });
const presentHall = (h: HallRow, groups: GroupRow[]) => ({
  id: h.id,
  serviceCenterId: h.serviceCenterId,
  name: h.name,
  address: h.address,
  regionPath: h.regionPath,
  noShowLimit: h.noShowLimit,
  noShowBlockDays: h.noShowBlockDays,
  groups: groups.filter((g) => g.hallId === h.id).map(presentGroup),
});

/** The halls taking appointments, with their window groups and items (public). */
export async function listHalls(ctx: Ctx) {
  const halls = await hallRepo.list(ctx.database.db);
  const groups = await hallRepo.groups(
    ctx.database.db,
    halls.map((h) => h.id),
  );
  return halls.map((h) => presentHall(h, groups));
}

/** A hall's slots still open to booking in a range (default: today and the next two weeks), with the places left (public). */
export async function listSlots(ctx: Ctx, hallId: string, q: { from?: string; to?: string; groupId?: string }) {
  const hall = await loadHall(ctx.database.db, hallId);
  const today = todayOf(ctx);
  const from = q.from && q.from > today ? q.from : today;
  const to = q.to ?? addCalendarDays(today, BOOKING_HORIZON_DAYS);
  const rows = await slotRepo.ofHall(ctx.database.db, hall.id, from, to, q.groupId);
  return rows
    .filter((s) => slotOpen(ctx, s, hall))
    .map((s) => ({
      id: s.id,
      groupId: s.groupId,
      implementationCode: s.implementationCode,
      day: s.day,
      startTime: s.startTime,
      endTime: s.endTime,
      capacity: s.capacity,
      remaining: Math.max(0, s.capacity - s.booked),
    }));
}
