import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

/**
 * Issue 11 §2: a calendar override belongs to its region; only a grant covering that region
 * (not limited to one department) changes it. Overrides for the whole installation ("") and the
 * State Council notice need a city-wide (or root) grant. mh.admin is the IT admin of 明湖区 only.
 */
let t: TestApp;
let district: string; // mh.admin: it_admin at 990000/990100/990102
let city: string; // it.admin: it_admin at 990000/990100
beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('mh.admin');
  city = await t.login('it.admin');
});
afterAll(() => t.close());

const MH = '990000/990100/990102';
const DL = '990000/990100/990103';
const CITY = '990000/990100';

const post = (cookie: string, date: string, regionPath: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/admin/calendar/overrides',
    headers: { cookie },
    payload: { date, kind: 'holiday', name: '测试停工日', regionPath },
  });
const del = (cookie: string, id: string) => t.app.inject({ method: 'DELETE', url: `/api/admin/calendar/overrides/${id}`, headers: { cookie } });

describe('calendar overrides belong to their region', () => {
  it('a district admin cannot create overrides for another district, the city or the whole installation', async () => {
    for (const regionPath of [DL, CITY, '']) {
      const res = await post(district, '2031-03-03', regionPath);
      expect(res.statusCode, `${regionPath}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('auth.out_of_scope');
    }
    const days = (await t.app.inject({ method: 'GET', url: `/api/calendar/days?from=2031-03-03&to=2031-03-03&regionPath=${DL}` })).json();
    expect(days[0].working).toBe(true);
  });

  it('a district admin manages overrides of his district and its streets', async () => {
    const own = await post(district, '2031-03-04', MH);
    expect(own.statusCode, own.body).toBe(201);
    const street = await post(district, '2031-03-05', `${MH}/990102001`);
    expect(street.statusCode, street.body).toBe(201);
    expect((await del(district, street.json().id)).statusCode).toBe(204);
  });

  it("a district admin cannot delete another district's or the city's overrides; the city admin can", async () => {
    const dl = await post(city, '2031-03-06', DL);
    const all = await post(city, '2031-03-07', '');
    const cityWide = await post(city, '2031-03-10', CITY);
    for (const r of [dl, all, cityWide]) expect(r.statusCode, r.body).toBe(201);
    for (const r of [dl, all, cityWide]) expect((await del(district, r.json().id)).statusCode).toBe(403);
    const still = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?from=2031-03-06&to=2031-03-07&regionPath=990000/990100/990103' })).json();
    expect(still.map((d: { working: boolean }) => d.working)).toEqual([false, false]);
    // The list says which rows the reader may change.
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/calendar/overrides?year=2031&pageSize=100', headers: { cookie: district } })).json();
    const editable = Object.fromEntries(list.items.map((o: { date: string; editable: boolean }) => [o.date, o.editable]));
    expect(editable).toMatchObject({ '2031-03-04': true, '2031-03-06': false, '2031-03-07': false, '2031-03-10': false });
    for (const r of [dl, all, cityWide]) expect((await del(city, r.json().id)).statusCode).toBe(204);
  });

  it('the State Council notice needs a city-wide grant', async () => {
    const notice = { year: 2031, source: '测试用放假通知', holidays: [{ date: '2031-01-01', name: '元旦' }], makeupWorkdays: [] };
    const refused = await t.app.inject({ method: 'POST', url: '/api/admin/calendar/notices', headers: { cookie: district }, payload: notice });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('auth.out_of_scope');
    const ok = await t.app.inject({ method: 'POST', url: '/api/admin/calendar/notices', headers: { cookie: city }, payload: notice });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('a malformed region path is a 400, not an override nobody can reach', async () => {
    const res = await post(city, '2031-03-11', '990000//x');
    expect(res.statusCode).toBe(400);
  });
});
