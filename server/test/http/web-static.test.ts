import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness.ts';

const dist = path.resolve(import.meta.dirname, '../../../web/dist');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the web app is served by the same server', () => {
  it('has a built web app (npm install builds it)', () => {
    expect(existsSync(path.join(dist, 'index.html'))).toBe(true);
  });

  it('serves index.html at / and for client routes, never cached', async () => {
    for (const url of ['/', '/workbench', '/admin/staff', '/me']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets compressed and cached for a year', async () => {
    const asset = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const br = await t.app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(['br', 'gzip']).toContain(br.headers['content-encoding']);
  });

  it('answers unknown API paths with a problem, not the web app', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/unknown', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('problem+json');
  });
});

describe('a missing asset', () => {
  it('is a 404, not the web app, so a stale page can tell it needs a reload', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-doesnotexist.js' });
    expect(res.statusCode).toBe(404);
  });
});
