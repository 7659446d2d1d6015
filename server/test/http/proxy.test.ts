import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { ConfigError, loadConfig, parseTrustProxy, type TrustProxy } from '../../src/platform/config/index.ts';
import { modules } from '../../src/modules/index.ts';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../harness.ts';

describe('TRUST_PROXY', () => {
  it('takes proxy addresses, networks or a hop count, and refuses "trust anyone"', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('1')).toEqual({ hops: 1 });
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback')).toEqual({ addresses: ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback'] });
    for (const bad of ['true', '*', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '11', '10.0.0.1/8/2'])
      expect(typeof parseTrustProxy(bad), bad).toBe('string');
    expect(() => loadConfig({ TRUST_PROXY: 'true', DATA_DIR: '/nonexistent-yiwang', SESSION_SECRET: 'x'.repeat(32), DATA_KEY: '0'.repeat(64) })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'true', DATA_DIR: '/nonexistent-yiwang', SESSION_SECRET: 'x'.repeat(32), DATA_KEY: '0'.repeat(64) })).toThrow(
      /TRUST_PROXY/,
    );
  });
});

describe('the client address and protocol come from X-Forwarded-* only through a trusted proxy', () => {
  let env: TestEnv;
  const apps: Record<string, FastifyInstance> = {};
  const settings: Record<string, TrustProxy> = { none: false, list: { addresses: ['10.0.0.5', '10.9.0.0/16'] }, hop: { hops: 1 } };

  beforeAll(async () => {
    env = await createTestEnv();
    for (const [name, trust] of Object.entries(settings)) {
      const app = await buildApp({
        config: { ...env.config, TRUST_PROXY: trust, RATE_LIMITS: 'off' },
        database: env.database,
        calendar: env.calendar,
        log: env.log,
        modules,
      });
      app.get('/test/peer', async (request) => ({ ip: request.ip, protocol: request.protocol }));
      await app.ready();
      apps[name] = app;
    }
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
    await env.close();
  });

  const forwarded = { 'x-forwarded-for': '203.0.113.7, 198.51.100.9', 'x-forwarded-proto': 'https' };
  const peer = (app: string, remoteAddress: string) =>
    apps[app]!.inject({ method: 'GET', url: '/test/peer', remoteAddress, headers: forwarded }).then((r) => r.json());
  const login = (app: string, remoteAddress: string, headers: Record<string, string> = forwarded) =>
    apps[app]!.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers, payload: { username: 'citizen1', password: TEST_PASSWORD } });
  const sessionCookie = (res: { headers: Record<string, unknown> }) =>
    String(([] as unknown[]).concat(res.headers['set-cookie'] ?? []).find((c) => /^yiwang_session=|session/i.test(String(c))) ?? '');

  it("without TRUST_PROXY the headers are ignored: the peer is the client, the protocol is the socket's", async () => {
    expect(await peer('none', '10.0.0.5')).toEqual({ ip: '10.0.0.5', protocol: 'http' });
  });

  it('a listed proxy is believed for the next hop only; anyone else is not believed at all', async () => {
    expect(await peer('list', '10.0.0.5')).toEqual({ ip: '198.51.100.9', protocol: 'https' });
    expect(await peer('list', '10.9.3.4')).toEqual({ ip: '198.51.100.9', protocol: 'https' });
    // A client that talks to the server directly cannot choose its address or claim https.
    expect(await peer('list', '192.0.2.66')).toEqual({ ip: '192.0.2.66', protocol: 'http' });
  });

  it('a hop count believes exactly that many proxies', async () => {
    expect(await peer('hop', '10.0.0.5')).toEqual({ ip: '198.51.100.9', protocol: 'https' });
  });

  it('the session cookie is Secure when the request came over https through a trusted proxy, and only then', async () => {
    const viaProxy = await login('list', '10.0.0.5');
    expect(viaProxy.statusCode).toBe(200);
    expect(sessionCookie(viaProxy)).toMatch(/;\s*Secure/i);
    expect(sessionCookie(viaProxy)).toMatch(/;\s*HttpOnly/i);
    const spoofed = await login('list', '192.0.2.66');
    expect(spoofed.statusCode).toBe(200);
    expect(sessionCookie(spoofed)).not.toMatch(/;\s*Secure/i);
    const plain = await login('none', '10.0.0.5');
    expect(sessionCookie(plain)).not.toMatch(/;\s*Secure/i);
    const plainViaProxy = await login('list', '10.0.0.5', { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'http' });
    expect(sessionCookie(plainViaProxy)).not.toMatch(/;\s*Secure/i);
  });
});
