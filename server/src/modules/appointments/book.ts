import { randomBytes } from 'node:crypto';
import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { bookingRepo, hallRepo, slotRepo, type BookingRow, type GroupRow, type HallRow, type SlotRow } from './repository.ts';
import { loadHall, nowOf, personOf, slotOpen, todayOf } from './shared.ts';

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** An 8-character booking code for the kiosk (no 0/O, 1/I). */
function bookingCode(): string {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
}

/** Refuses a person with `noShowLimit` no-shows at the hall within its window, until `noShowBlockDays` after the last one. */
async function assertNotBlocked(t: TxCtx, personId: string, hall: HallRow) {
  const today = todayOf(t);
  const days = await bookingRepo.noShowDays(t.tx, personId, hall.id, addCalendarDays(today, -hall.noShowWindowDays));
  if (days.length < hall.noShowLimit) return;
  const until = addCalendarDays(days[0]!, hall.noShowBlockDays);
  if (today < until) throw new AppError('appointments.blocked', { extra: { until, noShows: days.length } });
}

async function openSlot(t: TxCtx, slotId: string, hall?: HallRow): Promise<{ slot: SlotRow; hall: HallRow; group: GroupRow }> {
  const slot = await slotRepo.find(t.tx, slotId);
  if (!slot) throw notFound('appointment_slot', slotId);
  const h = hall ?? (await loadHall(t.tx, slot.hallId));
  if (slot.hallId !== h.id) throw invalid([{ field: 'slotId', code: 'other_hall' }]);
  if (!slotOpen(t, slot, h)) throw new AppError('appointments.slot_closed');
  const group = (await hallRepo.group(t.tx, slot.groupId))!;
  return { slot, hall: h, group };
}

async function present(t: Ctx, b: BookingRow, hall?: HallRow) {
  const h = hall ?? (await loadHall(t.database.db, b.hallId));
  const [group, slot] = await Promise.all([hallRepo.group(t.database.db, b.groupId), slotRepo.find(t.database.db, b.slotId)]);
  return presentBooking(b, h, group!, slot!);
}

function presentBooking(b: BookingRow, hall: HallRow, group: GroupRow, slot: SlotRow) {
  return {
    id: b.id,
    code: b.code,
    hallId: b.hallId,
    hallName: hall.name,
    hallAddress: hall.address,
    groupName: group.name,
    implementationCode: b.implementationCode,
    itemName: b.itemName,
    day: b.day,
    startTime: b.startTime,
    endTime: slot.endTime,
    status: b.status,
  };
}

/**
 * 预约: takes one place of the slot in one conditional statement (`booked < capacity`), so any number
 * of people booking at once never overbook it; a person blocked for no-shows, or already holding a
 * booking at the hall that day, is refused.
 */
