import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoId } from '../org/index.ts';
import { hotlinePermissions as P } from './policy.ts';
import { callerTickets } from './service.ts';

/**
 * Issue 11 §2: hotline admin objects belong to a scope. The limits table, the category tree and the
 * knowledge base serve the whole city (one hotline center): a city-wide grant changes them. An
 * Open311 API key belongs to the region (and department) it was issued for; only that scope lists
 * and revokes it. The caller look-up answers only tickets within the reader's scope.
 */
let t: TestApp;
let district: string; // mh.admin: it_admin (hotline.manage) at 明湖区 only
let city: string; // it.admin: it_admin city-wide
let east: string; // dl.admin: it_admin at 东岭区
beforeAll(async () => {
  t = await createTestApp();
  district = await t.login('mh.admin');
  city = await t.login('it.admin');
  east = await t.login('dl.admin');
});
afterAll(() => t.close());

const inject = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as never });

describe('the hotline limits table is city-wide', () => {
  it('a district admin cannot edit a row; the city admin can', async () => {
    const row = (await inject(city, 'GET', '/api/admin/hotline/limits'))
      .json()
      .find((r: { kind: string; urgency: string }) => r.kind === 'complaint' && r.urgency === 'normal');
    const body = { conclusionUnit: 'working_days', conclusionAmount: 1, signMinutes: 30, version: row.version };
    const refused = await inject(district, 'PUT', '/api/admin/hotline/limits/complaint/normal', body);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('auth.out_of_scope');
    const after = (await inject(city, 'GET', '/api/admin/hotline/limits'))
      .json()
      .find((r: { kind: string; urgency: string }) => r.kind === 'complaint' && r.urgency === 'normal');
    expect(after).toMatchObject({ conclusionAmount: row.conclusionAmount, version: row.version });
    const ok = await inject(city, 'PUT', '/api/admin/hotline/limits/complaint/normal', { ...body, conclusionAmount: 12 });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('categories and the knowledge base are city-wide', () => {
  it('a district admin cannot add or edit categories or articles', async () => {
    const id = demoId('hotline-category', 'cg.zdjy');
    expect((await inject(district, 'PATCH', `/api/admin/hotline/categories/${id}`, { limitDays: 1 })).statusCode).toBe(403);
    expect((await inject(district, 'POST', '/api/admin/hotline/categories', { code: 'mh.test', name: '明湖测试' })).statusCode).toBe(403);
    expect((await inject(district, 'POST', '/api/admin/hotline/knowledge', { title: '明湖区测试条目', body: '不应写入' })).statusCode).toBe(403);
    const article = await inject(city, 'POST', '/api/admin/hotline/knowledge', { title: '市级测试条目', body: '市级管理员写入' });
    expect(article.statusCode, article.body).toBe(201);
    expect((await inject(district, 'PATCH', `/api/admin/hotline/knowledge/${article.json().id}`, { active: false })).statusCode).toBe(403);
    const categories = (await t.app.inject({ method: 'GET', url: '/api/hotline/categories' })).json();
    expect(categories.find((c: { id: string }) => c.id === id).limitDays).not.toBe(1);
    expect(categories.some((c: { code: string }) => c.code === 'mh.test')).toBe(false);
  });
});

describe('Open311 API keys belong to a region', () => {
  it("a district admin issues keys for his district only, sees only those, and cannot revoke the city's or another district's", async () => {
    const cityKey = await inject(city, 'POST', '/api/admin/hotline/api-keys', { name: '市级 311 应用' });
    expect(cityKey.statusCode, cityKey.body).toBe(201);
    expect(cityKey.json().regionPath).toBe('990000/990100');
    const eastKey = await inject(east, 'POST', '/api/admin/hotline/api-keys', { name: '东岭区 311 应用' });
    expect(eastKey.json().regionPath).toBe('990000/990100/990103');

    // Not for another district, nor for the city.
    expect((await inject(district, 'POST', '/api/admin/hotline/api-keys', { name: '越权', regionPath: '990000/990100/990103' })).statusCode).toBe(403);
    expect((await inject(district, 'POST', '/api/admin/hotline/api-keys', { name: '越权', regionPath: '990000/990100' })).statusCode).toBe(403);
    const own = await inject(district, 'POST', '/api/admin/hotline/api-keys', { name: '明湖区 311 应用' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().regionPath).toBe('990000/990100/990102');

    const listed = (await inject(district, 'GET', '/api/admin/hotline/api-keys')).json().map((k: { id: string }) => k.id);
    expect(listed).toEqual([own.json().id]);
    const cityList = (await inject(city, 'GET', '/api/admin/hotline/api-keys')).json().map((k: { id: string }) => k.id);
    expect(cityList).toEqual(expect.arrayContaining([cityKey.json().id, eastKey.json().id, own.json().id]));

    for (const k of [cityKey, eastKey]) {
      const r = await inject(district, 'DELETE', `/api/admin/hotline/api-keys/${k.json().id}`);
      expect(r.statusCode, r.body).toBe(403);
    }
    const stillWorks = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: cityKey.json().key, service_code: 'cg.zdjy', address_string: '示范市明湖区湖滨路 8 号', description: '门口有摊贩占道' },
    });
    expect(stillWorks.statusCode, stillWorks.body).toBe(201);
    expect((await inject(district, 'DELETE', `/api/admin/hotline/api-keys/${own.json().id}`)).statusCode).toBe(200);
    expect((await inject(city, 'DELETE', `/api/admin/hotline/api-keys/${eastKey.json().id}`)).statusCode).toBe(200);
  });
});

describe('the caller look-up is scoped', () => {
  it('a district operator sees only the tickets held in his district', async () => {
    const operator = await t.login('rx.operator');
    const dispatcher = await t.login('rx.dispatcher');
    const phone = '13922334455';
    const record = async (address: string) => {
      const r = await inject(operator, 'POST', '/api/workbench/hotline/tickets', {
        callerPhone: phone,
        kind: 'complaint',
        categoryId: demoId('hotline-category', 'cg.zdjy'),
        text: '门口有摊贩占道经营',
        address,
      });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().ticket.id as string;
      const d = await inject(dispatcher, 'POST', `/api/workbench/hotline/tickets/${id}/dispatch`, {});
      expect(d.statusCode, d.body).toBe(200);
      return { id, districtCode: d.json().unit.regionCode as string };
    };
    const mh = await record('示范市明湖区湖滨街道湖滨路 8 号');
    const dl = await record('示范市东岭区桂园街道桂园小区 3 栋');
    expect([mh.districtCode, dl.districtCode]).toEqual(['990102', '990103']);

    const districtOperator: Actor = {
      id: demoId('staff', 'mh.operator'),
      kind: 'staff',
      name: '明湖区话务',
      grants: [{ role: 'hotline_operator', permissions: [P.create, P.read, P.dispatch, P.followUp], departmentId: null, regionPath: '990000/990100/990102' }],
    };
    const found = await callerTickets({ ...t.ctx, actor: districtOperator }, phone);
    expect(found.map((r) => r.id)).toEqual([mh.id]);
    // The city's operator sees both.
    const all = (await inject(operator, 'GET', `/api/workbench/hotline/callers/${phone}/tickets`)).json().map((r: { id: string }) => r.id);
    expect(all).toEqual(expect.arrayContaining([mh.id, dl.id]));
  });
});
