import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { completeUscc } from '../../platform/validators.ts';
import { demoEnterprises, demoIdNumber } from '../identity/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { callConnector, TransientConnectorError, useDataConnector } from './connectors.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';
import { EXCHANGE_RATE, querySharedData } from './exchange.ts';
import { simulation } from './simulated-providers.ts';

/**
 * Issue 19: the catalog (declared, published, versioned), a conditional request approved and then
 * used by a department system through the sharing API, the refusals (fields, expiry, not shared,
 * staff sessions), the provider's retries and failures, and every call audited and shown to the person.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
const call = async (user: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await as(user) } : {}), ...headers } });

const zjj = demoDepartmentId('zjj', '990100');
const citizenId = demoIdNumber(0);
let bearer: Record<string, string>;
let resourceId: string;
let approvalId: string;

/** A 住建局 system registered by the IT office with the sharing scope, and a token for it. */
async function departmentSystemToken(): Promise<Record<string, string>> {
  const created = await call('it.admin', 'POST', '/api/admin/oidc-clients', {
    name: '示范市住房保障管理系统',
    departmentId: zjj,
    grantTypes: ['client_credentials'],
    scopes: ['api:data.exchange'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const { clientId, clientSecret } = created.json() as { clientId: string; clientSecret: string };
  const token = await t.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'grant_type=client_credentials&scope=api%3Adata.exchange',
  });
  expect(token.statusCode, token.body).toBe(200);
  return { authorization: `Bearer ${(token.json() as { access_token: string }).access_token}` };
}

beforeAll(async () => {
  t = await createTestApp();
  let failuresLeft = 1;
  useDataConnector('test.residence', {
    async fetch(req) {
      if (failuresLeft-- > 0) throw new TransientConnectorError('first attempt lost');
      return req.subject.kind === 'person' ? { name: '张明', permit_no: '示居字2026-0001', valid_until: '2028-06-30' } : null;
    },
  });
  bearer = await departmentSystemToken();
});
afterAll(async () => {
  simulation.down.clear();
  await t?.close();
});

describe('the resource catalog', () => {
  it('lists the published demo catalog to staff, paged', async () => {
    const res = await call('zjj.data', 'GET', '/api/data/resources?pageSize=20');
    expect(res.statusCode).toBe(200);
    const page = res.json() as { total: number; items: { code: string; status: string; publishedVersion: number | null }[] };
    expect(page.items.map((r) => r.code)).toEqual(
      expect.arrayContaining(['gaj.household', 'rsj.social_insurance', 'zrzy.real_estate', 'mzj.marriage', 'scjg.business']),
    );
    expect(page.items.every((r) => r.publishedVersion === 1)).toBe(true);
    expect((await call(null, 'GET', '/api/data/resources')).statusCode).toBe(401);
  });

  it('is declared by the owning department, published by the data office, and versioned', async () => {
    const draft = await call('gaj.data', 'POST', '/api/data/resources', {
      code: 'gaj.residence_permit',
      departmentId: demoDepartmentId('gaj', '990100'),
      name: '居住证信息',
      subjectKind: 'person',
      fields: [
        { name: 'name', label: '姓名', sensitivity: 'sensitive' },
        { name: 'permit_no', label: '居住证号', sensitivity: 'sensitive' },
        { name: 'valid_until', label: '有效期至', sensitivity: 'internal' },
      ],
      sharingType: 'conditional',
      updateFrequency: 'daily',
      sourceSystem: '示范市流动人口管理系统',
      connector: 'test.residence',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    resourceId = draft.json().id;
    // Another department may not declare for 公安局; a draft is not shown to others.
    expect((await call('zjj.data', 'PATCH', `/api/data/resources/${resourceId}`, { name: '改名' })).statusCode).toBe(404);
    expect((await call('gaj.data', 'POST', `/api/data/resources/${resourceId}/publish`, {})).statusCode).toBe(403);
    expect((await call('gaj.data', 'POST', `/api/data/resources/${resourceId}/submit`)).statusCode).toBe(200);
    const published = await call('data.officer', 'POST', `/api/data/resources/${resourceId}/publish`, { note: '同意发布' });
    expect(published.json()).toMatchObject({ status: 'published', version: 1, publishedVersion: 1 });
    // An edit makes the draft of version 2; version 1 stays in force until the next publication.
    const edited = await call('gaj.data', 'PATCH', `/api/data/resources/${resourceId}`, { description: '持证人居住证信息' });
    expect(edited.json()).toMatchObject({ status: 'draft', version: 2, publishedVersion: 1 });
    expect((await call('data.officer', 'POST', `/api/data/resources/${resourceId}/publish`, {})).json()).toMatchObject({
      code: 'workflow.action_not_allowed',
    });
    await call('gaj.data', 'POST', `/api/data/resources/${resourceId}/submit`);
    await call('data.officer', 'POST', `/api/data/resources/${resourceId}/publish`, {});
    const versions = (await call('zjj.data', 'GET', `/api/data/resources/${resourceId}/versions`)).json() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
  });
});

describe('sharing', () => {
  it('a conditional request approved by the owner is then used through the API, within its fields', async () => {
    const asked = await call('zjj.data', 'POST', '/api/data/share-requests', {
      resourceId,
      departmentId: zjj,
      purpose: '公共租赁住房保障资格审核：核验居住证',
      legalBasis: '《居住证暂行条例》第十二条',
      fields: ['name', 'permit_no', 'valid_until'],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    approvalId = asked.json().id;
    // Only the owner decides, only requested fields, with an expiry.
    expect(
      (await call('zjj.data', 'POST', `/api/data/share-requests/${approvalId}/decision`, { action: 'approve', fields: ['name'], expiresOn: '2099-12-31' }))
        .statusCode,
    ).toBe(403);
    const approved = await call('gaj.data', 'POST', `/api/data/share-requests/${approvalId}/decision`, {
      action: 'approve',
      fields: ['name', 'valid_until'],
      expiresOn: '2099-12-31',
    });
    expect(approved.json()).toMatchObject({ status: 'approved', fieldsGranted: ['name', 'valid_until'] });

    const query = {
      resource: 'gaj.residence_permit',
      subject: { idNumber: citizenId },
      fields: ['name', 'valid_until'],
      purpose: '公租房资格审核',
      caseNo: 'TEST-0001',
    };
    const ok = await call(null, 'POST', '/api/data/exchange/query', query, bearer);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      approvalId,
      version: 2,
      found: true,
      data: { name: '张明', valid_until: '2028-06-30' },
      source: { departmentName: '示范市公安局', connector: 'test.residence' },
    });
    expect(ok.json().data).not.toHaveProperty('permit_no');

    const outside = await call(null, 'POST', '/api/data/exchange/query', { ...query, fields: ['name', 'permit_no'] }, bearer);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'data.fields_out_of_scope', fields: ['permit_no'] });

    // A staff session holding the permission is still not a department system.
    expect((await call('zjj.data', 'POST', '/api/data/exchange/query', query)).json().code).toBe('data.api_only');
    // Without a token: 401.
    expect((await call(null, 'POST', '/api/data/exchange/query', query)).statusCode).toBe(401);
  });

  it('refuses after the expiry, without an approval, and for a resource not shared; unconditional ones need no request', async () => {
    const later = { ...t.ctx, now: () => new Date('2100-01-01T00:00:00Z') };
    const requester = { departmentId: zjj, clientId: null, name: '示范市住房保障管理系统' };
    const input = { resource: 'gaj.residence_permit', subject: { idNumber: citizenId }, fields: ['name'], purpose: '公租房资格审核' };
    await expect(querySharedData(later, requester, input)).rejects.toMatchObject({ code: 'data.approval_expired' });
    await expect(querySharedData(t.ctx, { ...requester, departmentId: demoDepartmentId('rsj', '990100') }, input)).rejects.toMatchObject({
      code: 'data.no_approval',
    });
    const business = await call(
      null,
      'POST',
      '/api/data/exchange/query',
      { resource: 'scjg.business', subject: { uscc: completeUscc(demoEnterprises[0]!.body) }, fields: ['name', 'status'], purpose: '资质核验' },
      bearer,
    );
    expect(business.json()).toMatchObject({ approvalId: null, data: { name: '示范市明湖餐饮管理有限公司', status: '存续' } });
    // Revoked: refused at once.
    expect((await call('gaj.data', 'POST', `/api/data/share-requests/${approvalId}/decision`, { action: 'revoke', note: '用途已结束' })).json().status).toBe(
      'revoked',
    );
    await expect(querySharedData(t.ctx, requester, input)).rejects.toMatchObject({ code: 'data.no_approval' });
    // Over the rate (the window filled in one statement): 429, and the refusal is logged too.
    const wjw = { departmentId: demoDepartmentId('wjw', '990100'), clientId: null, name: '卫健委系统' };
    await hitRateLimit(t.database.db, 'data.exchange', wjw.departmentId, EXCHANGE_RATE, new Date(), EXCHANGE_RATE.max);
    const over = { resource: 'scjg.business', subject: { uscc: completeUscc(demoEnterprises[0]!.body) }, fields: ['name'], purpose: '限流测试' };
    await expect(querySharedData(t.ctx, wjw, over)).rejects.toMatchObject({ code: 'rate.limited', status: 429 });
  });

  it('retries a transient provider failure, and answers 503 when the provider stays down', async () => {
    let calls = 0;
    const flaky = {
      async fetch() {
        calls++;
        if (calls < 3) throw new TransientConnectorError('lost');
        return { ok: true };
      },
    };
    expect(
      await callConnector(flaky, { resource: 'x', subject: { kind: 'entity', uscc: 'x' }, fields: [] }, { timeoutMs: 50, retries: 2, backoffMs: () => 0 }),
    ).toEqual({
      answer: { ok: true },
      attempts: 3,
    });
    const hanging = { fetch: () => new Promise<never>(() => {}) };
    await expect(
      callConnector(hanging, { resource: 'x', subject: { kind: 'entity', uscc: 'x' }, fields: [] }, { timeoutMs: 5, retries: 0 }),
    ).rejects.toBeInstanceOf(TransientConnectorError);
    simulation.down.add('sim.business');
    const down = await call(
      null,
      'POST',
      '/api/data/exchange/query',
      { resource: 'scjg.business', subject: { uscc: completeUscc(demoEnterprises[1]!.body) }, fields: ['name'], purpose: '资质核验' },
      bearer,
    );
    simulation.down.clear();
    expect(down.statusCode).toBe(503);
    expect(down.json().code).toBe('data.provider_unavailable');
  });

  it('audits every call, allowed or refused, and shows the person who read what and why', async () => {
    const events = await t.database.db.select().from(auditEvents).where(like(auditEvents.action, 'data.exchange.query'));
    const outcomes = events.map((e) => (e.summary as { outcome: string; refusal: string | null }).refusal ?? (e.summary as { outcome: string }).outcome);
    expect(outcomes).toEqual(
      expect.arrayContaining(['ok', 'data.fields_out_of_scope', 'data.approval_expired', 'data.no_approval', 'data.provider_unavailable', 'rate.limited']),
    );
    const read = events.find((e) => (e.summary as { caseNo?: string }).caseNo === 'TEST-0001')!;
    expect(read.summary).toMatchObject({ approvalId, fields: ['name', 'valid_until'], purpose: '公租房资格审核', subject: expect.stringMatching(/\*{4}/) });
    expect(JSON.stringify(events)).not.toContain(citizenId);

    const mine = await call('citizen1', 'GET', '/api/data/my-usage?pageSize=50');
    expect(mine.statusCode).toBe(200);
    const items = (
      mine.json() as { items: { resourceName: string; departmentName: string; purpose: string; caseNo: string | null; fields: { label: string }[] }[] }
    ).items;
    expect(items).toContainEqual(
      expect.objectContaining({ resourceName: '居住证信息', departmentName: '示范市住房和城乡建设局', purpose: '公租房资格审核', caseNo: 'TEST-0001' }),
    );
    expect(items.find((i) => i.caseNo === 'TEST-0001')!.fields.map((f) => f.label)).toEqual(['姓名', '有效期至']);
    // The seeded read of 张明's household register is there too; nobody else's reads are.
    expect(items.some((i) => i.resourceName === '居民户籍信息')).toBe(true);
    const other = (await call('citizen2', 'GET', '/api/data/my-usage')).json() as { total: number };
    expect(other.total).toBe(0);
    expect((await call('zjj.data', 'GET', '/api/data/my-usage')).statusCode).toBe(403);
    void eq;
  });
});
