import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { inArray } from 'drizzle-orm';
import { demoId } from '../org/index.ts';
import { hotlineTicketEvents as ticketEvents, hotlineTickets as tickets } from './tables.ts';
import { ticketNumberSource } from './ticket.ts';

let t: TestApp;
let apiKey: string;
beforeAll(async () => {
  t = await createTestApp();
  const cookie = await t.login('it.admin');
  const res = await t.app.inject({ method: 'POST', url: '/api/admin/hotline/api-keys', headers: { cookie }, payload: { name: '测试 311 客户端' } });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json().key;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('Open311 GeoReport v2', () => {
  it('lists services and a service definition in JSON and XML', async () => {
    const json = await get('/open311/v2/services.json?jurisdiction_id=990100');
    expect(json.statusCode).toBe(200);
    const list = json.json() as { service_code: string; service_name: string; group: string }[];
    expect(list.find((s) => s.service_code === 'cg.zdjy')).toMatchObject({ service_name: '占道经营', group: '城市管理' });
    expect(list.some((s) => s.service_code.startsWith('bsl.'))).toBe(false);
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toMatch(/xml/);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(xml.body).toContain('<service_name>占道经营</service_name>');
    const def = await get('/open311/v2/services/cg.zdjy.json');
    expect(def.json()).toMatchObject({ service_code: 'cg.zdjy', attributes: [{ code: 'kind' }, { code: 'public' }] });
    const defXml = await get('/open311/v2/services/cg.zdjy.xml');
    expect(defXml.body).toContain('<service_definition><service_code>cg.zdjy</service_code><attributes><attribute>');
  });

  it('files a request form-encoded and JSON, then finds it by id, token and list', async () => {
    const form = new URLSearchParams({
      api_key: apiKey,
      jurisdiction_id: '990100',
      service_code: 'cg.ljcl',
      lat: '30.62',
      long: '114.33',
      description: '路口垃圾三天没有清运',
      phone: '13511112222',
      first_name: '明',
      last_name: '赵',
    });
    const posted = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const [created] = posted.json() as { service_request_id: string; token: string }[];
    expect(created!.service_request_id).toMatch(/^RX\d{16}$/);

    const xmlPost = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { api_key: apiKey, service_code: 'hj.zs', address_string: '示范市西江区渡口街道滨江路 5 号', description: '工地夜间施工噪声' },
    });
    expect(xmlPost.statusCode, xmlPost.body).toBe(201);
    expect(xmlPost.body).toMatch(/<service_requests><request><service_request_id>RX\d+<\/service_request_id><token>/);

    const one = await get(`/open311/v2/requests/${created!.service_request_id}.json`);
    // Not public (no consent): no text (publication.test.ts).
    expect(one.json()[0]).toMatchObject({ service_request_id: created!.service_request_id, status: 'open', service_code: 'cg.ljcl', description: null });
    expect(one.body).not.toContain('13511112222');
    const oneXml = await get(`/open311/v2/requests/${created!.service_request_id}.xml`);
    expect(oneXml.body).toContain(`<status>open</status>`);
    const tok = await get(`/open311/v2/tokens/${created!.token}.json`);
    expect(tok.json()).toEqual([{ service_request_id: created!.service_request_id, token: created!.token }]);
    expect((await get(`/open311/v2/tokens/${created!.token}.xml`)).body).toContain(`<service_request_id>${created!.service_request_id}</service_request_id>`);
    const list = await get('/open311/v2/requests.json?service_code=cg.ljcl&status=open');
    expect(list.json().some((r: { service_request_id: string }) => r.service_request_id === created!.service_request_id)).toBe(true);
    const closed = await get('/open311/v2/requests.xml?status=closed');
    expect(closed.body).toContain('<status>closed</status>');
    expect(closed.body).not.toContain('<status>open</status>');
  });

  it('answers errors in the spec format', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'cg.ljcl', description: '垃圾', lat: 30.6, long: 114.3 },
    });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: 'api_key is required' }]);
    const badKey = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { api_key: 'nope', service_code: 'cg.ljcl', description: '垃圾', lat: 30.6, long: 114.3 },
    });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>api_key is not valid</description></error></errors>',
    );
    const noPlace = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: apiKey, service_code: 'cg.ljcl', description: '垃圾没有清运' },
    });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json()[0].code).toBe(400);
    const badService = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: apiKey, service_code: 'nope', description: '垃圾没有清运', lat: 30.6, long: 114.3 },
    });
    expect(badService.json()).toEqual([{ code: 404, description: 'service_code nope not found' }]);
    const jur = await get('/open311/v2/services.json?jurisdiction_id=123456');
    expect(jur.statusCode).toBe(404);
    expect(jur.json()[0].description).toContain('jurisdiction_id');
    expect((await get('/open311/v2/requests/RX0.xml')).body).toContain('<errors><error><code>404</code>');
    expect((await get('/open311/v2/nothing.json')).json()[0].code).toBe(404);
  });

  it('a revoked key no longer works', async () => {
    const cookie = await t.login('it.admin');
    const issued = (await t.app.inject({ method: 'POST', url: '/api/admin/hotline/api-keys', headers: { cookie }, payload: { name: '临时' } })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/hotline/api-keys/${issued.id}`, headers: { cookie } })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: issued.key, service_code: 'cg.ljcl', description: '垃圾没有清运', lat: 30.6, long: 114.3 },
    });
    expect(res.statusCode).toBe(403);
  });

  it('keys and categories are cached, and a revocation or deactivation holds from the next request', async () => {
    const cookie = await t.login('it.admin');
    const issued = (await t.app.inject({ method: 'POST', url: '/api/admin/hotline/api-keys', headers: { cookie }, payload: { name: '缓存测试' } })).json();
    const post = (service_code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: issued.key, service_code, description: '路灯不亮', lat: 30.6, long: 114.3 },
      });
    const category = demoId('hotline-category', 'cg.ggss');
    expect((await post('cg.ggss')).statusCode).toBe(201);
    const off = await t.app.inject({ method: 'PATCH', url: `/api/admin/hotline/categories/${category}`, headers: { cookie }, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await post('cg.ggss')).statusCode).toBe(404);
    await t.app.inject({ method: 'PATCH', url: `/api/admin/hotline/categories/${category}`, headers: { cookie }, payload: { active: true } });
    expect((await post('cg.ggss')).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/hotline/api-keys/${issued.id}`, headers: { cookie } })).statusCode).toBe(200);
    expect((await post('cg.ggss')).statusCode).toBe(403);
  });
});

