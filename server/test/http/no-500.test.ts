import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
let adminCookie: string;
let postRoutes: string[];

beforeAll(async () => {
  t = await createTestApp();
  adminCookie = await t.login('admin');
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  postRoutes = Object.entries(doc.paths)
    .filter(([, ops]) => 'post' in ops || 'patch' in ops)
    .map(([path]) => path);
});
afterAll(() => t.close());

const uuid = '01890000-0000-7000-8000-000000000000';
const fill = (path: string) => path.replace(/\{[^}]+\}/g, (m) => (/id/i.test(m) ? uuid : 'X'));

describe('random JSON bodies never produce a 500', () => {
  it('covers the POST and PATCH routes of the API', () => {
    expect(postRoutes.length).toBeGreaterThan(8);
  });

  it('every POST/PATCH route answers random JSON with a 2xx or a 4xx problem', async () => {
    const bodies = fc.oneof(
      fc.json().map((s) => JSON.parse(s) as unknown),
      fc.dictionary(fc.constantFrom('name', 'code', 'username', 'password', 'uscc', 'regionCode', 'date', 'kind', 'departmentId', 'roles', 'page', 'version', 'idNumber'), fc.jsonValue()),
    );
    for (const path of postRoutes) {
      const doc = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths[path]!;
      const methods = (['post', 'patch'] as const).filter((m) => m in doc);
      for (const method of methods) {
        await fc.assert(
          fc.asyncProperty(bodies, async (body) => {
            const res = await t.app.inject({ method: method.toUpperCase() as 'POST', url: fill(path), headers: { cookie: adminCookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
            if (res.statusCode >= 500) throw new Error(`${method} ${path} → ${res.statusCode} ${res.body} for ${JSON.stringify(body)}`);
            // Open311 answers errors in the GeoReport v2 format its clients expect; everything else is problem+json.
            if (res.statusCode >= 400 && !path.startsWith('/open311/')) expect(res.headers['content-type']).toContain('application/problem+json');
          }),
          { numRuns: 15 },
        );
      }
    }
  }, 240_000);

  it('malformed JSON and wrong content types are 4xx problems', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: { cookie: adminCookie, 'content-type': 'application/json' }, payload: '{"code": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.invalid');
    const xml = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: { cookie: adminCookie, 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const huge = await t.app.inject({ method: 'POST', url: '/api/admin/regions', headers: { cookie: adminCookie, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(huge.statusCode).toBe(413);
  });

  it('unknown API paths are 404 problems', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('resource.not_found');
  });
});
