import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact } from '../context.ts';
import { auditEvents } from '../audit/tables.ts';
import { AppError } from '../errors.ts';
import { deleteStoredFile, detectContentType, fileStoreFor, filesOf, findFile, LocalDiskFileStore, readStoredFile, storeFile, zipEntryNames } from './index.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A minimal ZIP (stored entries, CRC left 0: the detector reads only the central directory). */
export function buildZip(entries: { name: string; data: string }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = Buffer.from(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, eocd]);
}

export const samples = {
  pdf: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR....')]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF....')]),
  ofd: buildZip([
    { name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>' },
    { name: 'Doc_0/Document.xml', data: '<ofd:Document/>' },
  ]),
};

describe('content type by magic bytes', () => {
  it('recognizes PDF, JPEG, PNG and OFD, whatever the name', () => {
    expect(detectContentType(samples.pdf)).toBe('application/pdf');
    expect(detectContentType(samples.png)).toBe('image/png');
    expect(detectContentType(samples.jpeg)).toBe('image/jpeg');
    expect(detectContentType(samples.ofd)).toBe('application/ofd');
  });

  it('a ZIP without OFD.xml (e.g. a .docx renamed .ofd) is not OFD; text and executables are nothing', () => {
    const docx = buildZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w/>' },
    ]);
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(detectContentType(docx)).toBeUndefined();
    expect(detectContentType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(detectContentType(Buffer.from('hello.pdf'))).toBeUndefined();
    expect(detectContentType(Buffer.alloc(0))).toBeUndefined();
    expect(zipEntryNames(Buffer.from('PK\x03\x04 truncated'))).toBeUndefined();
  });
});

describe('local-disk store', () => {
  it('puts, gets (stream), reads, deletes; refuses keys that climb out of the root', async () => {
    const store = new LocalDiskFileStore(mkdtempSync(path.join(tmpdir(), 'yiwang-store-')));
    await store.put('2026/11/a.pdf', samples.pdf);
    const listed: string[] = [];
    for await (const o of store.list()) listed.push(o.key);
    expect(listed).toEqual(['2026/11/a.pdf']);
    expect(await store.exists('2026/11/a.pdf')).toBe(true);
    const chunks: Buffer[] = [];
    for await (const c of await store.get('2026/11/a.pdf')) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(samples.pdf)).toBe(true);
    expect((await store.read('2026/11/a.pdf')).equals(samples.pdf)).toBe(true);
    await store.delete('2026/11/a.pdf');
    expect(await store.exists('2026/11/a.pdf')).toBe(false);
    await expect(store.read('2026/11/a.pdf')).rejects.toThrow(/not found/);
    await expect(store.put('../escape', samples.pdf)).rejects.toThrow(/invalid file key/);
    await expect(store.put('/abs', samples.pdf)).rejects.toThrow(/invalid file key/);
  });
});

describe('stored files (database metadata)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.close());

  it('stores the bytes and a row with size, type, SHA-256 and SM3, and an audit event', async () => {
    const ctx = await env.as('citizen1');
    const row = await transact(ctx, (t) => storeFile(t, { data: samples.ofd, ownerKind: 'test', ownerId: 'o1', originalName: 'licence.pdf' }));
    expect(row).toMatchObject({ contentType: 'application/ofd', size: samples.ofd.length, ownerKind: 'test', ownerId: 'o1', originalName: 'licence.pdf' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(row.storageKey).toMatch(/\.ofd$/);
    expect((await readStoredFile(ctx, row)).equals(samples.ofd)).toBe(true);
    expect((await filesOf(env.database.db, 'test', 'o1')).map((f) => f.id)).toEqual([row.id]);
    const events = await env.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, row.id));
    expect(events.map((e) => e.action)).toEqual(['file.store']);
  });

  it('refuses a type not allowed, an empty file and a file over the limit, and writes nothing', async () => {
    const ctx = await env.as('citizen1');
    const attempt = (data: Buffer, opts: { maxBytes?: number; allowedTypes?: ('image/png' | 'application/pdf')[] } = {}) =>
      transact(ctx, (t) => storeFile(t, { data, ownerKind: 'test', ownerId: 'o2', ...opts })).then(
        () => 'stored',
        (e: AppError) => `${e.code}:${e.fields[0]?.code}`,
      );
    expect(await attempt(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('request.unsupported_media_type:file_type');
    expect(await attempt(samples.jpeg, { allowedTypes: ['application/pdf'] })).toBe('request.unsupported_media_type:file_type');
    expect(await attempt(Buffer.alloc(0))).toBe('request.invalid:empty');
    expect(await attempt(samples.pdf, { maxBytes: 10 })).toBe('request.too_large:too_big');
    expect(await filesOf(env.database.db, 'test', 'o2')).toEqual([]);
  });

  it('a file changed on disk no longer reads; delete removes row and bytes', async () => {
    const ctx = await env.as('citizen1');
    const row = await transact(ctx, (t) => storeFile(t, { data: samples.png, ownerKind: 'test', ownerId: 'o3' }));
    const store = fileStoreFor(ctx.config) as LocalDiskFileStore;
    writeFileSync(path.join(store.root, row.storageKey), Buffer.concat([samples.png, Buffer.from('x')]));
    await expect(readStoredFile(ctx, row)).rejects.toThrow();
    expect(await transact(ctx, (t) => deleteStoredFile(t, row.id))).toBe(true);
    expect(await findFile(env.database.db, row.id)).toBeUndefined();
    expect(await store.exists(row.storageKey)).toBe(false);
  });
});
