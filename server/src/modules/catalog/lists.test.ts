import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId, findDepartments } from '../org/index.ts';
import { implementationCode } from './guide.ts';
import { demoBaseCode, demoCatalog, demoGuide } from './seed.ts';
import * as catalog from './service.ts';
import * as lists from './lists.ts';

let t: TestApp;
let reviewer: string;
let editor: string;
beforeAll(async () => {
  t = await createTestApp();
  reviewer = await t.login('zwfw.catalog');
  editor = await t.login('scjg.editor');
});
afterAll(() => t.close());

const CITY = '990100';
const DISTRICT = '990102';

async function auditsOf(objectId: string) {
  const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(asc(auditEvents.seq));
  return rows.map((r) => ({ action: r.action, summary: r.summary }));
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const fee = {
  code: 'FEE-TEST-1',
  name: '测试登记费',
  kind: 'administrative_fee',
  basis: '测试依据',
  standard: '每件 10 元',
  collectingDepartmentId: demoDepartmentId('zrzy', CITY),
  effectiveFrom: '2020-01-01',
};

const power = {
  code: 'QL-TEST-1',
  name: '对测试排污行为的行政处罚',
  powerType: '行政处罚',
  basis: '《中华人民共和国环境保护法》第五十九条',
  responsibilities: '立案、调查、审查、告知、决定、送达、执行',
  accountability: '不履行或不正确履行职责的，依法追责',
  departmentId: demoDepartmentId('scjg', CITY),
};

describe('fee catalog (收费目录)', () => {
  it('validates, creates, edits with the version read, retires; every change audited', async () => {
    // field errors, never a 500
    const bad = await send('POST', '/api/workbench/catalog/fees', reviewer, { ...fee, name: '', effectiveFrom: '2020-1-1' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['effectiveFrom', 'name']);
    const backwards = await send('POST', '/api/workbench/catalog/fees', reviewer, { ...fee, effectiveTo: '2019-12-31' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([
      expect.objectContaining({ field: 'effectiveTo', code: 'before_effective_from', message: '失效日期不能早于生效日期' }),
    ]);
    const { collectingDepartmentId: _d, ...noDepartment } = fee;
    expect((await send('POST', '/api/workbench/catalog/fees', reviewer, noDepartment)).json().errors).toEqual([
      expect.objectContaining({ field: 'collectingDepartmentId', code: 'required' }),
    ]);

    const created = await send('POST', '/api/workbench/catalog/fees', reviewer, fee);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'FEE-TEST-1',
      collectingDepartmentName: expect.stringContaining('自然资源'),
      effective: true,
      retired: false,
      version: 1,
    });
    const dup = await send('POST', '/api/workbench/catalog/fees', reviewer, fee);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([expect.objectContaining({ field: 'code', code: 'duplicate' })]);

    const { code: _c, ...fields } = fee;
    const edited = await send('PUT', '/api/workbench/catalog/fees/FEE-TEST-1', reviewer, { ...fields, standard: '每件 8 元', version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ standard: '每件 8 元', version: 2 });
    const stale = await send('PUT', '/api/workbench/catalog/fees/FEE-TEST-1', reviewer, { ...fields, standard: '每件 9 元', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('resource.stale');
    const editBackwards = await send('PUT', '/api/workbench/catalog/fees/FEE-TEST-1', reviewer, { ...fields, effectiveTo: '2019-01-01', version: 2 });
    expect(editBackwards.json().errors).toEqual([expect.objectContaining({ field: 'effectiveTo', code: 'before_effective_from' })]);

    const page = (await send('GET', '/api/workbench/catalog/fees?q=测试登记&pageSize=5', reviewer)).json();
    expect(page).toMatchObject({ total: 1, items: [{ code: 'FEE-TEST-1' }] });
    expect((await send('POST', '/api/workbench/catalog/fees/FEE-TEST-1/retire', reviewer, { reason: '', version: 2 })).statusCode).toBe(400);
    const retired = await send('POST', '/api/workbench/catalog/fees/FEE-TEST-1/retire', reviewer, { reason: '文件废止', version: 2 });
    expect(retired.json()).toMatchObject({ retired: true, effective: false, retireReason: '文件废止', version: 3 });
    expect((await send('PUT', '/api/workbench/catalog/fees/FEE-TEST-1', reviewer, { ...fields, version: 3 })).statusCode).toBe(409);

    // gone from the public list, still in the workbench's retired filter
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/fees?q=测试登记' })).json().total).toBe(0);
    expect((await send('GET', '/api/workbench/catalog/fees?q=FEE-TEST&status=retired', reviewer)).json().items).toEqual([
      expect.objectContaining({ code: 'FEE-TEST-1' }),
    ]);
    expect((await send('GET', '/api/workbench/catalog/fees?q=FEE-TEST', reviewer)).json().total).toBe(0);

    expect(await auditsOf('FEE-TEST-1')).toEqual([
      { action: 'catalog.fee.create', summary: expect.objectContaining({ after: expect.objectContaining({ standard: '每件 10 元' }) }) },
      { action: 'catalog.fee.update', summary: { before: { standard: '每件 10 元' }, after: { standard: '每件 8 元' } } },
      { action: 'catalog.fee.retire', summary: { reason: '文件废止' } },
    ]);
  });

  it('a guide may cite a fee only while it is effective: not after it is retired', async () => {
    const spec = demoCatalog.find((s) => s.name === '不动产抵押登记')!;
    const [d] = await findDepartments(t.ctx, [demoDepartmentId('zrzy', CITY)]);
    const code = implementationCode(d!.uscc, 3, demoBaseCode(spec));
    const editorActor: Actor = {
      id: null,
      kind: 'staff',
      name: 'zrzy.editor',
      grants: [{ role: 'catalog_editor', permissions: ['catalog.item.edit'], departmentId: d!.id, regionPath: d!.regionPath }],
    };
    const ctx = { ...t.ctx, actor: editorActor };
    const reviewerCtx = await t.as('zwfw.catalog');
    await lists.createEntry(reviewerCtx, 'fees', { ...fee, kind: 'administrative_fee', code: 'FEE-TEST-2' });
    await catalog.startDraft(ctx, code);
    const guide = demoGuide(spec, { center: '示范市市民之家', address: '市民大道 100 号', window: 'A01', phone: '0999-12345' });
    await catalog.updateDraft(ctx, code, { guide: { ...guide, fees: [{ feeCode: 'FEE-TEST-2' }] } });
    // The workbench says who cites a fee before it is retired: here one working draft; the demo's 不动产 fees, published guides.
    const cited = (await send('GET', '/api/workbench/catalog/fees?q=FEE-&pageSize=50', reviewer)).json().items as {
      code: string;
      citedBy: { published: number; working: number };
    }[];
    expect(cited.find((f) => f.code === 'FEE-TEST-2')!.citedBy).toEqual({ published: 0, working: 1 });
    expect(cited.find((f) => f.code === 'FEE-BDC-FZZ')!.citedBy.published).toBeGreaterThanOrEqual(1);
    await lists.retireEntry(reviewerCtx, 'fees', 'FEE-TEST-2', { reason: '停征', version: 1 });
    await expect(catalog.submitDraft(ctx, code)).rejects.toMatchObject({
      code: 'catalog.fee_invalid',
      fields: [{ field: 'guide.fees.0.feeCode', code: 'fee_not_effective' }],
    });
    // an expiry date in the past does the same
    await lists.createEntry(reviewerCtx, 'fees', { ...fee, kind: 'administrative_fee', code: 'FEE-TEST-3', effectiveTo: '2021-12-31' });
    await expect(catalog.updateDraft(ctx, code, { guide: { ...guide, fees: [{ feeCode: 'FEE-TEST-3' }] } })).rejects.toMatchObject({
      fields: [{ field: 'guide.fees.0.feeCode', code: 'fee_not_effective' }],
    });
  });

  it('only list managers (catalog reviewers) change the lists', async () => {
    expect((await send('GET', '/api/workbench/catalog/fees', editor)).statusCode).toBe(403);
    expect((await send('POST', '/api/workbench/catalog/fees', editor, { ...fee, code: 'FEE-TEST-X' })).statusCode).toBe(403);
    expect((await send('PUT', '/api/workbench/catalog/powers/nope', editor, { ...power, version: 1 })).statusCode).toBe(403);
    expect((await send('POST', '/api/workbench/catalog/intermediaries/ZJ-001/retire', editor, { reason: 'x', version: 1 })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/powers' })).statusCode).toBe(401);
    expect((await send('PUT', '/api/workbench/catalog/fees/NOPE', reviewer, { ...fee, code: undefined, version: 1 })).statusCode).toBe(404);
  });
});

describe('power and responsibility list (权责清单)', () => {
  it('creates, searches with paging, edits and retires within the reviewer region; audited', async () => {
    const created = await send('POST', '/api/workbench/catalog/powers', reviewer, power);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'QL-TEST-1', departmentName: expect.stringContaining('市场监督'), regionPath: `990000/${CITY}`, version: 1 });
    const missing = await send('POST', '/api/workbench/catalog/powers', reviewer, {
      ...power,
      code: 'QL-TEST-2',
      responsibilities: ' ',
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['responsibilities']);
    const unknownDept = await send('POST', '/api/workbench/catalog/powers', reviewer, {
      ...power,
      code: 'QL-TEST-2',
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownDept.json().errors).toEqual([expect.objectContaining({ field: 'departmentId', code: 'not_found' })]);

    const all = (await send('GET', '/api/workbench/catalog/powers?pageSize=5', reviewer)).json();
    expect(all.items).toHaveLength(5);
    expect(all.total).toBeGreaterThan(5);
    const page2 = (await send('GET', '/api/workbench/catalog/powers?pageSize=5&page=2', reviewer)).json();
    expect(page2.items[0].code).not.toBe(all.items[0].code);
    expect((await send('GET', '/api/workbench/catalog/powers?q=测试排污', reviewer)).json().items.map((p: { code: string }) => p.code)).toEqual(['QL-TEST-1']);

    const { code: _c, ...fields } = power;
    const edited = await send('PUT', '/api/workbench/catalog/powers/QL-TEST-1', reviewer, {
      ...fields,
      departmentId: demoDepartmentId('scjg', DISTRICT),
      version: 1,
    });
    expect(edited.json()).toMatchObject({ regionPath: `990000/${CITY}/${DISTRICT}`, version: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/power?q=测试排污' })).json().total).toBe(1);
    await send('POST', '/api/workbench/catalog/powers/QL-TEST-1/retire', reviewer, { reason: '职权调整', version: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/power?q=测试排污' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/power/download' })).body).not.toContain('测试排污');
    expect((await auditsOf('QL-TEST-1')).map((a) => a.action)).toEqual(['catalog.power.create', 'catalog.power.update', 'catalog.power.retire']);
    expect((await auditsOf('QL-TEST-1'))[1]!.summary).toMatchObject({ after: { departmentId: demoDepartmentId('scjg', DISTRICT) } });
  });

  it('a district reviewer manages its district only', async () => {
    const districtReviewer: Actor = {
      id: null,
      kind: 'staff',
      name: 'district.reviewer',
      grants: [{ role: 'catalog_reviewer', permissions: ['catalog.list.manage'], departmentId: null, regionPath: `990000/${CITY}/${DISTRICT}` }],
    };
    const ctx = { ...t.ctx, actor: districtReviewer };
    await expect(lists.createEntry(ctx, 'powers', { ...power, code: 'QL-TEST-3' })).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const own = await lists.createEntry(ctx, 'powers', { ...power, code: 'QL-TEST-3', departmentId: demoDepartmentId('scjg', DISTRICT) });
    await expect(
      lists.updateEntry(ctx, 'powers', 'QL-TEST-3', { ...power, departmentId: demoDepartmentId('scjg', CITY), version: own.version }),
    ).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const cityPower = (await lists.listEntries(t.ctx, 'powers', { page: 1, pageSize: 1, q: '示范市市场监督管理局' })).items[0]!;
    await expect(lists.retireEntry(ctx, 'powers', cityPower.code, { reason: 'x', version: cityPower.version })).rejects.toMatchObject({
      code: 'auth.out_of_scope',
    });
  });
});

describe('intermediary service list (中介服务清单)', () => {
  it('creates with a department by name or id, edits, retires; audited', async () => {
    const body = {
      code: 'ZJ-TEST-1',
      name: '建设项目节能评估报告编制',
      basis: '《固定资产投资项目节能审查办法》',
      requiredFor: '固定资产投资项目节能审查',
      providerRequirements: '不作资质要求',
      timeLimit: '',
      feeNote: '市场调节价',
      departmentName: '示范市发展和改革委员会',
    };
    const created = await send('POST', '/api/workbench/catalog/intermediaries', reviewer, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ departmentId: null, departmentName: '示范市发展和改革委员会', timeLimit: null, version: 1 });
    const noDept = await send('POST', '/api/workbench/catalog/intermediaries', reviewer, { ...body, code: 'ZJ-TEST-2', departmentName: '' });
    expect(noDept.json().errors).toEqual([expect.objectContaining({ field: 'departmentId', code: 'required' })]);
    const { code: _c, ...fields } = body;
    const edited = await send('PUT', '/api/workbench/catalog/intermediaries/ZJ-TEST-1', reviewer, {
      ...fields,
      departmentId: demoDepartmentId('zjj', CITY),
      timeLimit: '20 个工作日',
      version: 1,
    });
    expect(edited.json()).toMatchObject({ departmentName: expect.stringContaining('住房'), timeLimit: '20 个工作日', version: 2 });
    const same = await send('PUT', '/api/workbench/catalog/intermediaries/ZJ-TEST-1', reviewer, {
      ...fields,
      departmentId: demoDepartmentId('zjj', CITY),
      timeLimit: '20 个工作日',
      version: 2,
    });
    expect(same.json().version).toBe(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/intermediary?q=节能' })).json().total).toBe(1);
    await send('POST', '/api/workbench/catalog/intermediaries/ZJ-TEST-1/retire', reviewer, { reason: '取消中介服务', version: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/intermediary?q=节能' })).json().total).toBe(0);
    expect((await send('GET', '/api/workbench/catalog/intermediaries?status=all&q=节能', reviewer)).json().items).toEqual([
      expect.objectContaining({ retired: true }),
    ]);
    expect(await auditsOf('ZJ-TEST-1')).toEqual([
      expect.objectContaining({ action: 'catalog.intermediary.create' }),
      {
        action: 'catalog.intermediary.update',
        summary: { before: expect.objectContaining({ timeLimit: null }), after: expect.objectContaining({ timeLimit: '20 个工作日' }) },
      },
      { action: 'catalog.intermediary.retire', summary: { reason: '取消中介服务' } },
    ]);
  });
});
