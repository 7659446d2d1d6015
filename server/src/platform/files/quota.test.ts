import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../audit/tables.ts';
import { storedFiles } from './index.ts';
import { rateWindows } from '../http/tables.ts';

/** A 1×1 PNG and a tiny PDF. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const pdf = (kib: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(kib * 1024, 0x20), Buffer.from('\n%%EOF\n')]);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ UPLOAD_DAILY_FILES: 5, UPLOAD_DAILY_MB: 1, UPLOAD_UNATTACHED_MAX: 3 });
});
afterAll(() => t.close());

const uploadMaterial = (cookie: string, data: Buffer, lang = 'en') =>
  t.app.inject({
    method: 'POST',
    url: '/api/cases/uploads?name=a.pdf',
    headers: { cookie, 'content-type': 'application/octet-stream', 'accept-language': lang },
    payload: data,
  });
const uploadPhoto = (cookie: string, lang = 'en') =>
  t.app.inject({
    method: 'POST',
    url: '/api/hotline/photos?name=p.png',
    headers: { cookie, 'content-type': 'image/png', 'accept-language': lang },
    payload: PNG,
  });

describe('upload quotas per account', () => {
  it('limits files waiting to be attached (case materials and hotline photos together), with a clear problem', async () => {
    const cookie = await t.login('citizen1');
    expect((await uploadMaterial(cookie, pdf(1))).statusCode).toBe(201);
    expect((await uploadPhoto(cookie)).statusCode).toBe(201);
    expect((await uploadMaterial(cookie, pdf(1))).statusCode).toBe(201);
    const refused = await uploadPhoto(cookie);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'files.unattached_limit', maxUnattached: 3, errors: [{ field: 'file', code: 'unattached_files' }] });
    expect((await uploadMaterial(cookie, pdf(1), 'zh-CN')).json().title).toContain('尚未提交');
    // Nothing was stored for the refused ones.
    const account = (await t.as('citizen1')).actor.id!;
    const waiting = await t.database.db
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.ownerId, account), inArray(storedFiles.ownerKind, ['upload', 'hotline_upload'])));
    expect(waiting).toHaveLength(3);
    // Another account is not affected.
    expect((await uploadPhoto(await t.login('citizen2'))).statusCode).toBe(201);
  });

  it('limits the number of uploads per 24 hours, even when they are attached meanwhile; Retry-After says when', async () => {
    const cookie = await t.login('citizen3');
    const account = (await t.as('citizen3')).actor.id!;
    for (let i = 0; i < 5; i++) {
      expect((await uploadPhoto(cookie)).statusCode).toBe(201);
      // Attached (here: moved to a ticket) straight away, so the unattached limit is never reached.
      await t.database.db
        .update(storedFiles)
        .set({ ownerKind: 'hotline_ticket', ownerId: 'some-ticket' })
        .where(and(eq(storedFiles.ownerId, account), eq(storedFiles.ownerKind, 'hotline_upload')));
    }
    const refused = await uploadPhoto(cookie);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'files.daily_quota', errors: [{ field: 'file', code: 'daily_files' }] });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000);
    // A new window opens when the day has passed.
    await t.database.db
      .update(rateWindows)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(rateWindows.key, account));
    expect((await uploadPhoto(cookie)).statusCode).toBe(201);
  });

  it('limits the megabytes per 24 hours; a refused or invalid upload does not count', async () => {
    const cookie = await t.login('enterprise1');
    expect((await uploadMaterial(cookie, pdf(600))).statusCode).toBe(201);
    // Not a PDF/PNG/JPEG/OFD: refused for its type, and its size is not counted.
    expect((await uploadMaterial(cookie, Buffer.alloc(300 * 1024, 0x41))).statusCode).toBe(415);
    const tooMuch = await uploadMaterial(cookie, pdf(500));
    expect(tooMuch.statusCode).toBe(429);
    expect(tooMuch.json()).toMatchObject({ code: 'files.daily_quota', maxMegabytes: 1, errors: [{ field: 'file', code: 'daily_bytes' }] });
    expect((await uploadMaterial(cookie, pdf(300))).statusCode).toBe(201);
  });

  it('every stored upload is audited with its uploader', async () => {
    const cookie = await t.login('enterprise2');
    const material = (await uploadMaterial(cookie, pdf(1))).json().id as string;
    const photo = (await uploadPhoto(cookie)).json().id as string;
    const account = (await t.as('enterprise2')).actor.id!;
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'file.store'), inArray(auditEvents.objectId, [material, photo])));
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.actorId).toBe(account);
  });
});
