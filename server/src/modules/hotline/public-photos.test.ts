// Photos with an anonymous 12345 portal request: uploaded without signing in, named by a key only the uploader holds, a quota per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { findFile } from '../../platform/files/index.ts';
import { PUBLIC_PHOTO_QUOTA } from './photos.ts';
import { hotlineTicketEvents } from './tables.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const upload = (ip: string, body: Buffer | string = PNG) =>
  t.app.inject({ method: 'POST', url: '/api/public/hotline/photos?name=lamp.png', headers: { 'content-type': 'image/png' }, payload: body, remoteAddress: ip });
const request = (ip: string, extra: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/hotline/tickets',
    remoteAddress: ip,
    payload: { callerPhone: '13600000077', kind: 'help', text: '路灯坏了三天，晚上很黑', address: '示范市明湖区湖滨路 12 号', ...extra },
  });

describe('anonymous photos on a portal request', () => {
  it('a caller who is not signed in uploads a photo and sends it with the request by its key', async () => {
    const up = await upload('198.51.100.21');
    expect(up.statusCode, up.body).toBe(201);
    const { id, key } = up.json() as { id: string; key: string };
    expect(key.length).toBeGreaterThanOrEqual(20);
    expect((await findFile(t.database.db, id))?.ownerId).not.toContain(key); // only the digest is stored
    const created = await request('198.51.100.21', { photoKeys: [key] });
    expect(created.statusCode, created.body).toBe(201);
    expect(await findFile(t.database.db, id)).toMatchObject({ ownerKind: 'hotline_ticket', ownerId: created.json().id });
    const [intake] = await t.database.db.select().from(hotlineTicketEvents).where(eq(hotlineTicketEvents.ticketId, created.json().id));
    expect(intake!.photos).toEqual([id]);
    // A key is used once: sending it again is a 400, and nothing is written.
    const again = await request('198.51.100.21', { photoKeys: [key] });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([{ field: 'photoKeys.0', code: 'not_found', message: expect.any(String) }]);
  });

  it('the file id alone does not attach an anonymous upload, nor does a made-up key', async () => {
    const { id } = (await upload('198.51.100.22')).json() as { id: string };
    expect((await request('198.51.100.22', { photos: [id] })).statusCode).toBe(400);
    expect((await request('198.51.100.22', { photoKeys: ['x'.repeat(32)] })).statusCode).toBe(400);
    expect((await request('198.51.100.22', { photoKeys: ['a', 'b', 'c', 'd'].map((c) => c.repeat(32)) })).statusCode).toBe(400); // at most 3
  });

  it('refuses what is not a JPEG or PNG, and counts a daily quota per address', async () => {
    const notPhoto = await upload('198.51.100.23', Buffer.from('%PDF-1.4 not a photo'));
    expect(notPhoto.statusCode).toBe(415);
    // The quota is counted in the database: fill it for one address directly, the next upload is refused.
    const { rateWindows } = await import('../../platform/http/tables.ts');
    const now = new Date();
    await t.database.db.insert(rateWindows).values({
      bucket: 'hotline.public_photo.files',
      key: '198.51.100.24',
      count: PUBLIC_PHOTO_QUOTA.files,
      windowStart: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
    const refused = await upload('198.51.100.24');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'files.daily_quota', errors: [{ field: 'file', code: 'daily_files' }] });
    expect((await upload('198.51.100.25')).statusCode).toBe(201); // another address is not affected
  });

  it('a signed-in caller gets a plain upload (id, no key), as with POST /api/hotline/photos', async () => {
    const cookie = await t.login('citizen1');
    const res = await t.app.inject({ method: 'POST', url: '/api/public/hotline/photos', headers: { cookie, 'content-type': 'image/png' }, payload: PNG });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().key).toBeUndefined();
    expect(await findFile(t.database.db, res.json().id)).toMatchObject({ ownerKind: 'hotline_upload' });
  });
});
