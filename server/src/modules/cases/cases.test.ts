import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { searchItems } from '../catalog/index.ts';
import { demoIdNumber } from '../identity/index.ts';
import { verifyContent } from './certificates/signing.ts';
import { certificateFont } from './certificates/pdf.ts';
import { bindWorkflow, refreshCaseLights, saveWorkflow } from './service.ts';
import { cases as casesTable } from './tables.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
let otherCode: string; // 食品生产许可 (custom workflow)
const cookies: Record<string, string> = {};

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

async function login(user: string) {
  cookies[user] ??= await t.login(user);
  return cookies[user]!;
}
async function call(
  user: string | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await login(user) } : {}), ...headers } });
}
async function upload(user: string, data: Buffer, name: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/cases/uploads?name=${encodeURIComponent(name)}`,
    payload: data,
    headers: { cookie: await login(user), 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function implementationOf(name: string, region: string) {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region);
  if (!found) throw new Error(`no ${name} in ${region}`);
  return found.implementationCode;
}
/** A complete online application for 食品经营许可 by citizen1. */
async function foodApplication(user = 'citizen1') {
  return {
    implementationCode: foodCode,
    formData: {
      legalRepresentative: '张明',
      premises: '示范市明湖区湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    } as Record<string, unknown>,
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(user, pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(user, png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  };
}
async function submit(user = 'citizen1', key?: string) {
  const res = await call(user, 'POST', '/api/cases', await foodApplication(user), key ? { 'idempotency-key': key } : {});
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const act = (user: string, caseNo: string, action: string, body: Record<string, unknown> = {}) =>
  call(user, 'POST', `/api/cases/${caseNo}/actions/${action}`, body);

beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf('食品经营许可', '990100');
  otherCode = await implementationOf('食品生产许可', '990100');
});
afterAll(() => t.close());

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
    expect((await call('citizen2', 'GET', url)).statusCode).toBe(404);
    expect((await call('citizen1', 'GET', '/api/cases/drafts')).json()).toHaveLength(1);
    await submit();
    expect((await call('citizen1', 'GET', url)).statusCode).toBe(404);
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

describe('the default workflow through the API', () => {
  it('correction → accept → review → decide → issue a signed certificate → deliver; the applicant follows along', async () => {
    const c = await submit();
    const no = c.caseNo;
    // A reviewer cannot accept; the clerk can.
    expect((await act('scjg.reviewer', no, 'accept')).json().code).toBe('cases.not_your_step');
    const corr = await act('scjg.clerk', no, 'request_correction', {
      items: [
        { material: '食品安全管理人员健康证明', problem: '未提供' },
        { material: '布局图', problem: '未标注专间' },
      ],
    });
    expect(corr.statusCode, corr.body).toBe(200);
    expect(corr.json()).toMatchObject({ status: 'awaiting_correction', version: 1 });
    // Only the applicant's correction (or withdrawal) may follow: 409 lists them.
    const wrong = await act('scjg.clerk', no, 'accept');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json()).toMatchObject({ code: 'workflow.action_not_allowed', allowed: ['submit_correction', 'withdraw'] });
    const seen = (await call('citizen1', 'GET', `/api/cases/${no}`)).json();
    expect(seen.correctionItems).toHaveLength(2);
    expect(seen.allowedActions).toEqual(['submit_correction', 'withdraw']);
    expect((await act('citizen2', no, 'submit_correction')).statusCode).toBe(404);
    const fixed = await act('citizen1', no, 'submit_correction', { note: '已补充', fileIds: [await upload('citizen1', pdf, '健康证明.pdf')] });
    expect(fixed.json()).toMatchObject({ status: 'pending_acceptance', correctionItems: null });
    expect((await act('scjg.clerk', no, 'accept', { version: 2 })).json().status).toBe('under_review');
    expect((await act('scjg.clerk', no, 'approve')).json().code).toBe('cases.not_your_step');
    expect((await act('scjg.reviewer', no, 'approve', { opinion: '现场核查符合要求' })).json().status).toBe('pending_decision');
    expect((await act('scjg.reviewer', no, 'deny', { reason: 'x', legalBasis: 'y' })).json().code).toBe('cases.not_your_step');
    expect((await act('scjg.approver', no, 'approve')).json()).toMatchObject({ status: 'pending_issue', outcome: 'approved' });
    const issued = (await act('scjg.clerk', no, 'issue')).json();
    expect(issued.status).toBe('pending_delivery');
    expect(issued.certificate).toMatchObject({ name: '食品经营许可证', status: 'valid' });
    const delivered = (await act('scjg.clerk', no, 'deliver', { method: 'pickup' })).json();
    expect(delivered).toMatchObject({ status: 'concluded', outcome: 'approved', deadlines: null, allowedActions: [] });

    // The certificate verifies publicly (the minimal answer: certificates.test.ts); its holder gets
    // the signed content, which verifies with the published key and fails when one byte changes.
    const id = issued.certificate.identifier as string;
    expect((await call(null, 'GET', `/api/public/certificates/${id}/verify`)).json()).toMatchObject({
      checkCharacterValid: true,
      found: true,
      status: 'valid',
      signatureValid: true,
      content: null,
    });
    const v = (await call('citizen1', 'GET', `/api/public/certificates/${id}/verify`)).json();
    expect(v).toMatchObject({ checkCharacterValid: true, found: true, status: 'valid', signatureValid: true, access: 'holder' });
    const key = (await call(null, 'GET', '/api/public/certificates/public-key')).json();
    expect(key.publicKey).toBe(v.publicKey);
    expect(verifyContent(v.content, v.signature, key.publicKey)).toBe(true);
    expect(verifyContent({ ...v.content, item: `${v.content.item} ` }, v.signature, key.publicKey)).toBe(false);
    expect(v.content.holder.code).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/); // no full ID number on a public page
    const bad = (await call(null, 'GET', `/api/public/certificates/${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}/verify`)).json();
    expect(bad).toMatchObject({ checkCharacterValid: false, found: false });

    // The applicant's timeline hides internal details; staff see them.
    const mine = (await call('citizen1', 'GET', `/api/cases/${no}`)).json();
    expect(mine.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'request_correction',
      'submit_correction',
      'accept',
      'approve',
      'approve',
      'issue',
      'deliver',
    ]);
    expect(mine.timeline.find((e: { action: string }) => e.action === 'approve').details).toEqual({});
    expect(mine.timeline.at(-1).details.pickupCode).toMatch(/^\d{6}$/);
    const staff = (await call('scjg.reviewer', 'GET', `/api/cases/${no}`)).json();
    expect(staff.timeline.find((e: { action: string }) => e.action === 'approve').details).toEqual({ opinion: '现场核查符合要求' });
  });

  it('refuse and deny need a reason and the legal basis', async () => {
    const a = await submit();
    expect((await act('scjg.clerk', a.caseNo, 'refuse', { reason: '不符合' })).statusCode).toBe(400);
    expect((await act('scjg.clerk', a.caseNo, 'refuse', { reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' })).json()).toMatchObject({
      status: 'refused',
      outcome: 'refused',
    });
    const b = await submit();
    await act('scjg.clerk', b.caseNo, 'accept');
    await act('scjg.reviewer', b.caseNo, 'approve');
    expect(
      (await act('scjg.approver', b.caseNo, 'deny', { reason: '经营场所与申请不符', legalBasis: '《食品经营许可和备案管理办法》第二十二条' })).json(),
    ).toMatchObject({ status: 'denied' });
    const notes = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'cases.denied'));
    expect(notes.some((n) => (n.params as { caseNo: string; legalBasis: string }).caseNo === b.caseNo)).toBe(true);
  });

  it('return to the previous step and special procedures (clock paused)', async () => {
    const c = await submit();
    await act('scjg.clerk', c.caseNo, 'accept');
    await act('scjg.reviewer', c.caseNo, 'approve');
    expect((await act('scjg.approver', c.caseNo, 'return_to_previous', { reason: '补充核查意见' })).json()).toMatchObject({
      status: 'under_review',
      step: { key: 'review' },
    });
    const sp = (await act('scjg.reviewer', c.caseNo, 'start_special_procedure', { procedure: 'expert_review', note: '组织专家评审' })).json();
    expect(sp).toMatchObject({ status: 'special_procedure', deadlines: { case: { paused: true } } });
    expect((await act('scjg.reviewer', c.caseNo, 'end_special_procedure')).json()).toMatchObject({
      status: 'under_review',
      deadlines: { case: { paused: false } },
    });
  });

  it('another district’s clerk cannot see or act on a city case', async () => {
    const c = await submit();
    expect((await act('mh.scjg.clerk', c.caseNo, 'accept')).statusCode).toBe(404);
    expect((await call('mh.scjg.clerk', 'GET', `/api/cases/${c.caseNo}`)).statusCode).toBe(404);
    expect((await call('citizen2', 'GET', `/api/cases/${c.caseNo}`)).statusCode).toBe(404);
  });

  it('two clerks accepting at once: one wins, the other is told the case changed', async () => {
    const c = await submit();
    const [a, b] = await Promise.all([act('scjg.clerk', c.caseNo, 'accept', { version: 0 }), act('window.clerk', c.caseNo, 'accept', { version: 0 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('resource.stale');
    const after = (await call('scjg.clerk', 'GET', `/api/cases/${c.caseNo}`)).json();
    expect(after).toMatchObject({ version: 1, status: 'under_review' });
    expect(after.timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
  });

  it('transfer inside the department: only the named staff member acts next', async () => {
    const c = await submit();
    const staffId = (await t.as('scjg.clerk')).actor.subjectId!;
    expect((await act('scjg.clerk', c.caseNo, 'transfer', { toStaffId: (await t.as('scjg.reviewer')).actor.subjectId! })).json().code).toBe('request.invalid');
    const moved = await act('window.clerk', c.caseNo, 'transfer', { toStaffId: staffId });
    expect(moved.json().assigneeId, moved.body).toBe(staffId);
    expect((await act('window.clerk', c.caseNo, 'accept')).json().code).toBe('cases.not_your_step');
    expect((await act('scjg.clerk', c.caseNo, 'accept')).json().status).toBe('under_review');
  });

  it('lists the colleagues a case may be transferred to at its step (staff in scope only), and a listed one can take it', async () => {
    const c = await submit();
    const candidates = async (user: string) => call(user, 'GET', `/api/cases/${c.caseNo}/transfer-candidates`);
    const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);
    const atAccept = await candidates('scjg.clerk');
    expect(atAccept.statusCode, atAccept.body).toBe(200);
    expect(atAccept.json().step).toMatchObject({ key: 'accept', role: 'window_clerk' });
    expect(names(atAccept.json())).toContain('李受理');
    expect(names(atAccept.json())).not.toContain('赵审查'); // reviewer: not this step's role
    expect(names(atAccept.json())).not.toContain('王窗口'); // window clerk of another department
    expect(atAccept.json().items.find((i: { name: string }) => i.name === '李受理')).toMatchObject({ self: true, assignee: false });
    expect(Object.keys(atAccept.json().items[0]).sort()).toEqual(['assignee', 'id', 'name', 'self']); // no usernames or phones
    expect((await candidates('citizen1')).statusCode).toBe(403); // the applicant reads the case but transfers nothing
    expect((await candidates('rsj.clerk')).statusCode).toBe(404); // another department's staff
    // The one listed takes it; at the next step the reviewers are listed.
    const reviewer = (await t.as('scjg.reviewer')).actor.subjectId!;
    expect((await act('scjg.clerk', c.caseNo, 'accept')).statusCode).toBe(200);
    const atReview = (await candidates('scjg.reviewer')).json();
    expect(atReview.step).toMatchObject({ key: 'review', role: 'reviewer' });
    expect(atReview.items.map((i: { id: string }) => i.id)).toEqual([reviewer]);
    expect((await act('scjg.reviewer', c.caseNo, 'transfer', { toStaffId: atReview.items[0].id })).json().assigneeId).toBe(reviewer);
    expect((await candidates('scjg.reviewer')).json().items[0]).toMatchObject({ self: true, assignee: true });
    // Withdrawn: no step to transfer at.
    expect((await act('citizen1', c.caseNo, 'withdraw', { reason: '不再需要' })).statusCode).toBe(200);
    expect((await candidates('scjg.clerk')).json().items).toEqual([]);
  });
});

describe('to-do list, lights and progress lookup', () => {
  it('shows each role its step, most urgent first, paged', async () => {
    const c = await submit();
    const clerk = (await call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(clerk.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    const dues = clerk.items.map((i: { dueDate: string }) => i.dueDate);
    expect(dues).toEqual([...dues].sort());
    const reviewer = (await call('scjg.reviewer', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(reviewer.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(c.caseNo);
    await act('scjg.clerk', c.caseNo, 'accept');
    const reviewer2 = (await call('scjg.reviewer', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(reviewer2.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    expect((await call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=1')).json()).toMatchObject({ page: 1, pageSize: 1 });
    expect((await call('citizen1', 'GET', '/api/workbench/todo')).statusCode).toBe(403);
  });

  it('the scheduled refresh turns lights yellow near the due date and red after it', async () => {
    const c = await submit();
    const due = c.deadlines.case.dueDate as string;
    const ctx = t.ctx;
    await refreshCaseLights(ctx, due);
    expect((await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, c.caseNo)))[0]!.light).toBe('yellow');
    await refreshCaseLights(ctx, t.calendar.addWorkingDays(due, 1).date);
    expect((await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, c.caseNo)))[0]!.light).toBe('red');
  });

  it('progress by case number and name or last 4 of the ID number, without signing in; wrong guesses throttled', async () => {
    const c = await submit();
    const ok = await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${encodeURIComponent('张明')}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseNo: c.caseNo, status: 'pending_acceptance', itemName: '食品经营许可' });
    expect(JSON.stringify(ok.json())).not.toContain('张明');
    const tail = demoIdNumber(0).slice(-4);
    expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${tail}`)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=guess${i}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${encodeURIComponent('张明')}`)).statusCode).toBe(429);
  });
});

describe('a custom workflow', () => {
  it('is saved as a new version, bound to an implementation, and run with its own roles', async () => {
    const admin = await t.as('it.admin');
    const def = await saveWorkflow(admin, {
      code: 'site-check',
      version: 1,
      name: { zh: '含现场核查', en: 'With a site check' },
      steps: [
        { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 10 },
        { key: 'site_check', kind: 'review', name: { zh: '现场核查', en: 'Site check' }, role: 'inspector', share: 50 },
        { key: 'decide', kind: 'decide', name: { zh: '决定', en: 'Decision' }, role: 'approver', share: 40 },
      ],
    });
    expect(def.version).toBe(1);
    await expect(saveWorkflow(await t.as('citizen1'), def)).rejects.toMatchObject({ code: 'auth.forbidden' });
    await bindWorkflow(admin, otherCode, 'site-check');
    const res = await call('enterprise1', 'POST', '/api/cases', {
      implementationCode: otherCode,
      formData: { productionAddress: '示范市明湖区工业园 3 号', categories: [{ category: '糕点', detail: '热加工糕点' }], contactPhone: '0999-1234567' },
      materials: [
        { name: '食品生产许可申请书', fileIds: [await upload('enterprise1', pdf, 'a.pdf')] },
        { name: '食品生产设备布局图和食品生产工艺流程图', fileIds: [await upload('enterprise1', png, 'b.png')] },
        { name: '食品生产主要设备、设施清单', fileIds: [await upload('enterprise1', pdf, 'c.pdf')] },
        { name: '专职或者兼职的食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度', fileIds: [await upload('enterprise1', pdf, 'd.pdf')] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const no = res.json().caseNo;
    expect(res.json().applicant.kind).toBe('entity');
    await act('scjg.clerk', no, 'accept');
    expect((await act('scjg.reviewer', no, 'approve')).json().code).toBe('cases.not_your_step');
    const inspectorTodo = (await call('scjg.inspector1', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(inspectorTodo.items.map((i: { caseNo: string }) => i.caseNo)).toContain(no);
    expect((await act('scjg.inspector1', no, 'approve')).json().step.key).toBe('decide');
    const done = (await act('scjg.approver', no, 'approve')).json();
    expect(done).toMatchObject({ status: 'concluded', outcome: 'approved' });
  });
});

describe('certificates: wallet, QR code, status', () => {
  async function issued() {
    const c = await submit();
    await act('scjg.clerk', c.caseNo, 'accept');
    await act('scjg.reviewer', c.caseNo, 'approve');
    await act('scjg.approver', c.caseNo, 'approve');
    const res = (await act('scjg.clerk', c.caseNo, 'issue')).json();
    return res.certificate.identifier as string;
  }

  it('lands in the holder’s wallet, has a QR code and a PDF, and can be attached to a later application', async () => {
    const id = await issued();
    const wallet = (await call('citizen1', 'GET', '/api/certificates?pageSize=100')).json();
    expect(wallet.items.find((c: { identifier: string }) => c.identifier === id)).toMatchObject({ status: 'valid', statusCode: '10', name: '食品经营许可证' });
    expect((await call('citizen2', 'GET', '/api/certificates')).json().items.map((c: { identifier: string }) => c.identifier)).not.toContain(id);
    const qr = await call(null, 'GET', `/api/public/certificates/${id}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(qr.body).toContain('<svg');
    // A wrong check character (identifiers are random: never replace it by itself).
    expect((await call(null, 'GET', `/api/public/certificates/${id.slice(0, -1)}${id.endsWith('Z') ? 'Y' : 'Z'}/qr.svg`)).statusCode).toBe(400);
    // The printable PDF: for the holder and the issuing department's staff only. It needs a CJK
    // font (fonts-noto-cjk, which .ci/run installs); on a machine without one `npm test` checks the 503.
    const file = await call('citizen1', 'GET', `/api/certificates/${id}/pdf`);
    if (certificateFont()) {
      expect(file.statusCode, file.body.slice(0, 300)).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${id}.pdf"`);
      expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(file.rawPayload.includes(id)).toBe(true); // in the document's metadata (title, subject)
      expect(file.rawPayload.length).toBeGreaterThan(10_000); // the embedded CJK subset, the QR code
      expect((await call('scjg.approver', 'GET', `/api/certificates/${id.toLowerCase()}/pdf`)).statusCode).toBe(200);
    } else {
      expect(file.statusCode).toBe(503);
      expect(file.json().code).toBe('cases.certificate_pdf_unavailable');
    }
    expect((await call('citizen2', 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(404);
    expect((await call('rsj.clerk', 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/certificates/${id}/pdf`)).statusCode).toBe(401);
    // No CJK font on the server: a clear 503, not a PDF with missing characters.
    process.env.CERTIFICATE_FONT = '/nonexistent/font.ttc';
    try {
      const missing = await call('citizen1', 'GET', `/api/certificates/${id}/pdf`);
      expect(missing.statusCode).toBe(503);
      expect(missing.json().code).toBe('cases.certificate_pdf_unavailable');
    } finally {
      delete process.env.CERTIFICATE_FONT;
    }
    const body = await foodApplication();
    body.materials[0] = { name: '食品经营许可申请书', certificateIdentifier: id.toLowerCase() } as never;
    const res = await call('citizen1', 'POST', '/api/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().materials[0]).toMatchObject({ provision: 'wallet', certificateIdentifier: id });
    const other = { ...(await foodApplication('citizen2')) };
    other.materials[0] = { name: '食品经营许可申请书', certificateIdentifier: id } as never;
    expect((await call('citizen2', 'POST', '/api/cases', other)).json().errors).toEqual([expect.objectContaining({ code: 'not_in_wallet' })]);
  });

  it('an approver of the issuing department revokes it once; verification then says revoked', async () => {
    const id = await issued();
    const change = { status: 'revoked', reason: '以欺骗手段取得许可', legalBasis: '《行政许可法》第六十九条第二款' };
    expect((await call('scjg.reviewer', 'POST', `/api/certificates/${id}/status`, change)).statusCode).toBe(403);
    const res = await call('scjg.approver', 'POST', `/api/certificates/${id}/status`, change);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', statusCode: '70' });
    const again = await call('scjg.approver', 'POST', `/api/certificates/${id}/status`, { status: 'void', reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'workflow.action_not_allowed', allowed: [] });
    expect((await call(null, 'GET', `/api/public/certificates/${id}/verify`)).json()).toMatchObject({ status: 'revoked', signatureValid: true });
  });
});

describe('workflow administration routes', () => {
  it('saves versions, reads them back and binds an implementation; others are refused', async () => {
    const def = {
      code: 'two-step',
      version: 1,
      name: { zh: '两步', en: 'Two steps' },
      steps: [
        { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 50 },
        { key: 'decide', kind: 'decide', name: { zh: '决定', en: 'Decision' }, role: 'approver', share: 50 },
      ],
    };
    const v1 = await call('it.admin', 'POST', '/api/admin/workflows', def);
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await call('it.admin', 'POST', '/api/admin/workflows', { ...def, name: { zh: '两步（修订）', en: 'Two steps (rev.)' } });
    expect([v1.json().version, v2.json().version]).toEqual([1, 2]);
    expect((await call('it.admin', 'GET', '/api/admin/workflows/two-step')).json().version).toBe(2);
    expect((await call('it.admin', 'GET', '/api/admin/workflows/two-step?version=1')).json().name.zh).toBe('两步');
    expect((await call('it.admin', 'GET', '/api/admin/workflows/default')).json().steps).toHaveLength(5);
    const bad = await call('it.admin', 'POST', '/api/admin/workflows', { ...def, steps: [def.steps[1]] });
    expect(bad.statusCode).toBe(400);
    expect((await call('scjg.clerk', 'POST', '/api/admin/workflows', def)).statusCode).toBe(403);
    expect((await call('it.admin', 'PUT', `/api/admin/workflows/bindings/${otherCode}`, { workflowCode: 'nope' })).statusCode).toBe(404);
  });
});

describe('e-supervision counts and public disclosure', () => {
  it('counts open cases per department by light, within the reader’s scope', async () => {
    await submit();
    const res = await call('scjg.approver', 'GET', '/api/workbench/lights');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { departmentName: string; green: number; yellow: number; red: number; paused: number; total: number }[];
    expect(rows.map((r) => r.departmentName)).toEqual(['示范市市场监督管理局']);
    expect(rows[0]!.total).toBeGreaterThan(0);
    expect(rows[0]!.green + rows[0]!.yellow + rows[0]!.red).toBe(rows[0]!.total);
    expect((await call('citizen1', 'GET', '/api/workbench/lights')).statusCode).toBe(403);
  });

  it('lists concluded cases publicly without naming the person', async () => {
    const c = await submit();
    await act('scjg.clerk', c.caseNo, 'refuse', { reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' });
    const res = await call(null, 'GET', `/api/public/cases?q=${c.caseNo}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ caseNo: c.caseNo, applicant: '个人', result: '不予受理', itemName: '食品经营许可' })]);
    expect(res.body).not.toContain('张');
  });
});
