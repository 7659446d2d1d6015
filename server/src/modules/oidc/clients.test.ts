/** Registering department systems (/api/admin/oidc-clients): validation, scope, audit, the secret shown once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId } from '../org/index.ts';

let t: TestApp;
let cookie: string;
const mhZwfw = demoDepartmentId('zwfw', '990102');
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('mh.admin');
}, 120_000);
afterAll(async () => t?.close());

const register = (payload: Record<string, unknown>, as = cookie) =>
  t.app.inject({ method: 'POST', url: '/api/admin/oidc-clients', headers: { cookie: as }, payload });
const base = {
  name: '明湖区不动产登记系统',
  departmentId: mhZwfw,
  grantTypes: ['authorization_code'],
  redirectUris: ['https://bdc.example.gov.cn/cb'],
  scopes: ['profile'],
};

describe('registering a department system', () => {
  it('answers the secret once, adds openid to a code client, lists it in scope only, audits it', async () => {
    const res = await register(base);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(created.scopes).toEqual(['openid', 'profile']);
    const mine = await t.app.inject({ method: 'GET', url: '/api/admin/oidc-clients?pageSize=100', headers: { cookie } });
    const listed = mine.json().items.find((c: { clientId: string }) => c.clientId === created.clientId);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('clientSecret');
    const other = await t.app.inject({ method: 'GET', url: '/api/admin/oidc-clients?pageSize=100', headers: { cookie: await t.login('dl.admin') } });
    expect(other.json().items.map((c: { clientId: string }) => c.clientId)).not.toContain(created.clientId);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/admin/oidc-clients/${created.clientId}`, headers: { cookie: await t.login('dl.admin') } })).statusCode,
    ).toBe(403);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?objectType=oidc_client&objectId=${created.clientId}`,
      headers: { cookie: await t.login('admin') },
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('oidc.client_registered');
  });

  it('refuses plain-http redirect URIs (localhost excepted), a code client without one, and scopes of the other grant', async () => {
    const http = await register({ ...base, redirectUris: ['http://bdc.example.gov.cn/cb'] });
    expect(http.statusCode).toBe(400);
    expect(http.json().errors).toEqual([expect.objectContaining({ field: 'redirectUris.0', code: 'redirect_uri_https' })]);
    expect((await register({ ...base, redirectUris: ['http://localhost:3000/cb'] })).statusCode).toBe(201);
    const none = await register({ ...base, redirectUris: [] });
    expect(none.json().errors).toEqual([expect.objectContaining({ field: 'redirectUris', code: 'redirect_uri_required' })]);
    const apiOnCode = await register({ ...base, scopes: ['api:cases.read'] });
    expect(apiOnCode.statusCode).toBe(400);
    expect(apiOnCode.json().errors).toEqual([expect.objectContaining({ code: 'scope_grant_mismatch' })]);
    const unknown = await register({ ...base, scopes: ['api:everything'] });
    expect(unknown.statusCode).toBe(400);
    const foreign = await register({ ...base, departmentId: demoDepartmentId('zwfw', '990103') });
    expect(foreign.statusCode).toBe(403);
  });
});

describe('the OpenAPI document', () => {
  it('declares the cookie session and the OAuth client credentials / bearer schemes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schemes = doc.components.securitySchemes;
    expect(schemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(schemes.oauth2).toMatchObject({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oidc/token' } } });
    expect(Object.keys(schemes.oauth2.flows.clientCredentials.scopes)).toContain('api:cases.read');
    expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ session: [] }, { oauth2: [] }, { bearer: [] }]);
  });
});
