/** Appointments and queueing: never overbooked, the no-show block, holidays closed, the call order and a walk-in ticket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { shanghaiDate, addCalendarDays } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { demoId } from '../org/index.ts';
import { book, sweepNoShows } from './book.ts';
import { publishSlots } from './publish.ts';
import { callNext, hallDisplay, hallQueue, takeTicket } from './queue.ts';
import { listHalls, listSlots } from './read.ts';
import { DEMO_HALL_ID } from './seed.ts';

const CITY_PATH = '990000/990100';
const group = (code: string) => demoId('appointment-group', `city:${code}`);
const windowA01 = demoId('window', 'city:A01');

let env: TestEnv;
let admin: Ctx;
let clerk: Ctx;
/** The n-th working day after today, and an instant on it (Shanghai wall clock). */
const workingDay = (n: number) => env.calendar.addWorkingDays(shanghaiDate(new Date()), n, CITY_PATH).date;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
const on = (ctx: Ctx, day: string, hhmm = '08:00'): Ctx => ({ ...ctx, now: () => at(day, hhmm) });
/** A citizen who is not in the demo data (bookings are keyed by the person id). */
const person = (base: Ctx): Ctx => ({ ...base, actor: { id: randomUUID(), kind: 'person', name: 'test', grants: [], subjectId: randomUUID() } });
const itemOf = async (code: string) =>
  (await listHalls(env.ctx)).find((h) => h.id === DEMO_HALL_ID)!.groups.find((g) => g.code === code)!.items[0]!.implementationCode;
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, status: e.status, extra: e.extra };
    throw e;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.as('it.admin');
  clerk = await env.as('window.clerk');
});
afterAll(() => env.close());

