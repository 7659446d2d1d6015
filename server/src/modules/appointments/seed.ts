import { systemActor } from '../../platform/auth/actor.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { searchItems } from '../catalog/index.ts';
import { actorForUsername } from '../identity/index.ts';
import { demoCity, demoDepartmentId, demoId } from '../org/index.ts';
import { book } from './book.ts';
import { publishSlots } from './publish.ts';
import { callNext, takeTicket } from './queue.ts';
import { listSlots } from './read.ts';
import { hallRepo } from './repository.ts';

export const DEMO_HALL_ID = demoId('appointment-hall', 'city');
const groupId = (code: string) => demoId('appointment-group', `city:${code}`);
const windowId = (number: string) => demoId('window', `city:${number}`);

const demoGroups = [
  { code: 'A', name: '综合受理', windows: ['A01', 'A02'], items: ['建筑工程施工许可证核发', '户口迁移（市内迁移）', '居民身份证换领'], capacity: 6 },
  { code: 'B', name: '企业开办', windows: ['A03'], items: ['食品经营许可', '个体工商户设立登记'], capacity: 4 },
  { code: 'C', name: '社保医保', windows: ['C01'], items: ['灵活就业人员参保登记', '失业保险金申领'], capacity: 4 },
];
const demoTimes = [
  { start: '09:00', end: '10:00' },
  { start: '10:00', end: '11:00' },
  { start: '11:00', end: '12:00' },
  { start: '13:30', end: '14:30' },
  { start: '14:30', end: '15:30' },
  { start: '15:30', end: '17:00' },
];

/**
 * 示范市市民之家 takes appointments: three window groups over the org module's demo windows, slots on
 * the next five working days (from the seeding day), two bookings of 张明 (citizen1), and this
 * morning's first walk-in tickets with one called at A01, so the hall screen shows a call.
 */
export async function seedAppointmentsDemo(ctx: Ctx): Promise<void> {
  const city = demoCity.city;
  const cityPath = `${demoCity.province.code}/${city.code}`;
  const items = async (names: string[]) => {
    const found: { implementationCode: string; name: string }[] = [];
    for (const name of names) {
      const page = await searchItems(ctx, { q: name, region: city.code, page: 1, pageSize: 20 } as never);
      const hit = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === city.code);
      if (hit) found.push({ implementationCode: hit.implementationCode, name: hit.name });
    }
    return found;
  };
  const groups = await Promise.all(demoGroups.map(async (g) => ({ ...g, found: await items(g.items) })));
  const now = ctx.now?.() ?? new Date();
  await transact(ctx, async (t) => {
    await hallRepo.insert(t.tx, {
      id: DEMO_HALL_ID,
      serviceCenterId: demoId('service-center', 'city'),
      name: '示范市市民之家（市政务服务中心）',
      regionPath: cityPath,
      departmentId: demoDepartmentId('zwfw', city.code),
      address: '示范市明湖区市民大道 100 号',
      createdAt: now,
    });
    for (const [sort, g] of groups.entries())
      await hallRepo.insertGroup(t.tx, {
        id: groupId(g.code),
        hallId: DEMO_HALL_ID,
        code: g.code,
        name: g.name,
        windowIds: g.windows.map(windowId),
        windows: g.windows.map((n) => ({ id: windowId(n), number: n })),
        items: g.found,
        sort,
      });
    t.audit({ action: 'seed.demo', objectType: 'module', objectId: 'appointments', summary: { hall: '示范市市民之家', groups: groups.length } });
  });

  const system = asActor(ctx, systemActor);
  const today = shanghaiDate(now);
  const from = ctx.calendar.addWorkingDays(today, 1, cityPath).date;
  const to = ctx.calendar.addWorkingDays(today, 5, cityPath).date;
  for (const g of groups) await publishSlots(system, DEMO_HALL_ID, { groupId: groupId(g.code), from, to, times: demoTimes, capacity: g.capacity });

  const citizen = asActor(ctx, await actorForUsername(ctx, 'citizen1'));
  const slots = await listSlots(citizen, DEMO_HALL_ID, { from, to });
  const first = slots.find((s) => s.groupId === groupId('B') && s.startTime === '10:00');
  const second = slots.find((s) => s.groupId === groupId('C') && s.startTime === '14:30' && s.day > (first?.day ?? ''));
  if (first && groups[1]!.found[0]) await book(citizen, { slotId: first.id, implementationCode: groups[1]!.found[0].implementationCode });
  if (second && groups[2]!.found[0]) await book(citizen, { slotId: second.id, implementationCode: groups[2]!.found[0].implementationCode });

  for (const code of ['A', 'A', 'B', 'A', 'C']) await takeTicket(ctx, DEMO_HALL_ID, { groupId: groupId(code) });
  await callNext(asActor(ctx, await actorForUsername(ctx, 'window.clerk')), DEMO_HALL_ID, { windowId: windowId('A01') });
}
