import { addCalendarDays } from '../../platform/calendar/dates.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appointmentPermissions as P } from './policy.ts';
import { hallRepo, slotRepo } from './repository.ts';
import type { SlotPublishInput } from './schemas.ts';
import { assertHallStaff, loadHall, nowOf, todayOf } from './shared.ts';

/** The longest range published at once. */
export const MAX_PUBLISH_DAYS = 31;

/**
 * 发布号源: slots of a window group (for one of its items, or any) on each working day of the range
 * (the hall region's calendar: weekends and holidays are closed, make-up working days open). A range
 * with no working day is refused; an existing slot at the same time is kept as it is.
 */
export async function publishSlots(ctx: Ctx, hallId: string, input: SlotPublishInput) {
  return transact(ctx, async (t) => {
    const hall = await loadHall(t.tx, hallId);
    assertHallStaff(t, P.publish, hall);
    const group = await hallRepo.group(t.tx, input.groupId);
    if (!group || group.hallId !== hall.id) throw notFound('appointment_window_group', input.groupId);
    if (input.implementationCode && !group.items.some((i) => i.implementationCode === input.implementationCode))
      throw invalid([{ field: 'implementationCode', code: 'not_in_group' }]);
    if (input.from < todayOf(t)) throw invalid([{ field: 'from', code: 'past' }]);
    const days: string[] = [];
    const closedDays: string[] = [];
    for (let d = input.from, n = 0; d <= input.to; d = addCalendarDays(d, 1), n++) {
      if (n >= MAX_PUBLISH_DAYS) throw invalid([{ field: 'to', code: 'range_too_long' }]);
      (t.calendar.isWorkingDay(d, hall.regionPath) ? days : closedDays).push(d);
    }
    if (days.length === 0) throw new AppError('appointments.holiday', { extra: { closedDays } });
    const createdAt = nowOf(t);
    const created = await slotRepo.insertMany(
      t.tx,
      days.flatMap((day) =>
        input.times.map((time) => ({
          id: newId(),
          hallId: hall.id,
          groupId: group.id,
          implementationCode: input.implementationCode ?? null,
          day,
          startTime: time.start,
          endTime: time.end,
          capacity: input.capacity,
          createdAt,
        })),
      ),
    );
    t.audit({
      action: 'appointments.slots.publish',
      objectType: 'appointment_window_group',
      objectId: group.id,
      summary: { hall: hall.name, group: group.code, from: input.from, to: input.to, capacity: input.capacity, created: created.length, closedDays },
    });
    return { created: created.length, days, closedDays };
  });
}