export async function book(ctx: Ctx, input: { slotId: string; implementationCode?: string }) {
  const personId = personOf(ctx);
  try {
    return await transact(ctx, async (t) => {
      const { slot, hall, group } = await openSlot(t, input.slotId);
      const code = slot.implementationCode ?? input.implementationCode ?? (group.items.length === 1 ? group.items[0]!.implementationCode : undefined);
      const item = group.items.find((i) => i.implementationCode === code);
      if (!item) throw invalid([{ field: 'implementationCode', code: code ? 'not_in_group' : 'required' }]);
      if (input.implementationCode && slot.implementationCode && input.implementationCode !== slot.implementationCode)
        throw invalid([{ field: 'implementationCode', code: 'not_in_slot' }]);
      await assertNotBlocked(t, personId, hall);
      if (await bookingRepo.activeOn(t.tx, personId, hall.id, slot.day)) throw new AppError('appointments.already_booked');
      const taken = await slotRepo.take(t.tx, slot.id);
      if (!taken) throw new AppError('appointments.slot_full');
      const at = nowOf(t);
      const row = await bookingRepo.insert(t.tx, {
        id: newId(),
        code: bookingCode(),
        hallId: hall.id,
        groupId: group.id,
        slotId: slot.id,
        personId,
        implementationCode: item.implementationCode,
        itemName: item.name,
        day: slot.day,
        startTime: slot.startTime,
        status: 'booked',
        createdAt: at,
        updatedAt: at,
      });
      t.audit({
        action: 'appointments.booking.create',
        objectType: 'appointment_booking',
        objectId: row.id,
        summary: { hall: hall.name, day: slot.day, time: slot.startTime, item: item.name },
      });
      return presentBooking(row, hall, group, taken);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('appointments.already_booked');
    throw err;
  }
}

async function ownActive(t: TxCtx, id: string): Promise<BookingRow> {
  const personId = personOf(t);
  const row = await bookingRepo.lock(t.tx, id);
  if (!row || row.personId !== personId) throw notFound('appointment_booking', id);
  if (row.status !== 'booked' || row.day < todayOf(t)) throw new AppError('appointments.booking_not_active');
  return row;
}

/** 改约: moves one's booking to another slot of the same hall (the new place taken before the old is given back). */
export async function changeBooking(ctx: Ctx, id: string, input: { slotId: string }) {
  try {
    return await transact(ctx, async (t) => {
      const before = await ownActive(t, id);
      const hall = await loadHall(t.tx, before.hallId);
      const { slot, group } = await openSlot(t, input.slotId, hall);
      if (slot.id === before.slotId) return present(t, before, hall);
      if (slot.implementationCode && slot.implementationCode !== before.implementationCode) throw invalid([{ field: 'slotId', code: 'other_item' }]);
      if (!group.items.some((i) => i.implementationCode === before.implementationCode)) throw invalid([{ field: 'slotId', code: 'other_item' }]);
      const taken = await slotRepo.take(t.tx, slot.id);
      if (!taken) throw new AppError('appointments.slot_full');
      await slotRepo.release(t.tx, before.slotId);
      const row = await bookingRepo.update(t.tx, id, { slotId: slot.id, groupId: group.id, day: slot.day, startTime: slot.startTime, updatedAt: nowOf(t) });
      t.audit({
        action: 'appointments.booking.change',
        objectType: 'appointment_booking',
        objectId: id,
        summary: { before: { day: before.day, time: before.startTime }, after: { day: slot.day, time: slot.startTime } },
      });
      return presentBooking(row, hall, group, taken);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('appointments.already_booked');
    throw err;
  }
}

/** 取消预约: the place goes back to the slot. */
export async function cancelBooking(ctx: Ctx, id: string) {
  return transact(ctx, async (t) => {
    const before = await ownActive(t, id);
    await slotRepo.release(t.tx, before.slotId);
    const row = await bookingRepo.update(t.tx, id, { status: 'cancelled', updatedAt: nowOf(t) });
    t.audit({ action: 'appointments.booking.cancel', objectType: 'appointment_booking', objectId: id, summary: { day: before.day, time: before.startTime } });
    return present(t, row);
  });
}

/** The signed-in person's bookings, latest first (the last 50). */
export async function myBookings(ctx: Ctx) {
  const db = ctx.database.db;
  const rows = await bookingRepo.ofPerson(db, personOf(ctx), 50);
  const hallIds = [...new Set(rows.map((r) => r.hallId))];
  const [halls, groups] = await Promise.all([hallRepo.list(db), hallRepo.groups(db, hallIds)]);
  const slots = new Map<string, SlotRow>();
  for (const hallId of hallIds) {
    const days = rows.filter((r) => r.hallId === hallId).map((r) => r.day);
    const list = await slotRepo.ofHall(
      db,
      hallId,
      days.reduce((a, b) => (a < b ? a : b)),
      days.reduce((a, b) => (a > b ? a : b)),
    );
    for (const s of list) slots.set(s.id, s);
  }
  return rows.flatMap((b) => {
    const hall = halls.find((h) => h.id === b.hallId);
    const group = groups.find((g) => g.id === b.groupId);
    const slot = slots.get(b.slotId);
    return hall && group && slot ? [presentBooking(b, hall, group, slot)] : [];
  });
}

/** Bookings of past days never checked in become no-shows (job appointments.no_show.sweep). */
export async function sweepNoShows(ctx: Ctx): Promise<number> {
  return transact(ctx, async (t) => {
    const rows = await bookingRepo.markNoShows(t.tx, todayOf(t), nowOf(t));
    if (rows.length > 0)
      t.audit({
        action: 'appointments.booking.no_show',
        objectType: 'appointment_booking',
        objectId: rows[0]!.id,
        summary: { count: rows.length, ids: rows.slice(0, 100).map((r) => r.id) },
      });
    return rows.length;
  });
}
