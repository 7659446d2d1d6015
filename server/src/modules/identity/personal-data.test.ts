import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoIdNumber } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('personal data', () => {
  it('stores ID numbers sealed: no clear ID number anywhere in the persons table', async () => {
    const rows = (await t.database.db.execute(sql`select * from persons`)) as unknown as { rows: Record<string, unknown>[] };
    const dump = JSON.stringify(rows.rows);
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain(demoIdNumber(0));
    expect(dump).not.toContain('13800001111');
  });

  it('reveals a full ID number only to a permitted role, with a reason, and audits the reading', async () => {
    const citizen = await t.login('citizen1');
    const personId = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: citizen } })).json().person.id;
    const clerk = await t.login('scjg.clerk');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/admin/persons/${personId}/id-number`, headers: { cookie: clerk }, payload: { reason: '核验身份' } }))
        .statusCode,
    ).toBe(403);
    const supervisor = await t.login('supervisor');
    const noReason = await t.app.inject({ method: 'POST', url: `/api/admin/persons/${personId}/id-number`, headers: { cookie: supervisor }, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/persons/${personId}/id-number`,
      headers: { cookie: supervisor },
      payload: { reason: '投诉核查需要' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toBe(demoIdNumber(0));
    const audit = (
      await t.app.inject({ method: 'GET', url: `/api/admin/audit?objectType=person&objectId=${personId}`, headers: { cookie: await t.login('admin') } })
    ).json();
    expect(audit.items[0]).toMatchObject({ action: 'person.id_number.read', actorName: '杨监察', summary: { reason: '投诉核查需要' } });
  });
});
