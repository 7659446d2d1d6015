// Materials from shared data (issue 19): fetched at submission with their source, never asked of the
// applicant; a failed fetch recorded, and the clerk's three ways at acceptance (retry, ask the
// applicant, 容缺); every fetch audited and shown to the person in 数据使用记录.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { dataSimulation } from '../data/index.ts';
import { casesApi, implementationOf, pdf } from './cases-test-kit.ts';
import { setCreditCheck } from './credit.ts';

let t: TestApp;
let foodCode: string;
let moveCode: string; // 户口迁移（市内迁移）, city 公安局: 居民户口簿 from the household register (its own resource)
let assistanceCode: string; // 最低生活保障审核确认, city 民政局: 家庭成员身份证明 from 公安局's register, under an approval
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
  moveCode = await implementationOf(t, '户口迁移（市内迁移）', '990100');
  assistanceCode = await implementationOf(t, '最低生活保障审核确认', '990100');
});
afterAll(() => t.close());
afterEach(() => {
  dataSimulation.down.clear();
});
const { call, upload, act } = casesApi(() => ({ t, foodCode }));

type Material = {
  name: string;
  provision: string;
  shared?: {
    status: string;
    data: Record<string, unknown> | null;
    source: { departmentName: string; system: string; fetchedAt: string } | null;
    legalBasis: string | null;
    approvalId: string | null;
    accessId: string | null;
    error: string | null;
    tries: number;
  };
};
const material = (c: { materials: Material[] }, name: string) => c.materials.find((m) => m.name === name)!;

async function formOf(code: string, user = 'citizen1') {
  const res = await call(user, 'GET', `/api/cases/forms/${code}`);
  expect(res.statusCode, res.body).toBe(200);
  // Fill every required field the prefill left empty with something plausible.
  const view = res.json() as { values?: Record<string, unknown>; form: { schema: { required?: string[]; properties: Record<string, { type?: string }> } } };
  const values: Record<string, unknown> = { ...(view.values ?? {}) };
  for (const key of view.form.schema.required ?? []) {
    if (values[key] !== undefined && values[key] !== '') continue;
    const type = view.form.schema.properties[key]?.type;
    values[key] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : key.toLowerCase().includes('phone') ? '13800001111' : '示范内容';
  }
  return values;
}

