import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { demoIdNumber } from '../identity/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { consentRepo } from './consent-repository.ts';

/**
 * Issue 19, certificates as shared data: a department system looks up a holder's certificates of one
 * type within its approval; a type needing consent is refused until the holder grants it on
 * 账号与安全, and again after revoking; every call is audited and the holder sees the reads.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
const call = async (user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await as(user) } : {}), ...headers } });

async function systemToken(kind: string, name: string): Promise<Record<string, string>> {
  const created = await call('it.admin', 'POST', '/api/admin/oidc-clients', {
    name,
    departmentId: demoDepartmentId(kind, '990100'),
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

let zjj: Record<string, string>;
const lookup = (headers: Record<string, string>, extra: Record<string, unknown> = {}) =>
  call(
    null,
    'POST',
    '/api/data/exchange/certificates',
    { holder: { idNumber: demoIdNumber(0) }, certificateType: '营业执照', purpose: '建筑市场主体资质核验', ...extra },
    headers,
  );

beforeAll(async () => {
  t = await createTestApp();
  zjj = await systemToken('zjj', '示范市建筑市场监管系统');
});
afterAll(async () => {
  await t?.close();
});

describe('certificates as shared data', () => {
  it("answers a holder's certificates of a type within the approval's fields", async () => {
    const res = await lookup(zjj);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      certificateType: '营业执照',
      consent: 'not_required',
      approvalId: expect.any(String),
      source: { system: '示范市电子证照库' },
    });
    expect(body.certificates.length).toBeGreaterThan(0);
    expect(body.certificates[0]).toMatchObject({ name: '营业执照', status: 'valid', identifier: expect.stringMatching(/^1\.2\.156\.3005\.2\./) });
    expect(body.certificates[0]).not.toHaveProperty('content');
    // The face content was not granted; other departments have no approval; people do not call the API.
    expect((await lookup(zjj, { fields: ['content'] })).json()).toMatchObject({ code: 'data.fields_out_of_scope' });
    const rsj = await systemToken('rsj', '示范市社保经办系统');
    expect((await lookup(rsj)).json()).toMatchObject({ code: 'data.no_approval' });
    const staff = await call('zjj.data', 'POST', '/api/data/exchange/certificates', {
      holder: { idNumber: demoIdNumber(0) },
      certificateType: '营业执照',
      purpose: '核验',
    });
    expect(staff.statusCode).toBe(403);
  });

  it('refuses a type needing consent until the holder grants it, and again after revoking', async () => {
    await consentRepo.upsertType(t.database.db, { name: '营业执照', consentRequired: true, legalBasis: '测试：须经持证人同意' });
    const refused = await lookup(zjj);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'data.consent_required' });

    const mine = (await call('citizen1', 'GET', '/api/data/my-consents')).json() as { certificateType: string; granted: boolean }[];
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ certificateType: '营业执照', granted: false }),
        expect.objectContaining({ certificateType: '结婚证' }),
      ]),
    );
    const granted = await call('citizen1', 'POST', '/api/data/my-consents', { certificateType: '营业执照', granted: true });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ certificateType: '营业执照', granted: true, grantedAt: expect.any(String) })]),
    );
    const ok = await lookup(zjj);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ consent: 'granted' });

    await call('citizen1', 'POST', '/api/data/my-consents', { certificateType: '营业执照', granted: false });
    expect((await lookup(zjj)).json()).toMatchObject({ code: 'data.consent_required' });
    // A type that needs no consent cannot be "granted".
    expect((await call('citizen1', 'POST', '/api/data/my-consents', { certificateType: '食品经营许可证', granted: true })).statusCode).toBe(409);
    await consentRepo.upsertType(t.database.db, { name: '营业执照', consentRequired: false, legalBasis: '' });

    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'data.exchange.certificates'));
    const outcomes = events.map((e) => (e.summary as { refusal: string | null; outcome: string }).refusal ?? (e.summary as { outcome: string }).outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['ok', 'data.consent_required', 'data.no_approval', 'data.fields_out_of_scope']));
    const consentEvents = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'data.consent.grant'));
    expect(consentEvents.length).toBeGreaterThan(0);
  });

  it('shows the holder the reads in 数据使用记录 with the certificate type', async () => {
    const usage = (await call('citizen1', 'GET', '/api/data/my-usage?pageSize=50')).json() as { items: { resourceName: string; detail: string | null }[] };
    expect(usage.items).toEqual(expect.arrayContaining([expect.objectContaining({ resourceName: '电子证照库', detail: '营业执照' })]));
  });
});
