/**
 * Booking under contention (issue 16, appointments): rounds of 100 people booking one slot of 10
 * places at the same moment. Each round publishes a fresh slot of the demo hall's group A and fires
 * 100 bookings at once; the figure is the bookings attempted per second, the time a round takes, and
 * whether exactly 10 succeeded in every round (never overbooked, never underbooked).
 *
 * The bookings are the module's own service calls (`book`: one transaction each, the conditional
 * `UPDATE … booked < capacity`) made in this process against the engine's database while the server
 * runs on it: the demo has three signed-in citizens, and a person holds one booking per hall and day,
 * so 100 people at once are synthetic persons (as the module's test does). PostgreSQL only: the
 * server holds the PGlite data directory alone.
 */
import { randomUUID } from 'node:crypto';
import { openSystemContext } from '../system-context.ts';
import type { Scenario, ServerFigure } from '../types.ts';
import type { Ctx } from '../../server/src/platform/context.ts';
import { shanghaiDate } from '../../server/src/platform/calendar/dates.ts';
import { demoId } from '../../server/src/modules/org/index.ts';
import { book } from '../../server/src/modules/appointments/book.ts';
import { publishSlots } from '../../server/src/modules/appointments/publish.ts';
import { listHalls, listSlots } from '../../server/src/modules/appointments/read.ts';
import { DEMO_HALL_ID } from '../../server/src/modules/appointments/seed.ts';

const PEOPLE = Number(process.env.BENCH_BOOKING_PEOPLE ?? 100);
const CAPACITY = Number(process.env.BENCH_BOOKING_CAPACITY ?? 10);
const ROUNDS = Number(process.env.BENCH_BOOKING_ROUNDS ?? 20);
const CITY_PATH = '990000/990100';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export const serverFigures: ServerFigure[] = [
  {
    name: `appointments: booking under contention (${PEOPLE} at once for ${CAPACITY} places, ${ROUNDS} rounds)`,
    async measure({ engine, databaseUrl }) {
      if (engine !== 'postgres' || !databaseUrl) return { value: 'measured on PostgreSQL only (the server holds the PGlite directory)' };
      const { ctx: ctx, database } = await openSystemContext(databaseUrl, 10);
      try {
        const groupId = demoId('appointment-group', 'city:A');
        const code = (await listHalls(ctx)).find((h) => h.id === DEMO_HALL_ID)!.groups.find((g) => g.id === groupId)!.items[0]!.implementationCode;
        const rounds: { ms: number; booked: number; full: number; other: number }[] = [];
        // One working day per round (a person holds one booking per hall and day; the people are new each round anyway).
        let day = shanghaiDate(new Date());
        for (let r = 0; r < ROUNDS; r++) {
          day = ctx.calendar.addWorkingDays(day, 1, CITY_PATH).date;
          const start = `${String(7 + (r % 2)).padStart(2, '0')}:${r % 2 ? '10' : '50'}`;
          const end = `${String(8 + (r % 2)).padStart(2, '0')}:00`;
          await publishSlots(ctx, DEMO_HALL_ID, { groupId, from: day, to: day, times: [{ start, end }], capacity: CAPACITY });
          const on: Ctx = { ...ctx, now: () => new Date(`${day}T06:00:00+08:00`) };
          const slot = (await listSlots(on, DEMO_HALL_ID, { from: day, to: day, groupId })).find((s) => s.startTime === start)!;
          const person = (): Ctx => ({ ...on, actor: { id: randomUUID(), kind: 'person', name: 'bench', grants: [], subjectId: randomUUID() } });
          const t0 = performance.now();
          const results = await Promise.allSettled(Array.from({ length: PEOPLE }, () => book(person(), { slotId: slot.id, implementationCode: code })));
          const ms = performance.now() - t0;
          const codes = results.map((x) => (x.status === 'fulfilled' ? 'ok' : ((x.reason as { code?: string }).code ?? String(x.reason))));
          rounds.push({
            ms,
            booked: codes.filter((c) => c === 'ok').length,
            full: codes.filter((c) => c === 'appointments.slot_full').length,
            other: codes.filter((c) => c !== 'ok' && c !== 'appointments.slot_full').length,
          });
        }
        const exact = rounds.every((r) => r.booked === CAPACITY && r.full === PEOPLE - CAPACITY);
        const totalMs = rounds.reduce((s, r) => s + r.ms, 0);
        const perSecond = Math.round((PEOPLE * ROUNDS) / (totalMs / 1000));
        const times = rounds.map((r) => Math.round(r.ms));
        return {
          value: `${perSecond} booking attempts/s; a round of ${PEOPLE} p50 ${pct(times, 50)} ms, max ${Math.max(...times)} ms; exactly ${CAPACITY} booked in ${rounds.filter((r) => r.booked === CAPACITY).length}/${ROUNDS} rounds`,
          target: `exactly ${CAPACITY} of ${PEOPLE} every round`,
          ok: exact,
          data: { rounds, perSecond },
        };
      } finally {
        await database.close();
      }
    },
  },
];

const scenarios: Scenario[] = [];
export default scenarios;
