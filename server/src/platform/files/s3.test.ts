import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact } from '../context.ts';
import {
  FileNotFoundError,
  MemoryFileStore,
  S3Error,
  S3FileStore,
  parseAuthorization,
  signRequest,
  storeFile,
  sweepOrphanFiles,
  useFileStore,
  findFile,
} from './index.ts';
import { storedFiles } from './tables.ts';
import { eq } from 'drizzle-orm';

// AWS SigV4 test suite (aws-sig-v4-test-suite), credentials and date shared by every vector.
const suite = {
  region: 'us-east-1',
  service: 'service',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  date: new Date('2015-08-30T12:36:00Z'),
};

describe('AWS Signature V4 (published test-suite vectors)', () => {
  it('get-vanilla', () => {
    const s = signRequest({ ...suite, method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: { Host: 'example.amazonaws.com' } });
    expect(s.canonicalRequest).toBe(
      'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(s.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('get-vanilla-query-order-key-case (query sorted)', () => {
    const s = signRequest({ ...suite, method: 'GET', url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1') });
    expect(s.signature).toBe('b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
  });

  it('post-x-www-form-urlencoded', () => {
    const s = signRequest({
      ...suite,
      method: 'POST',
      url: new URL('https://example.amazonaws.com/'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Param1=value1',
    });
    expect(s.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    );
    expect(s.stringToSign.split('\n')[3]).toBe('42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281');
    expect(s.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });
});

/** A tiny S3 look-alike: checks every request's SigV4 Authorization against the secret, keeps objects in memory. */
function fakeS3(secret: string) {
  const objects = new Map<string, Buffer>();
  const seen: { method: string; path: string; status: number }[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const reply = (status: number, data?: Buffer | string) => {
      seen.push({ method: req.method!, path: req.url!, status });
      res.writeHead(status).end(data);
    };
    const auth = parseAuthorization(String(req.headers.authorization ?? ''));
    const hash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!auth || hash !== createHash('sha256').update(body).digest('hex')) return reply(400, 'bad request');
    const [day, region, service] = auth.scope.split('/');
    const headers = Object.fromEntries(auth.signedHeaders.filter((h) => h !== 'x-amz-date').map((h) => [h, String(req.headers[h])]));
    const t = String(req.headers['x-amz-date']);
    const date = new Date(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`);
    const expected = signRequest({
      method: req.method!,
      url: new URL(req.url!, `http://${req.headers.host}`),
      headers,
      payloadHash: hash,
      region: region!,
      service: service!,
      accessKeyId: auth.accessKeyId,
      secretAccessKey: secret,
      date,
    });
    if (expected.signature !== auth.signature || day !== t.slice(0, 8)) return reply(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>');
    const key = req.url!;
    if (req.method === 'PUT') {
      objects.set(key, body);
      return reply(200);
    }
    const found = objects.get(key);
    if (req.method === 'DELETE') {
      objects.delete(key);
      return reply(204);
    }
    if (!found) return reply(404, req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code></Error>');
    return reply(200, req.method === 'HEAD' ? undefined : found);
  });
  return { server, objects, seen };
}

describe('S3FileStore against a local server that checks the signature', () => {
  const secret = 'local-secret-key';
  const fake = fakeS3(secret);
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => fake.server.close(() => r())));
  const store = (over: Partial<ConstructorParameters<typeof S3FileStore>[0]> = {}) =>
    new S3FileStore({ endpoint, bucket: 'yiwang', region: 'cn-demo-1', accessKeyId: 'AK', secretAccessKey: secret, forcePathStyle: true, ...over });

  it('puts, heads, gets and deletes objects (path-style), every request signed', async () => {
    const s3 = store({ prefix: 'files/' });
    const data = Buffer.from('%PDF-1.7 hello');
    await s3.put('2026/11/a.pdf', data);
    expect([...fake.objects.keys()]).toEqual(['/yiwang/files/2026/11/a.pdf']);
    expect(await s3.exists('2026/11/a.pdf')).toBe(true);
    expect((await s3.read('2026/11/a.pdf')).equals(data)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of await s3.get('2026/11/a.pdf')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    await s3.delete('2026/11/a.pdf');
    expect(await s3.exists('2026/11/a.pdf')).toBe(false);
    await expect(s3.read('2026/11/a.pdf')).rejects.toBeInstanceOf(FileNotFoundError);
    await s3.delete('2026/11/a.pdf');
    expect(fake.seen.every((r) => r.status !== 403 && r.status !== 400)).toBe(true);
    expect(fake.seen.map((r) => r.method)).toEqual(['PUT', 'HEAD', 'GET', 'GET', 'DELETE', 'HEAD', 'GET', 'DELETE']);
  });

  it('a wrong secret is refused by the server and surfaces as an S3Error; bad keys never leave the process', async () => {
    const wrong = store({ secretAccessKey: 'not-the-secret' });
    const err = await wrong.put('k.pdf', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).status).toBe(403);
    await expect(store().put('../escape', Buffer.from('x'))).rejects.toThrow(/invalid file key/);
  });

  it('virtual-host style puts the bucket in the host name, and the signature covers it', () => {
    const s3 = new S3FileStore({
      endpoint: 'https://obs.cn-north-4.example.com',
      bucket: 'city-files',
      region: 'cn-north-4',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
    });
    expect(s3.urlOf('2026/11/a.pdf').href).toBe('https://city-files.obs.cn-north-4.example.com/2026/11/a.pdf');
    expect(store().urlOf('2026/11/a.pdf').href).toBe(`${endpoint}/yiwang/2026/11/a.pdf`);
    const signed = signRequest({
      method: 'GET',
      url: s3.urlOf('a.pdf'),
      region: 'cn-north-4',
      service: 's3',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      date: new Date('2026-11-25T00:00:00Z'),
    });
    expect(signed.canonicalRequest).toContain('host:city-files.obs.cn-north-4.example.com');
  });
});

describe('orphan sweeper', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('removes uploads never attached after a week and bytes without a row after a day; keeps the rest', async () => {
    const mem = new MemoryFileStore();
    useFileStore(env.ctx.config, mem);
    const ctx = await env.as('citizen1');
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
    const old = await transact(ctx, (t) => storeFile(t, { data: pdf, ownerKind: 'upload', ownerId: 'acc-1' }));
    const fresh = await transact(ctx, (t) => storeFile(t, { data: pdf, ownerKind: 'upload', ownerId: 'acc-1' }));
    const attached = await transact(ctx, (t) => storeFile(t, { data: pdf, ownerKind: 'case', ownerId: 'CASE-1' }));
    await env.database.db
      .update(storedFiles)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(storedFiles.id, old.id));
    await env.database.db
      .update(storedFiles)
      .set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
      .where(eq(storedFiles.id, attached.id));
    await mem.put('2026/01/orphan.pdf', pdf);
    mem.touch('2026/01/orphan.pdf', new Date(Date.now() - 2 * 86_400_000));
    await mem.put('2026/01/just-written.pdf', pdf);
    for (const f of [old, fresh, attached]) mem.touch(f.storageKey, new Date(Date.now() - 40 * 86_400_000));

    expect(await sweepOrphanFiles(env.ctx)).toEqual({ uploads: 1, bytes: 1 });
    expect(await findFile(env.database.db, old.id)).toBeUndefined();
    expect(await mem.exists(old.storageKey)).toBe(false);
    expect(await mem.exists('2026/01/orphan.pdf')).toBe(false);
    expect(await mem.exists('2026/01/just-written.pdf')).toBe(true);
    for (const f of [fresh, attached]) {
      expect(await findFile(env.database.db, f.id)).toBeDefined();
      expect(await mem.exists(f.storageKey)).toBe(true);
    }
  });
});
