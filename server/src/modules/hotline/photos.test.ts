import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { findFile, storedFiles, sweepOrphanFiles } from '../../platform/files/index.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('hotline photo uploads', () => {
  it('a body that is no file is a 415 naming the photo types', async () => {
    const cookie = await t.login('citizen1');
    const res = await t.app.inject({ method: 'POST', url: '/api/hotline/photos', headers: { cookie }, payload: { photo: 'x' } });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().accepted).toEqual(['image/jpeg', 'image/png']);
  });

  it('a photo never sent with a request is swept after a week; one sent stays with its ticket', async () => {
    const cookie = await t.login('citizen1');
    const upload = async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/hotline/photos?name=p.png', headers: { cookie, 'content-type': 'image/png' }, payload: PNG });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const forgotten = await upload();
    const recent = await upload();
    const sent = await upload();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/hotline/tickets',
      headers: { cookie },
      payload: { kind: 'report', text: '路灯不亮已经三天了，晚上出行很不方便', address: '示范市明湖区湖滨街道湖滨路 8 号', photos: [sent] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const weekAgo = new Date(Date.now() - 8 * 86_400_000);
    for (const id of [forgotten, sent]) await t.database.db.update(storedFiles).set({ createdAt: weekAgo }).where(eq(storedFiles.id, id));

    const swept = await sweepOrphanFiles(t.ctx);
    expect(swept.uploads).toBeGreaterThanOrEqual(1);
    expect(await findFile(t.database.db, forgotten)).toBeUndefined();
    expect(await findFile(t.database.db, recent)).toMatchObject({ ownerKind: 'hotline_upload' });
    expect(await findFile(t.database.db, sent)).toMatchObject({ ownerKind: 'hotline_ticket' });
  });
});