async function applyToMove(user = 'citizen1') {
  const res = await call(user, 'POST', '/api/cases', { implementationCode: moveCode, formData: await formOf(moveCode, user), materials: [] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { caseNo: string; version: number; materials: Material[] };
}

describe('materials from shared data', () => {
  it('are fetched at submission and stored with their source; the applicant gives nothing for them', async () => {
    // The apply form says where it will come from.
    const form = (await call('citizen1', 'GET', `/api/cases/forms/${moveCode}`)).json() as { sharedMaterials: unknown[] };
    expect(form.sharedMaterials).toEqual([
      { material: '居民户口簿', resource: 'gaj.household', resourceName: '居民户籍信息', departmentName: '示范市公安局' },
      { material: '居民身份证', resource: 'gaj.household', resourceName: '居民户籍信息', departmentName: '示范市公安局' },
    ]);
    const c = await applyToMove();
    const m = material(c, '居民户口簿');
    expect(m.provision).toBe('shared');
    expect(m.shared).toMatchObject({
      status: 'fetched',
      data: { name: '张明', relation_to_head: '户主' },
      source: { departmentName: '示范市公安局', system: '示范市公安局人口信息管理系统' },
      legalBasis: '本部门数据',
      error: null,
      tries: 1,
    });
    // The other government materials name no resource: issued by the government, not asked either.
    expect(material(c, '居民身份证').shared).toMatchObject({ status: 'fetched', data: { name: '张明', gender: '男' } });
    expect(material(c, '合法稳定住所证明').provision).toBe('government');
    // The fetch is audited by the data module, under the case number, and the submit's audit names it.
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'data.exchange.query'), eq(auditEvents.objectType, 'data_resource')));
    expect(reads.some((r) => (r.summary as { caseNo?: string; outcome: string }).caseNo === c.caseNo)).toBe(true);
    const [submit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, c.caseNo), eq(auditEvents.action, 'case.submit')));
    expect((submit!.summary as { shared: unknown[] }).shared).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '居民户口簿', status: 'fetched', accessId: m.shared!.accessId })]),
    );
    // The person sees the read in 数据使用记录.
    const usage = (await call('citizen1', 'GET', '/api/data/my-usage?pageSize=100')).json() as {
      items: { caseNo: string | null; resourceName: string; purpose: string }[];
    };
    expect(usage.items).toContainEqual(
      expect.objectContaining({ caseNo: c.caseNo, resourceName: '居民户籍信息', purpose: '办理“户口迁移（市内迁移）”：居民户口簿' }),
    );
    // The clerk accepts it straight away.
    const accepted = await act('window.clerk', c.caseNo, 'accept', { version: c.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it("another department's resource is read under its approval, and the legal basis is stored", async () => {
    const res = await call('citizen1', 'POST', '/api/cases', {
      implementationCode: assistanceCode,
      formData: await formOf(assistanceCode),
      materials: [
        { name: '最低生活保障申请书', fileIds: [await upload('citizen1', pdf, '申请书.pdf')] },
        { name: '家庭经济状况授权核对书', fileIds: [await upload('citizen1', pdf, '授权书.pdf')] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = material(res.json(), '家庭成员身份证明');
    expect(m.shared).toMatchObject({ status: 'fetched', source: { departmentName: '示范市公安局' } });
    expect(m.shared!.approvalId).toBeTruthy();
    expect(m.shared!.legalBasis).toContain('社会救助暂行办法');
  });

  it('a failed fetch is recorded, blocks a plain acceptance, and a retry that succeeds lets the clerk accept', async () => {
    dataSimulation.down.add('sim.household');
    const c = await applyToMove();
    expect(material(c, '居民户口簿')).toMatchObject({
      provision: 'shared',
      shared: { status: 'failed', error: 'data.provider_unavailable', data: null, tries: 1 },
    });
    const plain = await act('window.clerk', c.caseNo, 'accept', { version: c.version });
    expect(plain.statusCode).toBe(409);
    expect(plain.json()).toMatchObject({ code: 'cases.shared_material_failed', materials: ['居民户口簿', '居民身份证'] });
    // The applicant may not retry; the clerk may.
    const byApplicant = await call('citizen1', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, { material: '居民户口簿' });
    expect(byApplicant.statusCode).toBe(403);
    const still = await call('window.clerk', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, { material: '居民户口簿', version: c.version });
    expect(still.statusCode, still.body).toBe(200);
    expect(material(still.json(), '居民户口簿').shared).toMatchObject({ status: 'failed', tries: 2 });
    dataSimulation.down.clear();
    const stale = await call('window.clerk', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, { material: '居民户口簿', version: c.version });
    expect(stale.statusCode).toBe(409);
    const retried = await call('window.clerk', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, {
      material: '居民户口簿',
      version: still.json().version,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(material(retried.json(), '居民户口簿').shared).toMatchObject({ status: 'fetched', data: { name: '张明' }, tries: 3 });
    const again = await call('window.clerk', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, { material: '居民户口簿' });
    expect(again.json().code).toBe('cases.shared_material_not_failed');
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, c.caseNo), eq(auditEvents.action, 'case.shared_material.refetch')));
    expect(audit.map((a) => (a.summary as { outcome: string }).outcome)).toEqual(['failed', 'fetched']);
    expect(plain.json().errors).toHaveLength(2);
    // The second one (the ID card, from the same register) still failed: fetched again too, then the case is accepted.
    const both = await call('window.clerk', 'POST', `/api/cases/${c.caseNo}/shared-materials/refetch`, { material: '居民身份证' });
    expect(material(both.json(), '居民身份证').shared).toMatchObject({ status: 'fetched', tries: 2 });
    expect((await act('window.clerk', c.caseNo, 'accept', { version: both.json().version })).statusCode).toBe(200);
  });

  it('or the clerk asks the applicant: the correction naming it gives the material', async () => {
    dataSimulation.down.add('sim.household');
    const c = await applyToMove();
    const asked = await act('window.clerk', c.caseNo, 'request_correction', {
      items: [
        { material: '居民户口簿', problem: '户籍信息暂时无法通过数据共享调取，请上传户口簿首页及本人页' },
        { material: '居民身份证', problem: '身份信息暂时无法通过数据共享调取，请上传身份证正反面' },
      ],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const file = await upload('citizen1', pdf, '户口簿.pdf');
    const given = await act('citizen1', c.caseNo, 'submit_correction', { fileIds: [file] });
    expect(given.statusCode, given.body).toBe(200);
    expect(material(given.json(), '居民户口簿')).toMatchObject({ provision: 'upload', fileIds: [file], shared: { status: 'failed' } });
    expect((await act('window.clerk', c.caseNo, 'accept', { version: given.json().version })).statusCode).toBe(200);
  });

  it('or accepts it as pending (容缺), unless the applicant is under the no-容缺 measure', async () => {
    dataSimulation.down.add('sim.household');
    const c = await applyToMove();
    const restore = setCreditCheck(async () => ({ dishonest: false, source: 'test', measures: ['no_deferral'] }));
    try {
      const refused = await act('window.clerk', c.caseNo, 'accept', { version: c.version, pendingMaterials: ['居民户口簿', '居民身份证'] });
      expect(refused.json().code).toBe('cases.deferral_refused');
    } finally {
      restore();
    }
    // Only one of the two as pending: the other is still an unresolved failure.
    const half = await act('window.clerk', c.caseNo, 'accept', { version: c.version, pendingMaterials: ['居民户口簿'] });
    expect(half.json()).toMatchObject({ code: 'cases.shared_material_failed', materials: ['居民身份证'] });
    const accepted = await act('window.clerk', c.caseNo, 'accept', { version: c.version, pendingMaterials: ['居民户口簿', '居民身份证'] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().pendingMaterials).toEqual(['居民户口簿', '居民身份证']);
    expect(material(accepted.json(), '居民户口簿').provision).toBe('pending');
  });
});
