import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';
import { demoIdNumber } from '../identity/index.ts';
import { cases as casesTable } from './tables.ts';

let t: TestApp;
let foodCode: string;
let soleTraderCode: string;
const cookies: Record<string, string> = {};
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

async function call(user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {} });
}
async function upload(user: string): Promise<string> {
  cookies[user] ??= await t.login(user);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cases/uploads?name=a.pdf',
    payload: pdf,
    headers: { cookie: cookies[user]!, 'content-type': 'application/octet-stream' },
  });
  return res.json().id;
}
async function codeOf(name: string, region = '990100') {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  return (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region)!
    .implementationCode;
}
async function foodMaterials(user: string) {
  return [
    { name: '食品经营许可申请书', fileIds: [await upload(user)] },
    { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(user)] },
    { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
  ];
}
const goodFood = {
  legalRepresentative: '张明',
  premises: '示范市明湖区湖滨路 8 号',
  businessForm: '小餐饮',
  areaSqm: 60,
  safetyManager: '张明',
  contactPhone: '13800001111',
};
const caseCount = async () => (await t.database.db.select({ n: count() }).from(casesTable))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  foodCode = await codeOf('食品经营许可');
  soleTraderCode = await codeOf('个体工商户设立登记');
});
afterAll(() => t.close());

