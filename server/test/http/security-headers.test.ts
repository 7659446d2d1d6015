import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness.ts';

const dist = path.resolve(import.meta.dirname, '../../../web/dist');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: { addresses: ['10.0.0.5'] } });
});
afterAll(() => t.close());

const get = (url: string, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) => t.app.inject({ method: 'GET', url, ...extra });
const csp = (res: { headers: Record<string, unknown> }) =>
  Object.fromEntries(
    String(res.headers['content-security-policy'] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  ) as Record<string, string[]>;

describe('security headers on every response', () => {
  it('API answers, problems, the web app, its assets, Swagger UI and malformed URLs all carry them', async () => {
    const asset = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const responses = {
      api: await get('/api/public/departments'),
      problem: await get('/api/nope'),
      invalid: await get('/api/public/departments?q=%00'),
      page: await get('/', { headers: { accept: 'text/html' } }),
      clientRoute: await get('/workbench', { headers: { accept: 'text/html' } }),
      asset: await get(`/assets/${asset}`),
      docs: await get('/api/docs'),
      health: await get('/healthz'),
      badUrl: await get('/api/admin/service-centers/%ED%B0%80'),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect(res.statusCode, name).toBeLessThan(500);
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['x-frame-options'], name).toBe('DENY');
      expect(res.headers['referrer-policy'], name).toBe('strict-origin-when-cross-origin');
      const policy = csp(res);
      expect(policy['frame-ancestors'], name).toEqual(["'none'"]);
      expect(policy['script-src'], name).toEqual(["'self'"]);
      expect(policy['object-src'], name).toEqual(["'none'"]);
      expect(policy['default-src'], name).toEqual(["'self'"]);
      // Plain http (a test install): no HSTS, no upgrade of every request to https.
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
      expect(policy['upgrade-insecure-requests'], name).toBeUndefined();
    }
    expect(responses.badUrl.statusCode).toBe(400);
  });

  it('the web app needs no inline script, so the CSP allows none', async () => {
    const html = (await get('/', { headers: { accept: 'text/html' } })).body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toBe(html);
  });

  it('Swagger UI loads only its own files, which the same policy admits', async () => {
    const page = await get('/api/docs/');
    const html = page.statusCode === 200 ? page.body : (await get(String(page.headers.location ?? '/api/docs/static/index.html'))).body;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="/);
      expect(body!.trim()).toBe('');
    }
    const init = await get('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.headers['content-security-policy']).toBeDefined();
  });

  it('HSTS only over TLS, as a trusted proxy reports it; an untrusted peer cannot ask for it', async () => {
    const https = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    const viaProxy = await get('/api/public/departments', { remoteAddress: '10.0.0.5', headers: https });
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=15552000');
    const spoofed = await get('/api/public/departments', { remoteAddress: '192.0.2.66', headers: https });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});
