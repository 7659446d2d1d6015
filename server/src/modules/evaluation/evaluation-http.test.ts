import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';

let t: TestApp;
const kit = foodCaseKit(() => t);
const { call } = kit;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('evaluation over HTTP', () => {
  it('the applicant rates a concluded case once; refusals are problem+json in zh and en', async () => {
    const open = await kit.openCase();
    const early = await call('citizen1', 'POST', `/api/cases/${open}/evaluation`, { level: 5 }, { 'accept-language': 'en' });
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.json()).toMatchObject({ code: 'evaluation.not_concluded', title: 'A case can be evaluated once it has concluded' });

    const caseNo = await kit.concludedCase();
    expect((await call('citizen1', 'GET', `/api/cases/${caseNo}/evaluation`)).json()).toMatchObject({ mayEvaluate: true, evaluation: null });
    expect((await call('citizen2', 'GET', `/api/cases/${caseNo}/evaluation`)).statusCode).toBe(404);
    expect((await call(null, 'POST', `/api/cases/${caseNo}/evaluation`, { level: 5 })).statusCode).toBe(401);
    const staff = await call('scjg.clerk', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 5 }, { 'accept-language': 'zh-CN' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'evaluation.not_applicant', title: '只有办件的申请人可以评价' });
    expect((await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 6 })).statusCode).toBe(400);
    expect((await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 4, tags: ['not_a_tag'] })).statusCode).toBe(400);

    const made = await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, {
      level: 2,
      dimensions: { efficiency: 2, guideAccuracy: 1 },
      tags: ['overdue_without_reason'],
      comment: '超期未说明原因',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ level: 2, tags: ['overdue_without_reason'], rectification: { status: 'open', allowedActions: [] } });
    const again = await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evaluation.already_evaluated');
  });

  it('the unit sees, follows up and submits; the supervisor sees every rectification; the reviewer rates; a citizen is not let into the workbench', async () => {
    const caseNo = await kit.concludedCase();
    const e = (await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 1, tags: ['conditions_beyond_guide'] })).json();
    const id = e.rectification.id as string;
    const list = (await call('scjg.approver', 'GET', '/api/workbench/rectifications?pageSize=100')).json();
    expect(list.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      status: 'open',
      allowedActions: ['follow_up', 'submit', 'appeal'],
      evaluation: { level: 1, tags: ['conditions_beyond_guide'] },
    });
    expect((await call('zjj.approver', 'GET', '/api/workbench/rectifications?pageSize=100')).json().items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await call('zjj.approver', 'GET', `/api/workbench/rectifications/${id}`)).statusCode).toBe(404);
    expect((await call('supervisor', 'GET', '/api/workbench/rectifications?pageSize=100')).json().items.map((r: { id: string }) => r.id)).toContain(id);
    expect((await call('citizen1', 'GET', '/api/workbench/rectifications')).statusCode).toBe(403);

    const called = await call('scjg.approver', 'POST', `/api/workbench/rectifications/${id}/follow-up`, {
      reached: false,
      note: '未接通，已发短信',
      version: 0,
    });
    expect(called.statusCode, called.body).toBe(200);
    const submitted = await call('scjg.approver', 'POST', `/api/workbench/rectifications/${id}/submit`, {
      measures: '已按指南受理',
      version: called.json().version,
    });
    expect(submitted.json()).toMatchObject({ status: 'submitted' });
    const rated = await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation/rectification-rating`, { level: 5 });
    expect(rated.json()).toMatchObject({ status: 'closed', reviewerLevel: 5 });
    const mine = (await call('citizen1', 'GET', `/api/cases/${caseNo}/evaluation`)).json();
    expect(mine).toMatchObject({ mayEvaluate: false, mayRateRectification: false, evaluation: { rectification: { status: 'closed' } } });
    expect((await call('scjg.clerk', 'GET', '/api/workbench/evaluations/mine?pageSize=100')).json().items.map((x: { caseNo: string }) => x.caseNo)).toContain(
      caseNo,
    );
  });

  it('the public summary and bad reviews answer anonymously, without case numbers', async () => {
    const summary = await call(null, 'GET', '/api/public/evaluation/summary');
    expect(summary.statusCode).toBe(200);
    expect(summary.json().total).toBeGreaterThan(0);
    expect(summary.json().departments[0]).toHaveProperty('satisfaction');
    const bads = await call(null, 'GET', '/api/public/evaluation/bad-reviews?pageSize=100');
    expect(bads.statusCode).toBe(200);
    expect(bads.json().items.length).toBeGreaterThan(0);
    expect(bads.body).not.toMatch(/caseNo|raterId|applicant/);
  });
});
