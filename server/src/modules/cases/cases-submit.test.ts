// Submitting a case: case numbers, idempotency, material checks, drafts, material files, 一窗受理.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { demoIdNumber } from '../identity/index.ts';
import { cases as casesTable } from './tables.ts';
import { casesApi, implementationOf, pdf } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
});
afterAll(() => t.close());
const { login, call, upload, foodApplication, submit } = casesApi(() => ({ t, foodCode }));

describe('submitting', () => {
  it('gives a case number (implementation code + yyyymmdd + serial), a receipt, an audit event and a notification', async () => {
    const first = await submit();
    const second = await submit();
    const day = first.submittedAt.slice(0, 10).replaceAll('-', '');
    expect(first.caseNo).toMatch(new RegExp(`^${foodCode}\\d{8}\\d{4}$`));
    expect(Number(second.caseNo.slice(-4))).toBe(Number(first.caseNo.slice(-4)) + 1);
    expect(first).toMatchObject({
      status: 'pending_acceptance',
      step: { key: 'accept' },
      channel: 'online',
      applicant: { kind: 'person', name: '张明' },
      version: 0,
      allowedActions: ['withdraw'],
    });
    expect(first.caseNo.slice(foodCode.length, foodCode.length + 8)).toHaveLength(8);
    expect(day).toMatch(/^\d{8}$/);
    expect(first.materials.map((m: { provision: string }) => m.provision)).toEqual(['upload', 'government', 'upload', 'commitment', 'missing']);
    expect(first.deadlines.case.light).toBe('green');
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, first.caseNo), eq(auditEvents.action, 'case.submit')));
    expect(audit).toHaveLength(1);
    const notes = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'cases.submitted'));
    expect(notes.some((n) => (n.params as { caseNo: string }).caseNo === first.caseNo && n.recipientKind === 'person')).toBe(true);
  });

  it('a retried submit with the same Idempotency-Key makes one case', async () => {
    const body = await foodApplication();
    const headers = { 'idempotency-key': 'submit-once-1' };
    const a = await call('citizen1', 'POST', '/api/cases', body, headers);
    const b = await call('citizen1', 'POST', '/api/cases', body, headers);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().caseNo).toBe(a.json().caseNo);
    const rows = await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, a.json().caseNo));
    expect(rows).toHaveLength(1);
  });

  it('refuses missing required materials, a commitment where none is allowed, and files of another user', async () => {
    const res = await call('citizen1', 'POST', '/api/cases', {
      implementationCode: foodCode,
      formData: (await foodApplication()).formData,
      materials: [{ name: '食品经营许可申请书', commitment: true }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('cases.materials_missing');
    // The layout document is on the item's 容缺 list: it may be left out (the clerk accepts it as pending).
    expect(
      res
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['commitment_not_allowed', 'required']);
    const foreign = await upload('citizen2', pdf, 'x.pdf');
    const body = await foodApplication();
    body.materials[0] = { name: '食品经营许可申请书', fileIds: [foreign] };
    const res2 = await call('citizen1', 'POST', '/api/cases', body);
    expect(res2.json().errors).toEqual([expect.objectContaining({ field: 'materials.0.fileIds.0', code: 'not_found' })]);
  });

  it('a draft is saved, resumed on another device, guarded against overwrites, and gone after submitting', async () => {
    const url = `/api/cases/drafts/${foodCode}`;
    const first = await call('citizen1', 'PUT', url, { data: { formData: { 经营者名称: '明湖小' } } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(1);
    const otherDevice = await t.login('citizen1');
    const resumed = await t.app.inject({ method: 'GET', url, headers: { cookie: otherDevice } });
    expect(resumed.json()).toMatchObject({ data: { formData: { 经营者名称: '明湖小' } }, version: 1 });
    expect((await call('citizen1', 'PUT', url, { data: { formData: { 经营者名称: '明湖小厨' } }, version: 1 })).json().version).toBe(2);
    expect((await call('citizen1', 'PUT', url, { data: { formData: {} }, version: 1 })).json().code).toBe('resource.stale');
    // No draft is an ordinary answer (200 null), not a 404 the browser logs as an error.
    const none = await call('citizen2', 'GET', url);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toBeNull();
    expect((await call('citizen1', 'GET', '/api/cases/drafts')).json()).toHaveLength(1);
    await submit();
    expect((await call('citizen1', 'GET', url)).json()).toBeNull();
    expect((await call('scjg.clerk', 'PUT', url, { data: {} })).statusCode).toBe(403);
  });

  it('material files are served to the applicant and the department, nobody else', async () => {
    const c = await submit();
    const fileId = c.materials[0].fileIds[0] as string;
    const own = await call('citizen1', 'GET', `/api/cases/${c.caseNo}/files/${fileId}`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.rawPayload.equals(pdf)).toBe(true);
    expect((await call('scjg.reviewer', 'GET', `/api/cases/${c.caseNo}/files/${fileId}`)).statusCode).toBe(200);
    expect((await call('citizen2', 'GET', `/api/cases/${c.caseNo}/files/${fileId}`)).statusCode).toBe(404);
    const other = await submit();
    expect((await call('citizen1', 'GET', `/api/cases/${other.caseNo}/files/${fileId}`)).statusCode).toBe(404);
  });

  it('uploads are typed by content: a script named .pdf is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases/uploads?name=a.pdf',
      payload: Buffer.from('#!/bin/sh\necho hi\n'),
      headers: { cookie: await login('citizen1'), 'content-type': 'application/pdf' },
    });
    expect(res.statusCode).toBe(415);
  });

  it('a window clerk files for a walk-in applicant (一窗受理); a citizen cannot file for someone else', async () => {
    const body = { ...(await foodApplication('window.clerk')), applicant: { kind: 'person', name: '王建国', idNumber: demoIdNumber(2) } };
    const res = await call('window.clerk', 'POST', '/api/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'window', applicant: { kind: 'person', name: '王建国' } });
    const mine = await call('citizen3', 'GET', '/api/cases?mine=1');
    expect(mine.json().items.map((c: { caseNo: string }) => c.caseNo)).toContain(res.json().caseNo);
    // The staff see the applicant's history within their scope.
    const history = (await call('scjg.clerk', 'GET', `/api/cases?applicantId=${res.json().applicant.id}`)).json();
    expect(history.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([res.json().caseNo]);
    expect((await call('citizen1', 'GET', '/api/cases')).statusCode).toBe(403);
    const forbidden = await call('citizen1', 'POST', '/api/cases', { ...(await foodApplication()), applicant: body.applicant });
    expect(forbidden.statusCode).toBe(403);
  });
});
