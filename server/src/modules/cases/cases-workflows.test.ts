// Workflows other than the default: a custom one run end to end, and the administration routes that version and bind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { bindWorkflow, saveWorkflow } from './service.ts';
import { casesApi, implementationOf, pdf, png } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
let otherCode: string; // 食品生产许可 (custom workflow)
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
  otherCode = await implementationOf(t, '食品生产许可', '990100');
});
afterAll(() => t.close());
const { call, upload, act } = casesApi(() => ({ t, foodCode }));

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
