/**
 * The OIDC provider against the running server (listening on a free port), driven by the standard
 * relying party `openid-client`: discovery, authorization code + PKCE for a signed-in staff member,
 * client credentials calling /api within the client's department scope, scopes outside the client's
 * refused, and key rotation keeping earlier tokens verifiable.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId, getDepartment } from '../org/index.ts';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from './seed.ts';
import { rotateKeys } from './keys.ts';

const REDIRECT = 'http://localhost:3000/callback';
let t: TestApp;
let base: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await createTestApp({ PUBLIC_URL: base });
  await t.app.listen({ port, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => t?.close());

const discover = (clientId = DEMO_CLIENT_ID, secret = DEMO_CLIENT_SECRET) =>
  oidc.discovery(new URL(base), clientId, secret, undefined, { execute: [oidc.allowInsecureRequests] });

/** A browser: a cookie jar over fetch, redirects followed by hand. */
class Browser {
  jar = new Map<string, string>();
  async get(url: string): Promise<Response> {
    const res = await fetch(new URL(url, base), { redirect: 'manual', headers: { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    this.take(res);
    return res;
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  async login(username: string) {
    const res = await fetch(new URL('/api/auth/login', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    this.take(res);
  }
  async submitForm(html: string): Promise<Response> {
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no redirect and no form: ${html.slice(0, 2000)}`);
    const fields = new URLSearchParams(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]),
    );
    const res = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: fields.toString(),
    });
    this.take(res);
    return res;
  }
  /** Follows redirects on this server until one leaves it (the relying party's callback). */
  async follow(url: string, max = 10): Promise<{ left: string; visited: string[] }> {
    const visited: string[] = [];
    let next = url;
    for (let i = 0; i < max; i++) {
      let res = await this.get(next);
      // The provider's self-submitting form (ending the previous account's session when another signed in): submit it.
      if (res.status === 200 && (res.headers.get('content-type') ?? '').includes('text/html')) res = await this.submitForm(await res.text());
      const location = res.headers.get('location');
      if (!location) throw new Error(`no redirect from ${next}: ${res.status} ${(await res.text()).slice(0, 3000)}`);
      const to = new URL(location, next.startsWith('http') ? next : base).toString();
      visited.push(to);
      if (!to.startsWith(base) || new URL(to).pathname === '/login') return { left: to, visited };
      next = to;
    }
    throw new Error('too many redirects');
  }
}

async function codeFlow(browser: Browser, config: oidc.Configuration, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  return {
    url: url.toString(),
    finish: (callback: string) => oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }),
  };
}

function jwtParts(jwt: string) {
  const [h, p, s] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString()),
    signed: `${h}.${p}`,
    sig: s!,
  };
}

/** Verifies an ES256 JWT against the JWKS the server publishes now. */
async function verifiesAgainstJwks(jwt: string): Promise<boolean> {
  const { keys } = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
  const { header, signed, sig } = jwtParts(jwt);
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  return verify('sha256', Buffer.from(signed), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(sig, 'base64url'));
}

describe('discovery', () => {
  it('names the issuer (PUBLIC_URL) and the endpoints, code + PKCE (S256) and client credentials, ES256 keys', async () => {
    const res = await fetch(`${base}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(base);
    expect(doc.authorization_endpoint).toBe(`${base}/oidc/auth`);
    expect(doc.token_endpoint).toBe(`${base}/oidc/token`);
    expect(doc.jwks_uri).toBe(`${base}/oidc/jwks`);
    expect(doc.userinfo_endpoint).toBe(`${base}/oidc/me`);
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(doc.id_token_signing_alg_values_supported).toEqual(['ES256']);
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'yiwang.identity', 'yiwang.staff', 'api:cases.read']));
    const jwks = (await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) expect(Object.keys(k)).not.toContain('d'); // public halves only
  });
});

describe('authorization code + PKCE', () => {
  it('sends an unsigned browser to the login page and back; the staff member signed in gets an id_token with name, department and roles', async () => {
    const config = await discover();
    const browser = new Browser();
    const flow = await codeFlow(browser, config, 'openid profile yiwang.identity yiwang.staff');
    const first = await browser.follow(flow.url);
    const login = new URL(first.left);
    expect(login.pathname).toBe('/login');
    const back = login.searchParams.get('next')!;
    expect(back).toMatch(/^\/oidc\/interaction\//);

    await browser.login('scjg.clerk');
    const done = await browser.follow(back);
    expect(done.left.startsWith(REDIRECT)).toBe(true);
    const tokens = await flow.finish(done.left);
    const claims = tokens.claims()!;
    const scjg = await getDepartment(t.ctx, demoDepartmentId('scjg', '990100'));
    expect(claims.iss).toBe(base);
    expect(claims.aud).toBe(DEMO_CLIENT_ID);
    expect(claims.name).toBeTruthy();
    expect(claims.account_kind).toBe('staff');
    expect(claims.department_id).toBe(scjg.id);
    expect(claims.department_name).toBe(scjg.name);
    expect(claims.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'window_clerk' })]));
    expect(claims.id_number_masked).toBeUndefined(); // staff accounts have no person record
    expect(jwtParts(tokens.id_token!).header.alg).toBe('ES256');

    // userinfo answers the same claims for the access token.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info.department_id).toBe(scjg.id);

    // The consent is recorded.
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?objectType=oidc_client&objectId=${DEMO_CLIENT_ID}`,
      headers: { cookie: await t.login('admin') },
    });
    expect((audit.json().items as { action: string; actorId: string | null }[]).map((e) => e.action)).toContain('oidc.consent');
  });

  it("a citizen's id_token carries the masked ID number, never the full one", async () => {
    const config = await discover();
    const browser = new Browser();
    await browser.login('citizen1');
    const flow = await codeFlow(browser, config, 'openid profile yiwang.identity');
    const done = await browser.follow(flow.url);
    const claims = (await flow.finish(done.left)).claims()!;
    expect(claims.account_kind).toBe('person');
    expect(['registered', 'real_name', 'in_person']).toContain(claims.assurance_level);
    expect(String(claims.id_number_masked)).toMatch(/\*/);
    expect(String(claims.id_number_masked)).not.toMatch(/^\d{17}[\dX]$/);
    expect(claims.department_id).toBeUndefined();
  });

  it("follows yiwang's session: after signing out the browser goes to the login page; another account signed in gets its own sub", async () => {
    const config = await discover();
    const browser = new Browser();
    await browser.login('scjg.clerk');
    const first = await codeFlow(browser, config, 'openid profile');
    const clerkTokens = await first.finish((await browser.follow(first.url)).left);
    const clerk = clerkTokens.claims()!;
    expect((await oidc.fetchUserInfo(config, clerkTokens.access_token, clerk.sub)).sub).toBe(clerk.sub);

    const out = await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(out.status).toBe(204);
    // Signing out of yiwang ends what the app got through it: the access token no longer answers.
    await expect(oidc.fetchUserInfo(config, clerkTokens.access_token, clerk.sub)).rejects.toBeTruthy();
    const stillThere = await fetch(`${base}/oidc/me`, { headers: { authorization: `Bearer ${clerkTokens.access_token}` } });
    expect(stillThere.status).toBe(401);
    browser.jar.delete('yiwang_session');
    const again = await codeFlow(browser, config, 'openid profile');
    expect(new URL((await browser.follow(again.url)).left).pathname).toBe('/login');

    await browser.login('rsj.clerk');
    const other = await codeFlow(browser, config, 'openid profile');
    const rsj = (await other.finish((await browser.follow(other.url)).left)).claims()!;
    expect(rsj.sub).not.toBe(clerk.sub);
    expect(rsj.name).not.toBe(clerk.name);
  });

  it('refuses an authorization request without PKCE', async () => {
    const config = await discover();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: oidc.randomState() });
    const res = await new Browser().get(url.toString());
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(REDIRECT) ? new URL(location).searchParams.get('error') : String(res.status)).toMatch(/invalid_request|400/);
  });
});

describe('client credentials and the API', () => {
  it('a token calls /api within the client department and is refused outside it', async () => {
    const config = await discover();
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'api:cases.read' });
    expect(tokens.scope).toBe('api:cases.read');
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    const scjg = await getDepartment(t.ctx, demoDepartmentId('scjg', '990100'));

    const list = await t.app.inject({ method: 'GET', url: '/api/cases?pageSize=100', headers: bearer });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { caseNo: string; departmentName: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((c) => c.departmentName))).toEqual(new Set([scjg.name]));
    const own = await t.app.inject({ method: 'GET', url: `/api/cases/${items[0]!.caseNo}`, headers: bearer });
    expect(own.statusCode).toBe(200);

    // A case of another department: as if it did not exist.
    const all = await t.app.inject({ method: 'GET', url: '/api/cases?pageSize=100', headers: { cookie: await t.login('admin') } });
    const foreign = (all.json().items as { caseNo: string; departmentName: string }[]).find((c) => c.departmentName !== scjg.name);
    expect(foreign).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${foreign!.caseNo}`, headers: bearer })).statusCode).toBe(404);
    // A permission the scope does not give.
    const admin = await t.app.inject({ method: 'GET', url: '/api/admin/oidc-clients', headers: bearer });
    expect(admin.statusCode).toBe(403);
    // No token, a wrong token: not signed in.
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: 'Bearer not-a-real-token-000000000000' } })).statusCode).toBe(401);
  });

  it('a scope outside the client is refused at the token endpoint', async () => {
    const config = await discover();
    await expect(oidc.clientCredentialsGrant(config, { scope: 'api:hotline.read' })).rejects.toMatchObject({ error: 'invalid_scope' });
  });

  it('a wrong secret gets no token; a disabled client gets none and its tokens stop working', async () => {
    await expect(oidc.clientCredentialsGrant(await discover(DEMO_CLIENT_ID, 'wrong-secret-wrong-secret'), { scope: 'api:cases.read' })).rejects.toMatchObject({
      error: 'invalid_client',
    });
    const cookie = await t.login('mh.admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie },
      payload: {
        name: '明湖区政务服务数据交换',
        departmentId: demoDepartmentId('zwfw', '990102'),
        grantTypes: ['client_credentials'],
        scopes: ['api:cases.read'],
      },
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json() as { clientId: string; clientSecret: string };
    const config = await discover(clientId, clientSecret);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'api:cases.read' });
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', headers: bearer })).statusCode).toBe(200);

    // Outside the district admin's scope: no registration for a city department.
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/admin/oidc-clients',
      headers: { cookie },
      payload: { name: '越权登记', departmentId: demoDepartmentId('scjg', '990100'), grantTypes: ['client_credentials'], scopes: ['api:cases.read'] },
    });
    expect(foreign.statusCode).toBe(403);

    const rotated = await t.app.inject({ method: 'POST', url: `/api/admin/oidc-clients/${clientId}/secret`, headers: { cookie } });
    expect(rotated.statusCode).toBe(200);
    await expect(oidc.clientCredentialsGrant(config, { scope: 'api:cases.read' })).rejects.toMatchObject({ error: 'invalid_client' });

    expect((await t.app.inject({ method: 'POST', url: `/api/admin/oidc-clients/${clientId}/disable`, headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', headers: bearer })).statusCode).toBe(401);
    await expect(oidc.clientCredentialsGrant(await discover(clientId, rotated.json().clientSecret), { scope: 'api:cases.read' })).rejects.toMatchObject({
      error: 'invalid_client',
    });
  });
});

describe('signing keys', () => {
  it('a rotation signs new tokens with the new key; tokens signed before still verify against the JWKS', async () => {
    const browser = new Browser();
    await browser.login('scjg.clerk');
    const before = await codeFlow(browser, await discover(), 'openid profile');
    const oldToken = (await before.finish((await browser.follow(before.url)).left)).id_token!;
    const oldKid = jwtParts(oldToken).header.kid;

    const { kid, retired } = await rotateKeys(t.ctx);
    expect(retired).toContain(oldKid);

    const after = await codeFlow(browser, await discover(), 'openid profile');
    const newToken = (await after.finish((await browser.follow(after.url)).left)).id_token!;
    expect(jwtParts(newToken).header.kid).toBe(kid);
    expect(await verifiesAgainstJwks(newToken)).toBe(true);
    expect(await verifiesAgainstJwks(oldToken)).toBe(true);
  });
});