describe('a ticket number drawn twice in one day', () => {
  it('is drawn again, on Open311 and at the operator desk, instead of failing the intake', async () => {
    const draws: number[] = [];
    const original = ticketNumberSource.draw;
    ticketNumberSource.draw = () => draws.shift() ?? original();
    try {
      const post = () =>
        t.app.inject({
          method: 'POST',
          url: '/open311/v2/requests.json',
          payload: { api_key: apiKey, service_code: 'cg.ljcl', address_string: '示范市明湖区湖滨路 8 号', description: '垃圾桶满了没人清' },
        });
      draws.push(4242);
      const first = await post();
      expect(first.statusCode, first.body).toBe(201);
      const taken = (first.json() as { service_request_id: string }[])[0]!.service_request_id;
      expect(taken).toMatch(/00004242$/);

      draws.push(4242, 4242, 4243);
      const second = await post();
      expect(second.statusCode, second.body).toBe(201);
      expect((second.json() as { service_request_id: string }[])[0]!.service_request_id).toBe(taken.replace(/00004242$/, '00004243'));

      draws.push(4242, 4244);
      const cookie = await t.login('rx.operator');
      const desk = await t.app.inject({
        method: 'POST',
        url: '/api/workbench/hotline/tickets',
        headers: { cookie },
        payload: { callerPhone: '13812345678', kind: 'complaint', text: '小区门口有摊贩占道经营', address: '示范市明湖区湖滨街道湖滨路 8 号' },
      });
      expect(desk.statusCode, desk.body).toBe(201);
      expect(desk.json().ticket.number).toBe(taken.replace(/00004242$/, '00004244'));
      expect(draws).toEqual([]);

      // One ticket a number, and no trace of the attempts that clashed: one intake event each.
      const numbers = [taken, taken.replace(/00004242$/, '00004243'), taken.replace(/00004242$/, '00004244')];
      const rows = await t.database.db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.number, numbers));
      expect(rows.map((r) => r.number).sort()).toEqual(numbers);
      const events = await t.database.db
        .select()
        .from(ticketEvents)
        .where(
          inArray(
            ticketEvents.ticketId,
            rows.map((r) => r.id),
          ),
        );
      expect(events.filter((e) => e.action === 'intake')).toHaveLength(3);
    } finally {
      ticketNumberSource.draw = original;
    }
  });
});
