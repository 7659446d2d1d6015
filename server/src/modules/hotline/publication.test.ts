import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { rawRows } from '../../platform/db/types.ts';
import { demoId } from '../org/index.ts';

/**
 * Issue 11 §3: Open311 publishes only what the caller agreed to make public: category, status, the
 * street (not the exact address) and a text a hotline operator reviewed; §4: the Open311 intake is
 * one transaction with its audit event.
 */
let t: TestApp;
let apiKey: string;
let operator: string;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('it.admin');
  const res = await t.app.inject({ method: 'POST', url: '/api/admin/hotline/api-keys', headers: { cookie: admin }, payload: { name: '公开测试 311 客户端' } });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json().key;
  operator = await t.login('rx.operator');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const PRIVATE_TEXT = '我家在湖滨路 8 号 3 单元 502，电话 13800001111，楼下摊贩每天占道';
const EXACT = '示范市明湖区湖滨街道湖滨路 8 号 3 单元 502';

async function portalRequest(body: Record<string, unknown> = {}) {
  const citizen = await t.login('citizen1');
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/hotline/tickets',
    headers: { cookie: citizen },
    payload: { kind: 'complaint', categoryId: demoId('hotline-category', 'cg.zdjy'), text: PRIVATE_TEXT, address: EXACT, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}

describe('Open311 publishes only what the caller agreed to', () => {
  it('a signed-in citizen’s request: the text, the exact address and the phone in the text stay internal', async () => {
    const { number } = await portalRequest();
    for (const url of [
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests/${number}.json`,
      `/open311/v2/requests/${number}.xml`,
      `/open311/v2/requests.json?service_request_id=${number}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(number);
      expect(res.body, url).not.toContain('13800001111');
      expect(res.body, url).not.toContain('3 单元 502');
      expect(res.body, url).not.toContain('湖滨路 8 号');
    }
    const [one] = (await get(`/open311/v2/requests/${number}.json`)).json();
    expect(one).toMatchObject({
      service_request_id: number,
      status: 'open',
      service_code: 'cg.zdjy',
      service_name: '占道经营',
      description: null,
      address: '明湖区湖滨街道',
      media_url: null,
    });
  });

  it('with the caller’s consent, only the text an operator reviewed is published', async () => {
    const { id, number } = await portalRequest({ publicConsent: true });
    const before = (await get(`/open311/v2/requests/${number}.json`)).json()[0];
    expect(before.description).toBeNull();

    const detail = (await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/tickets/${id}`, headers: { cookie: operator } })).json();
    expect(detail).toMatchObject({ publicConsent: true, publicText: null });
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/hotline/tickets/${id}/public-text`,
      headers: { cookie: operator },
      payload: { text: '湖滨街道某路段有摊贩占道经营', version: detail.version },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ publicText: '湖滨街道某路段有摊贩占道经营' });

    const after = await get(`/open311/v2/requests/${number}.json`);
    expect(after.json()[0].description).toBe('湖滨街道某路段有摊贩占道经营');
    expect(after.body).not.toContain('13800001111');
    const audit = await rawRows<{ action: string }>(t.database.db, sql`select action from audit_events where object_id = ${id} order by seq`);
    expect(audit.map((a) => a.action)).toContain('hotline.ticket.public_text');
  });

  it('without consent no public text can be set; a unit cannot set one', async () => {
    const { id } = await portalRequest();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/hotline/tickets/${id}/public-text`,
      headers: { cookie: operator },
      payload: { text: '摊贩占道' },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('hotline.not_public');
    const consented = await portalRequest({ publicConsent: true });
    const handler = await t.login('mh.street.handler');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/hotline/tickets/${consented.id}/public-text`,
      headers: { cookie: handler },
      payload: { text: '摊贩占道' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('an Open311 POST is not public unless it says so (attribute[public]=true)', async () => {
    const post = (extra: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: apiKey,
          service_code: 'cg.ljcl',
          lat: '30.6213',
          long: '114.3321',
          description: '路口垃圾没清运，联系 13511112222',
          ...extra,
        }).toString(),
      });
    const plain = (await post({})).json()[0].service_request_id as string;
    const yes = (await post({ 'attribute[public]': 'true' })).json()[0].service_request_id as string;
    const rows = await rawRows<{ number: string; public_consent: boolean }>(
      t.database.db,
      sql`select number, public_consent from hotline_tickets where number in (${plain}, ${yes})`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.number, r.public_consent]))).toEqual({ [plain]: false, [yes]: true });
    const listed = await get('/open311/v2/requests.json?service_code=cg.ljcl');
    expect(listed.body).not.toContain('13511112222');
    expect(listed.body).not.toContain('30.6213');
    const def = (await get('/open311/v2/services/cg.ljcl.json')).json();
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['kind', 'public']);
  });

  it('a report stays unpublished even with consent', async () => {
    const { id } = await portalRequest({ kind: 'report', categoryId: demoId('hotline-category', 'sc.spaq'), publicConsent: true });
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/hotline/tickets/${id}/public-text`,
      headers: { cookie: operator },
      payload: { text: '某餐馆食品安全问题' },
    });
    expect(r.statusCode).toBe(409);
  });
});

describe('the Open311 intake is one transaction', () => {
  it('the ticket, its audit event and the key’s last use are written by the same transaction', async () => {
    // A key's last use is written at most once a minute (not by every request): a key not used yet.
    const admin = await t.login('it.admin');
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/admin/hotline/api-keys',
      headers: { cookie: admin },
      payload: { name: '事务测试 311 客户端' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const apiKeyId = issued.json().id as string;
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: issued.json().key, service_code: 'cg.zdjy', address_string: '示范市明湖区湖滨路 1 号', description: '门口有摊贩占道' },
      });
    const res = await post();
    expect(res.statusCode, res.body).toBe(201);
    const number = res.json()[0].service_request_id as string;
    const [ticket] = await rawRows<{ id: string; xid: string }>(t.database.db, sql`select id, xmin::text as xid from hotline_tickets where number = ${number}`);
    const [key] = await rawRows<{ xid: string; last_used_at: Date | null }>(
      t.database.db,
      sql`select xmin::text as xid, last_used_at from hotline_api_keys where id = ${apiKeyId}`,
    );
    const audits = await rawRows<{ xid: string; action: string }>(
      t.database.db,
      sql`select xmin::text as xid, action from audit_events where object_id = ${ticket!.id}`,
    );
    expect(key!.last_used_at).not.toBeNull();
    expect(audits.map((a) => a.action)).toEqual(['hotline.ticket.create']);
    expect(new Set([ticket!.xid, key!.xid, audits[0]!.xid]).size).toBe(1);
    // within the minute, the next request leaves the key's row alone
    expect((await post()).statusCode).toBe(201);
    const [again] = await rawRows<{ xid: string }>(t.database.db, sql`select xmin::text as xid from hotline_api_keys where id = ${apiKeyId}`);
    expect(again!.xid).toBe(key!.xid);
  });
});