describe('appointments', () => {
  it('100 people booking 10 places at once: exactly 10 bookings, the rest told the slot is full', async () => {
    const day = workingDay(1);
    await publishSlots(admin, DEMO_HALL_ID, { groupId: group('A'), from: day, to: day, times: [{ start: '17:00', end: '17:30' }], capacity: 10 });
    const slot = (await listSlots(on(env.ctx, day), DEMO_HALL_ID, { from: day, to: day, groupId: group('A') })).find((s) => s.startTime === '17:00')!;
    expect(slot.remaining).toBe(10);
    const code = await itemOf('A');
    const again = await Promise.allSettled(Array.from({ length: 100 }, () => book(on(person(env.ctx), day), { slotId: slot.id, implementationCode: code })));
    expect(again.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const reasons = again.flatMap((r) => (r.status === 'rejected' ? [(r.reason as AppError).code] : []));
    expect(new Set(reasons)).toEqual(new Set(['appointments.slot_full']));
    const after = (await listSlots(on(env.ctx, day), DEMO_HALL_ID, { from: day, to: day, groupId: group('A') })).find((s) => s.id === slot.id)!;
    expect(after.remaining).toBe(0);
  });

  it('a day the hall is closed (weekend or holiday) gets no slots; a range of closed days only is refused', async () => {
    let closed = addCalendarDays(shanghaiDate(new Date()), 1);
    while (env.calendar.isWorkingDay(closed, CITY_PATH)) closed = addCalendarDays(closed, 1);
    expect(
      await refusal(
        publishSlots(admin, DEMO_HALL_ID, { groupId: group('B'), from: closed, to: closed, times: [{ start: '09:00', end: '09:30' }], capacity: 2 }),
      ),
    ).toMatchObject({
      code: 'appointments.holiday',
      status: 422,
    });
    const from = addCalendarDays(closed, -1);
    const res = await publishSlots(admin, DEMO_HALL_ID, {
      groupId: group('B'),
      from: from < shanghaiDate(new Date()) ? closed : from,
      to: addCalendarDays(closed, 1),
      times: [{ start: '08:30', end: '09:00' }],
      capacity: 2,
    });
    expect(res.closedDays).toContain(closed);
    expect(res.days).not.toContain(closed);
  });

  it('three no-shows block booking at the hall for 30 days after the last', async () => {
    const days = [2, 3, 4, 5].map(workingDay);
    await publishSlots(admin, DEMO_HALL_ID, { groupId: group('C'), from: days[0]!, to: days[3]!, times: [{ start: '16:00', end: '16:30' }], capacity: 5 });
    const slots = await listSlots(env.ctx, DEMO_HALL_ID, { from: days[0], to: days[3], groupId: group('C') });
    const slotOn = (d: string) => slots.find((s) => s.day === d && s.startTime === '16:00')!;
    const me = person(env.ctx);
    const code = await itemOf('C');
    for (const d of days.slice(0, 3)) await book(me, { slotId: slotOn(d).id, implementationCode: code });
    const later = on(me, days[3]!);
    expect(await sweepNoShows(later)).toBeGreaterThanOrEqual(3);
    expect(await refusal(book(later, { slotId: slotOn(days[3]!).id, implementationCode: code }))).toMatchObject({
      code: 'appointments.blocked',
      extra: { until: addCalendarDays(days[2]!, 30), noShows: 3 },
    });
  });

  it('the kiosk gives walk-in tickets; a booked ticket is called before walk-ins; waiting and service times are kept; the screen shows numbers only', async () => {
    const day = workingDay(6);
    await publishSlots(admin, DEMO_HALL_ID, { groupId: group('B'), from: day, to: day, times: [{ start: '09:00', end: '10:00' }], capacity: 3 });
    const citizen = on(await env.as('citizen1'), day, '07:00');
    const slot = (await listSlots(citizen, DEMO_HALL_ID, { from: day, to: day, groupId: group('B') })).find((s) => s.startTime === '09:00')!;
    const code = await itemOf('B');
    const booking = await book(citizen, { slotId: slot.id, implementationCode: code });

    const walkIn = await takeTicket(on(env.ctx, day, '08:50'), DEMO_HALL_ID, { groupId: group('B') });
    expect(walkIn).toMatchObject({ number: 'B001', booked: false, waitingBefore: 0 });
    const booked = await takeTicket(on(env.ctx, day, '08:55'), DEMO_HALL_ID, { bookingCode: booking.code });
    expect(booked).toMatchObject({ number: 'B002', booked: true, waitingBefore: 0 });
    expect(await refusal(takeTicket(on(env.ctx, day, '08:56'), DEMO_HALL_ID, { bookingCode: booking.code }))).toMatchObject({
      code: 'appointments.booking_not_active',
    });

    // A03 serves group B only; A01 serves group A: its call finds nobody of B.
    const a03 = demoId('window', 'city:A03');
    const first = await callNext(on(clerk, day, '09:00'), DEMO_HALL_ID, { windowId: a03 });
    expect(first.called).toMatchObject({ number: 'B002', booked: true, windowNumber: 'A03', waitSeconds: 300 });
    const second = await callNext(on(clerk, day, '09:12'), DEMO_HALL_ID, { windowId: a03 });
    expect(second.finished).toMatchObject({ number: 'B002', status: 'done', serviceSeconds: 720 });
    expect(second.called).toMatchObject({ number: 'B001', waitSeconds: 22 * 60 });
    expect((await callNext(on(clerk, day, '09:13'), DEMO_HALL_ID, { windowId: windowA01 })).called).toBeNull();

    const queue = await hallQueue(on(clerk, day, '09:14'), DEMO_HALL_ID);
    expect(queue.groups.find((g) => g.code === 'B')!.windows).toEqual([{ id: a03, number: 'A03' }]);
    expect(queue).toMatchObject({ done: 1, averageServiceSeconds: 720 });
    const screen = await hallDisplay(on(env.ctx, day, '09:14'), DEMO_HALL_ID);
    expect(screen.calls.map((c) => `${c.number}@${c.windowNumber}`)).toEqual(['B001@A03', 'B002@A03']);
    expect(JSON.stringify(screen)).not.toMatch(/张明|citizen|person/);
  });

  it("a clerk calls only at the hall's own windows: another department's clerk is refused", async () => {
    expect(await refusal(callNext(await env.as('scjg.clerk'), DEMO_HALL_ID, { windowId: windowA01 }))).toMatchObject({ status: 403 });
    expect(await refusal(callNext(clerk, DEMO_HALL_ID, { windowId: randomUUID() }))).toMatchObject({ code: 'appointments.window_not_in_hall' });
  });
});
