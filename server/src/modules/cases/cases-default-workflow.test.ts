// The default workflow through the API: every step to a signed certificate, refusals, returns, special procedures, scope, races and transfers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { verifyContent } from './certificates/signing.ts';
import { casesApi, implementationOf, pdf } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
});
afterAll(() => t.close());
const { call, upload, submit, act } = casesApi(() => ({ t, foodCode }));

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
    // Read before the winner committed: stale version; read after it (seen on PostgreSQL): the case is no longer at acceptance.
    expect(['resource.stale', 'workflow.action_not_allowed']).toContain([a, b].find((r) => r.statusCode === 409)!.json().code);
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