describe('application forms', () => {
  it('serves the guide’s form with values prefilled from the signed-in person (ID number masked, identity locked)', async () => {
    const res = await call('citizen1', 'GET', `/api/cases/forms/${soleTraderCode}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ implementationCode: soleTraderCode, itemName: '个体工商户设立登记', guideVersion: 1, generic: false });
    expect(body.form.schema.required).toEqual(expect.arrayContaining(['operatorName', 'idNumber', 'businessScope', 'premises', 'contactPhone']));
    expect(body.form.ui.order[0]).toBe('operatorName');
    expect(body.prefill).toEqual({
      operatorName: { binding: 'applicant.name', value: '张明', locked: true },
      idNumber: { binding: 'applicant.idNumber', value: expect.stringMatching(/^\d{4}\*{10}\d{3}[\dX]$/), locked: true },
      premises: { binding: 'applicant.address', value: '示范市明湖区湖滨街道湖滨路 8 号', locked: false },
    });
    expect(res.body).not.toContain(demoIdNumber(0));
  });

  it('prefills an entity’s name, USCC and legal representative', async () => {
    const body = (await call('enterprise1', 'GET', `/api/cases/forms/${foodCode}`)).json();
    expect(body.guideVersion).toBe(2);
    expect(body.prefill).toMatchObject({
      operatorName: { value: '示范市明湖餐饮管理有限公司', locked: true },
      uscc: { value: expect.stringMatching(/^91990102MA0000001.$/), locked: true },
      legalRepresentative: { value: '张明', locked: true },
    });
    // Staff get the form without prefill (the walk-in applicant comes with the submit).
    expect((await call('window.clerk', 'GET', `/api/cases/forms/${foodCode}`)).json().prefill).toEqual({});
    expect((await call(null, 'GET', `/api/cases/forms/${foodCode}`)).statusCode).toBe(401);
  });

  it('gives items without a form the generic one (applicant, contact phone, address, remarks)', async () => {
    const code = await codeOf('企业注销登记');
    const body = (await call('enterprise1', 'GET', `/api/cases/forms/${code}`)).json();
    expect(body.generic).toBe(true);
    expect(Object.keys(body.form.schema.properties)).toEqual(['applicantName', 'contactPhone', 'contactAddress', 'remarks']);
    expect(body.prefill.applicantName).toMatchObject({ value: '示范市明湖餐饮管理有限公司', locked: true });
  });

  it('refuses bad form data at submit with every field error at once, and writes nothing', async () => {
    const before = await caseCount();
    const res = await call('citizen1', 'POST', '/api/cases', {
      implementationCode: foodCode,
      formData: { ...goodFood, businessForm: '大饭店', areaSqm: '60', contactPhone: '123', nickname: 'x', safetyManager: '' },
      materials: await foodMaterials('citizen1'),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('cases.form_invalid');
    expect(
      res
        .json()
        .errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)
        .sort(),
    ).toEqual(
      [
        'formData.areaSqm:type',
        'formData.businessForm:enum',
        'formData.contactPhone:pattern',
        'formData.nickname:unknown_field',
        'formData.safetyManager:required',
      ].sort(),
    );
    // Form and material errors together: one notice of everything (materials_missing when a material is wrong).
    const both = await call('citizen1', 'POST', '/api/cases', { implementationCode: foodCode, formData: {}, materials: [] });
    expect(both.json().code).toBe('cases.materials_missing');
    expect(both.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['formData.premises', 'formData.contactPhone', 'materials.0']),
    );
    expect(await caseCount()).toBe(before);
  });

  it('writes the identity over locked fields, keeps the applicant’s own values elsewhere, and stores the guide version', async () => {
    const res = await call('citizen1', 'POST', '/api/cases', {
      implementationCode: foodCode,
      guideVersion: 2,
      formData: { ...goodFood, operatorName: '冒名顶替', remarks: '  ' },
      materials: await foodMaterials('citizen1'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().formData).toEqual({ ...goodFood, operatorName: '张明' });
    expect(res.json().guideVersion).toBe(2);
    const stale = await call('citizen1', 'POST', '/api/cases', {
      implementationCode: foodCode,
      guideVersion: 1,
      formData: goodFood,
      materials: await foodMaterials('citizen1'),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'cases.guide_changed', guideVersion: 2 });
  });

  it('a walk-in applicant’s identity fills the locked fields of a window filing', async () => {
    const res = await call('window.clerk', 'POST', '/api/cases', {
      implementationCode: soleTraderCode,
      applicant: { kind: 'person', name: '王建国', idNumber: demoIdNumber(2) },
      formData: { businessScope: '日用百货零售', premises: '示范市西江区渡口街道 5 号', contactPhone: '13700003333', employees: 2 },
      materials: [
        { name: '个体工商户登记（备案）申请书', fileIds: [await upload('window.clerk')] },
        { name: '经营场所使用相关文件', commitment: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().formData).toMatchObject({ operatorName: '王建国', idNumber: expect.stringMatching(/\*/), employees: 2 });
    expect(JSON.stringify(res.json().formData)).not.toContain(demoIdNumber(2));
  });

  it('a guide’s form is checked when saved and versioned with the guide; drafts keep free-form data', async () => {
    const code = await codeOf('企业注销登记');
    const editor = 'scjg.editor';
    expect((await call(editor, 'POST', `/api/workbench/catalog/implementations/${code}/drafts`)).statusCode).toBe(200);
    const working = (await call(editor, 'GET', `/api/workbench/catalog/implementations/${code}`)).json().working.guide;
    const form = {
      schema: {
        type: 'object',
        properties: { reason: { type: 'string', enum: ['dissolution', 'merger'] }, liquidationDate: { type: 'string', format: 'date' } },
        required: ['reason', 'missing'],
      },
      ui: { fields: { reason: { label: { zh: '注销原因', en: 'Reason' } }, liquidationDate: { label: { zh: '清算完成日期', en: 'Liquidation completed' } } } },
    };
    const bad = await call(editor, 'PUT', `/api/workbench/catalog/implementations/${code}/draft`, { guide: { ...working, applicationForm: form } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'guide.applicationForm.schema.required.1', code: 'unknown_field' })]);
    const subsetOnly = await call(editor, 'PUT', `/api/workbench/catalog/implementations/${code}/draft`, {
      guide: { ...working, applicationForm: { ...form, schema: { ...form.schema, properties: { ...form.schema.properties, x: { type: 'null' } } } } },
    });
    expect(subsetOnly.statusCode).toBe(400);
    form.schema.required = ['reason'];
    const ok = await call(editor, 'PUT', `/api/workbench/catalog/implementations/${code}/draft`, {
      guide: { ...working, applicationForm: form },
      changeNote: '增加申请表',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(editor, 'POST', `/api/workbench/catalog/implementations/${code}/draft/submit`)).statusCode).toBe(200);
    expect((await call('zwfw.catalog', 'POST', `/api/workbench/catalog/implementations/${code}/submitted/publish`, {})).statusCode).toBe(200);

    const current = (await call('enterprise1', 'GET', `/api/cases/forms/${code}`)).json();
    expect(current).toMatchObject({ guideVersion: 2, generic: false });
    expect(current.form.schema.properties.reason.enum).toEqual(['dissolution', 'merger']);
    expect((await call('enterprise1', 'GET', `/api/cases/forms/${code}?version=1`)).json()).toMatchObject({ guideVersion: 1, generic: true });

    // A draft saved under version 1 stays as typed; the submit validates against version 2.
    const draft = await call('enterprise1', 'PUT', `/api/cases/drafts/${code}`, { data: { formData: { contactPhone: '13800001111' } } });
    expect(draft.statusCode).toBe(200);
    const refused = await call('enterprise1', 'POST', '/api/cases', { implementationCode: code, formData: { contactPhone: '13800001111' } });
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'formData.contactPhone', code: 'unknown_field' }),
        expect.objectContaining({ field: 'formData.reason', code: 'required' }),
      ]),
    );
    const filed = await call('enterprise1', 'POST', '/api/cases', {
      implementationCode: code,
      formData: { reason: 'merger', liquidationDate: '2026-11-20' },
      materials: [
        { name: '注销登记申请书', fileIds: [await upload('enterprise1')] },
        { name: '清算报告或全体投资人承诺书', commitment: true },
      ],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ guideVersion: 2, formData: { reason: 'merger', liquidationDate: '2026-11-20' } });
    const row = (await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, filed.json().caseNo)))[0]!;
    expect(row.guideVersion).toBe(2);
  });
});
