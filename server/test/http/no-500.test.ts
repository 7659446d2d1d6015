import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../harness.ts';
import { completeUscc } from '../../src/platform/validators.ts';

interface Operation {
  parameters?: { name: string; in: string }[];
}
type Paths = Record<string, Record<string, Operation>>;

let t: TestApp;
let adminCookie: string;
let postRoutes: string[];
let writeRoutes: [string, 'POST' | 'PATCH' | 'PUT'][];
let getRoutes: [string, Operation][];

beforeAll(async () => {
  t = await createTestApp();
  adminCookie = await t.login('admin');
  const doc = t.app.swagger() as { paths: Paths };
  postRoutes = Object.entries(doc.paths)
    .filter(([, ops]) => 'post' in ops || 'patch' in ops)
    .map(([path]) => path);
  writeRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    (['post', 'patch', 'put'] as const)
      .filter((m) => m in ops)
      .map((m) => [path, m.toUpperCase() as 'POST' | 'PATCH' | 'PUT'] as [string, 'POST' | 'PATCH' | 'PUT']),
  );
  getRoutes = Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([path, ops]) => [path, ops.get!]);
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
      fc.dictionary(
        fc.constantFrom('name', 'code', 'username', 'password', 'uscc', 'regionCode', 'date', 'kind', 'departmentId', 'roles', 'page', 'version', 'idNumber'),
        fc.jsonValue(),
      ),
    );
    for (const path of postRoutes) {
      const doc = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths[path]!;
      const methods = (['post', 'patch'] as const).filter((m) => m in doc);
      for (const method of methods) {
        await fc.assert(
          fc.asyncProperty(bodies, async (body) => {
            const res = await t.app.inject({
              method: method.toUpperCase() as 'POST',
              url: fill(path),
              headers: { cookie: adminCookie, 'content-type': 'application/json' },
              payload: JSON.stringify(body),
            });
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
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/regions',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.invalid');
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/admin/regions',
      headers: { cookie: adminCookie, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/admin/regions',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('unknown API paths are 404 problems', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('resource.not_found');
  });
});

/**
 * Strings no route can store: a NUL character (PostgreSQL text cannot hold it) and lone UTF-16
 * surrogates, alone or inside ordinary text.
 */
const BAD_UNITS = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff'];
const nastyString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '\u0000\u0000'),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...BAD_UNITS), fc.string({ maxLength: 8 })).map(([a, b, c]) => a + b + c),
);
/** As a client would put it in a URL: a NUL is %00; a lone surrogate can only be sent as its (invalid) UTF-8 bytes. */
const urlEncode = (text: string) =>
  Array.from(text)
    .map((ch) =>
      /\p{Cs}/u.test(ch)
        ? Array.from(Buffer.from([0xe0 | (ch.charCodeAt(0) >> 12), 0x80 | ((ch.charCodeAt(0) >> 6) & 0x3f), 0x80 | (ch.charCodeAt(0) & 0x3f)]))
            .map((b) => `%${b.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(ch),
    )
    .join('');
const deep = (n: number, open: string, close: string, leaf: string) => `${open.repeat(n)}${leaf}${close.repeat(n)}`;

describe('a NUL byte, a lone surrogate or absurdly deep JSON is a 400, never a 500', () => {
  it('the anonymous department search with a NUL byte names the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/departments?q=%00' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'q', in: 'querystring', code: 'invalid_characters' }] });
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/admin/regions',
      headers: { cookie: adminCookie },
      payload: { code: '990199', name: 'x\ud800', level: 4, parentCode: '990100' },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([expect.objectContaining({ field: 'name', in: 'body', code: 'invalid_characters' })]);
  });

  it('covers the GET routes of the API, most of them with query parameters', () => {
    expect(getRoutes.length).toBeGreaterThan(40);
    expect(getRoutes.filter(([, op]) => op.parameters?.some((p) => p.in === 'query')).length).toBeGreaterThan(30);
  });

  it('every GET route answers bad text in its query and path parameters with a 4xx problem', async () => {
    for (const [path, op] of getRoutes) {
      const queryNames = [...new Set([...(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), 'q'])];
      for (const cookie of path.startsWith('/api/public/') ? [undefined, adminCookie] : [adminCookie]) {
        await fc.assert(
          fc.asyncProperty(nastyString, fc.boolean(), async (bad, inPath) => {
            const url =
              inPath && path.includes('{')
                ? path.replace(/\{[^}]+\}/g, urlEncode(bad))
                : `${fill(path)}?${queryNames.map((n) => `${n}=${urlEncode(bad)}`).join('&')}`;
            const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
            if (res.statusCode >= 500) throw new Error(`GET ${url} → ${res.statusCode} ${res.body}`);
            if (!path.startsWith('/open311/') && res.statusCode >= 400)
              expect(res.headers['content-type'], `GET ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain('application/problem+json');
          }),
          { numRuns: 4 },
        );
      }
    }
  }, 300_000);

  it('every POST/PATCH/PUT route answers bad text anywhere in its JSON body with a 4xx problem', async () => {
    const nastyJson = fc.oneof(
      nastyString,
      fc.array(nastyString, { minLength: 1, maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), nastyString, { minKeys: 1, maxKeys: 3 }),
    );
    const bodies = fc.oneof(
      fc.dictionary(
        fc.constantFrom('name', 'code', 'q', 'title', 'content', 'address', 'phone', 'username', 'reason', 'data', 'note', 'description'),
        nastyJson,
        { minKeys: 1 },
      ),
      fc.dictionary(nastyString, fc.string(), { minKeys: 1, maxKeys: 2 }),
    );
    for (const [path, method] of writeRoutes) {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const res = await t.app.inject({
            method,
            url: fill(path),
            headers: { cookie: adminCookie, 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          if (res.statusCode >= 500) throw new Error(`${method} ${path} → ${res.statusCode} ${res.body} for ${JSON.stringify(body)}`);
          expect(res.statusCode, `${method} ${path}`).toBe(path.startsWith('/open311/') ? res.statusCode : 400);
        }),
        { numRuns: 4 },
      );
    }
  }, 300_000);

  it('JSON nested 10,000 deep is a 400 on every write route', async () => {
    const documents = [deep(10_000, '[', ']', '1'), deep(10_000, '{"a":', '}', '1'), `{"name":${deep(10_000, '[', ']', '"x"')}}`];
    for (const [path, method] of writeRoutes) {
      for (const payload of documents) {
        const res = await t.app.inject({ method, url: fill(path), headers: { cookie: adminCookie, 'content-type': 'application/json' }, payload });
        if (res.statusCode >= 500) throw new Error(`${method} ${path} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        expect(res.statusCode, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
    // Deeper than any JSON parser's stack: still a 400.
    const abyss = await t.app.inject({
      method: 'POST',
      url: '/api/admin/regions',
      headers: { cookie: adminCookie, 'content-type': 'application/json' },
      payload: deep(500_000, '[', ']', '1'),
    });
    expect(abyss.statusCode).toBe(400);
    expect(abyss.json().code).toBe('request.invalid');
  }, 300_000);
});

describe('an imported file with a NUL character is reported, not a 500', () => {
  it('the inspection entity import names the row and the field', async () => {
    const cookie = await t.login('scjg.inspection');
    const header = '统一社会信用代码,名称,类型,行业,区划代码,地址,风险等级,信用等级\n';
    const row = (i: number, address: string) =>
      `${completeUscc(`91990103MA8${String(i).padStart(6, '0')}`)},示范市导入${i}有限公司,有限责任公司,餐饮,990103,${address},high,C\n`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/workbench/inspection/entities/import',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: header + row(1, '东岭路1号') + row(2, '东岭路\u00002号'),
    });
    expect(res.statusCode).toBe(422);
    // (A lone surrogate cannot travel in a UTF-8 file: its bytes decode to U+FFFD.)
    expect(res.json().badRows).toEqual([{ row: 3, field: 'address', code: 'invalid_characters' }]);
  });
});
