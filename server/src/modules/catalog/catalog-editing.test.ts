// Editing the catalog: the version lifecycle, the rules a guide must follow, and who may edit what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId, findDepartments } from '../org/index.ts';
import { demoBaseCode } from './seed.ts';
import * as catalog from './service.ts';
import { CITY, codeLookup, editorOf, guideOf, spec } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const codeOf = codeLookup(() => t);

describe('lifecycle', () => {
  it('draft → submitted → published; published versions are immutable; new versions copy', async () => {
    const code = await codeOf('zjj', CITY, '建筑工程施工许可证核发');
    const editor = await t.as('zjj.editor');
    const reviewer = await t.as('zwfw.catalog');
    // no draft yet: editing the published version is not possible
    await expect(catalog.updateDraft(editor, code, { guide: guideOf('建筑工程施工许可证核发') })).rejects.toMatchObject({
      code: 'workflow.action_not_allowed',
    });
    const started = await catalog.startDraft(editor, code);
    expect(started.working).toMatchObject({ version: 2, status: 'draft' });
    expect(started.changes).toEqual([]);
    await expect(catalog.startDraft(editor, code)).rejects.toMatchObject({ code: 'catalog.draft_exists' });
    const g = { ...(started.working!.guide as ReturnType<typeof guideOf>), promisedLimitDays: 2 };
    const saved = await catalog.updateDraft(editor, code, { guide: g, changeNote: '压减时限' });
    expect(saved.changes).toEqual([{ field: 'promisedLimitDays', before: 3, after: 2 }]);
    // the portal still shows version 1
    expect((await catalog.getPublishedGuide(t.ctx, code)).guide.promisedLimitDays).toBe(3);
    await expect(catalog.publishSubmitted(reviewer, code)).rejects.toMatchObject({ code: 'workflow.action_not_allowed' });
    await catalog.submitDraft(editor, code);
    await expect(catalog.updateDraft(editor, code, { guide: g })).rejects.toMatchObject({ code: 'workflow.action_not_allowed' });
    await expect(catalog.publishSubmitted(editor, code)).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const rejected = await catalog.rejectSubmitted(reviewer, code, '请补充说明');
    expect(rejected.working).toMatchObject({ status: 'draft', reviewComment: '请补充说明' });
    await catalog.submitDraft(editor, code);
    const published = await catalog.publishSubmitted(reviewer, code);
    expect(published.publishedVersion).toBe(2);
    expect(published.working).toBeNull();
    expect((await catalog.getPublishedGuide(t.ctx, code)).guide.promisedLimitDays).toBe(2);
    expect((await catalog.getPublishedGuide(t.ctx, code, 1)).guide.promisedLimitDays).toBe(3);
    expect((await catalog.getApplicableVersion(t.ctx, code)).version).toBe(2);
  });

  it('a refused action is a 409 naming the actions its state allows', async () => {
    const code = await codeOf('wjw', CITY, '公共场所卫生许可');
    const cookie = await t.login('zwfw.catalog');
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/catalog/implementations/${code}/resume`,
      headers: { cookie },
      payload: { reason: '恢复' },
    });
    expect(resume.statusCode).toBe(409);
    expect(resume.json()).toMatchObject({ code: 'workflow.action_not_allowed', action: 'resume', allowed: ['edit', 'publish', 'suspend', 'abolish'] });
    const reject = await t.app.inject({
      method: 'POST',
      url: `/api/workbench/catalog/implementations/${code}/submitted/reject`,
      headers: { cookie },
      payload: { reason: '退回' },
    });
    expect(reject.statusCode).toBe(409);
    expect(reject.json()).toMatchObject({ code: 'workflow.action_not_allowed', action: 'reject', allowed: ['start_draft'] });
  });

  it('suspended and abolished items are not applicable', async () => {
    const code = await codeOf('jtj', CITY, '道路货物运输经营许可');
    const reviewer = await t.as('zwfw.catalog');
    expect((await catalog.getApplicableVersion(t.ctx, code)).guide.doOnline).toBe(true);
    await catalog.changeState(reviewer, code, 'suspend', '系统升级');
    await expect(catalog.getApplicableVersion(t.ctx, code)).rejects.toMatchObject({ code: 'catalog.not_applicable' });
    await catalog.changeState(reviewer, code, 'resume', '恢复');
    await catalog.changeState(reviewer, code, 'abolish', '取消');
    await expect(catalog.getApplicableVersion(t.ctx, code)).rejects.toMatchObject({ code: 'catalog.not_applicable' });
    await expect(catalog.startDraft(await t.as('zwfw.catalog'), code)).rejects.toThrow();
    expect((await catalog.searchItems(t.ctx, { q: '道路货物运输', page: 1, pageSize: 5 })).items.map((i) => i.implementationCode)).not.toContain(code);
    const seeded = await codeOf('yjj', CITY, '烟花爆竹经营（零售）许可');
    await expect(catalog.getApplicableVersion(t.ctx, seeded)).rejects.toMatchObject({ code: 'catalog.not_applicable' });
  });
});

describe('guide rules', () => {
  it('accepts fees only from the fee catalog and only while effective', async () => {
    const code = await codeOf('zrzy', CITY, '不动产抵押登记');
    const editor: Actor = editorOf('zrzy', CITY);
    const ctx = { ...t.ctx, actor: editor };
    await catalog.startDraft(ctx, code);
    const base = guideOf('不动产抵押登记');
    const unknown = await catalog
      .updateDraft(ctx, code, { guide: { ...base, fees: [{ feeCode: 'FEE-BDC-FZZ' }, { feeCode: 'FEE-MADE-UP' }] } })
      .catch((e) => e);
    expect(unknown).toMatchObject({ code: 'catalog.fee_invalid', status: 400, fields: [{ field: 'guide.fees.1.feeCode', code: 'not_in_fee_catalog' }] });
    const expired = await catalog.updateDraft(ctx, code, { guide: { ...base, fees: [{ feeCode: 'FEE-OLD-HYZ' }] } }).catch((e) => e);
    expect(expired).toMatchObject({ code: 'catalog.fee_invalid', fields: [{ field: 'guide.fees.0.feeCode', code: 'fee_not_effective' }] });
    await catalog.updateDraft(ctx, code, { guide: { ...base, fees: [{ feeCode: 'FEE-BDC-FZZ' }] } });
  });

  it('never demands a government-issued material and keeps promised ≤ statutory (HTTP, field errors)', async () => {
    const cookie = await t.login('scjg.editor');
    const code = await codeOf('scjg', CITY, '食品生产许可');
    expect((await t.app.inject({ method: 'POST', url: `/api/workbench/catalog/implementations/${code}/drafts`, headers: { cookie } })).statusCode).toBe(200);
    const g = guideOf('食品生产许可');
    const demanded = {
      ...g,
      materials: [...g.materials, { name: '营业执照', form: 'copy', copies: 1, required: true, source: 'government', fetchedBySharing: false }],
    };
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/workbench/catalog/implementations/${code}/draft`,
      headers: { cookie },
      payload: { guide: demanded },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: `guide.materials.${g.materials.length}.fetchedBySharing`, code: 'government_material_demanded' }),
    ]);
    const over = await t.app.inject({
      method: 'PUT',
      url: `/api/workbench/catalog/implementations/${code}/draft`,
      headers: { cookie },
      payload: { guide: { ...g, promisedLimitDays: 30 } },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([expect.objectContaining({ field: 'guide.promisedLimitDays', code: 'promised_exceeds_statutory' })]);
    const { fetchedBySharing: _f, ...unflagged } = demanded.materials.at(-1)!;
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/workbench/catalog/implementations/${code}/draft`,
      headers: { cookie },
      payload: { guide: { ...g, materials: [...g.materials, unflagged] } },
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json().working.guide.materials as { fetchedBySharing: boolean }[]).at(-1)!.fetchedBySharing).toBe(true);
  });
});

describe('permissions', () => {
  it('a department editor edits only its own department', async () => {
    const cookie = await t.login('scjg.editor');
    const other = await codeOf('zjj', CITY, '商品房预售许可');
    const res = await t.app.inject({ method: 'POST', url: `/api/workbench/catalog/implementations/${other}/drafts`, headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.out_of_scope');
    const district = await codeOf('scjg', '990102', '企业注销登记');
    expect((await t.app.inject({ method: 'POST', url: `/api/workbench/catalog/implementations/${district}/drafts`, headers: { cookie } })).statusCode).toBe(
      403,
    );
    const mine = (await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/implementations?pageSize=100', headers: { cookie } })).json();
    expect(mine.items.every((i: { departmentId: string }) => i.departmentId === demoDepartmentId('scjg', CITY))).toBe(true);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/workbench/catalog/implementations/${other}/submitted/publish`, headers: { cookie }, payload: {} }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/workbench/catalog/implementations/${other}/drafts` })).statusCode).toBe(401);
  });

  it('district A cannot edit district B (department grant and region grant)', async () => {
    const a = { ...t.ctx, actor: editorOf('mzj', '990102') };
    const own = await codeOf('mzj', '990102', '最低生活保障审核确认');
    const b = await codeOf('mzj', '990103', '最低生活保障审核确认');
    await catalog.startDraft(a, own);
    await expect(catalog.startDraft(a, b)).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const regionWide: Actor = {
      id: null,
      kind: 'staff',
      name: 'x',
      grants: [{ role: 'catalog_editor', permissions: ['catalog.item.edit'], departmentId: null, regionPath: `990000/${CITY}/990102` }],
    };
    await expect(catalog.startDraft({ ...t.ctx, actor: regionWide }, b)).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    await expect(
      catalog.createImplementation(
        { ...t.ctx, actor: editorOf('mzj', '990102') },
        { baseCode: demoBaseCode(spec('内地居民结婚登记')), departmentId: demoDepartmentId('mzj', '990103'), guide: guideOf('内地居民结婚登记') },
      ),
    ).rejects.toMatchObject({ code: 'auth.out_of_scope' });
  });

  it('an editor creates an implementation for a new base item; the code is derived', async () => {
    const reviewer = await t.as('zwfw.catalog');
    await catalog.createItem(reviewer, {
      baseCode: '990118099000',
      name: '户外广告设置备案',
      itemType: 'other_power',
      subjectTypes: ['entity'],
      themes: [],
      keywords: ['广告牌'],
      legalBasis: '《示范市户外广告管理办法》',
    });
    const editor = await t.as('scjg.editor');
    const created = await catalog.createImplementation(editor, {
      baseCode: '990118099000',
      departmentId: demoDepartmentId('scjg', CITY),
      // Without its 监督检验证明: that proof is on the proof list for 特种设备使用登记 only (data's 证明事项清单).
      guide: { ...guideOf('特种设备使用登记'), materials: guideOf('特种设备使用登记').materials.filter((m) => !m.name.endsWith('证明')) },
    });
    const [d] = await findDepartments(t.ctx, [demoDepartmentId('scjg', CITY)]);
    expect(created.implementationCode).toBe(`${d!.uscc}3990118099000`);
    expect(created.state).toBe('unpublished');
    await catalog.submitDraft(editor, created.implementationCode);
    await catalog.publishSubmitted(reviewer, created.implementationCode);
    expect((await catalog.searchItems(t.ctx, { q: 'guanggaopai', page: 1, pageSize: 5 })).items[0]?.implementationCode).toBe(created.implementationCode);
  });
});
