import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoCity, demoDepartmentId, findDepartments } from '../org/index.ts';
import { diffGuides, implementationCode, onlineLevel, parseImplementationCode } from './guide.ts';
import { demoBaseCode, demoCatalog, demoGuide } from './seed.ts';
import * as catalog from './service.ts';
import { exportCatalog, importCatalog, XLSX_TYPE } from './excel.ts';
import { bigrams, pinyinSuffixes, tokenizeQuery } from './search.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CITY = '990100';
const spec = (name: string) => demoCatalog.find((s) => s.name === name)!;
async function codeOf(kind: string, region: string, name: string) {
  const [d] = await findDepartments(t.ctx, [demoDepartmentId(kind, region)]);
  return implementationCode(d!.uscc, region === CITY ? 3 : 4, demoBaseCode(spec(name)));
}
const guideOf = (name: string) => demoGuide(spec(name), { center: '示范市市民之家', address: '市民大道 100 号', window: 'A01', phone: '0999-12345' });
function editorOf(kind: string, region: string): Actor {
  const path = region === CITY ? `990000/${CITY}` : `990000/${CITY}/${region}`;
  return {
    id: null,
    kind: 'staff',
    name: `${kind}.${region}.editor`,
    grants: [{ role: 'catalog_editor', permissions: ['catalog.item.edit'], departmentId: demoDepartmentId(kind, region), regionPath: path }],
  };
}

describe('codes and derived values', () => {
  it('derives the 31-character implementation code from USCC, level and base code', async () => {
    const code = await codeOf('scjg', '990102', '食品经营许可');
    expect(code).toHaveLength(31);
    const parsed = parseImplementationCode(code)!;
    expect(parsed.level).toBe(4);
    expect(parsed.baseCode).toBe(demoBaseCode(spec('食品经营许可')));
    const [d] = await findDepartments(t.ctx, [demoDepartmentId('scjg', '990102')]);
    expect(parsed.uscc).toBe(d!.uscc);
    expect(() => implementationCode(d!.uscc, 7, parsed.baseCode)).toThrow();
    expect(parseImplementationCode(`${code}X`)).toBeUndefined();
  });

  it('summarises the online depth as levels Ⅰ–Ⅳ', () => {
    expect(onlineLevel({ onlineDepth: [1], visitsRequired: 2 })).toBe('Ⅰ');
    expect(onlineLevel({ onlineDepth: [1, 2, 3], visitsRequired: 1 })).toBe('Ⅱ');
    expect(onlineLevel({ onlineDepth: [1, 2, 3, 4], visitsRequired: 1 })).toBe('Ⅲ');
    expect(onlineLevel({ onlineDepth: [1, 2, 3, 4, 5, 6], visitsRequired: 0 })).toBe('Ⅳ');
  });

  it('diffs guides field by field', () => {
    const a = guideOf('食品经营许可');
    const b = { ...a, promisedLimitDays: 3, materials: a.materials.map((m, i) => (i === 0 ? { ...m, copies: 2 } : m)) };
    expect(diffGuides(a, b).map((c) => c.field)).toEqual(['materials[0].copies', 'promisedLimitDays']);
  });

  it('tokenizes Chinese as bigrams and pinyin as suffixes', () => {
    expect(bigrams('食品经营许可')).toEqual(['食品', '品经', '经营', '营许', '许可']);
    expect(pinyinSuffixes('食品经营')).toEqual(expect.arrayContaining(['shipinjingying', 'spjy', 'jingying', 'jy']));
    expect(tokenizeQuery('spjy 许可')).toEqual([
      { token: '许可', prefix: false },
      { token: 'spjy', prefix: true },
    ]);
  });
});

describe('demo catalog', () => {
  it('has at least 60 implementations, most published, some waiting for review', async () => {
    const reviewer = await t.as('zwfw.catalog');
    const all = await catalog.listForWorkbench(reviewer, { page: 1, pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(60);
    const published = await catalog.searchItems(t.ctx, { page: 1, pageSize: 1 });
    expect(published.total).toBeGreaterThan(all.total * 0.8);
    expect((await catalog.listForWorkbench(reviewer, { page: 1, pageSize: 100, pending: 'submitted' })).total).toBeGreaterThanOrEqual(2);
    expect((await catalog.listForWorkbench(reviewer, { page: 1, pageSize: 100, pending: 'draft' })).total).toBeGreaterThanOrEqual(1);
  });
});

describe('search understands Chinese, pinyin, initials and codes (same on both engines)', () => {
  const cases: [string, string][] = [
    ['营业执照', '企业设立登记'],
    ['开办企业', '企业开办“一件事”'],
    ['食品经营', '食品经营许可'],
    ['spjy', '食品经营许可'],
    ['shipinjingying', '食品经营许可'],
    ['SPJY', '食品经营许可'],
    ['yyzz', '企业设立登记'],
    ['许可 食品经营', '食品经营许可'],
    ['经营 食品', '食品经营许可'],
    ['出生医学证明', '出生医学证明办理'],
    ['结婚', '内地居民结婚登记'],
    ['jiehun', '内地居民结婚登记'],
    ['过户', '不动产转移登记'],
    ['施工许可', '建筑工程施工许可证核发'],
    ['排污', '排污许可证核发'],
    ['低保', '最低生活保障审核确认'],
  ];
  for (const [q, expected] of cases) {
    it(`"${q}" → ${expected}`, async () => {
      const res = await catalog.searchItems(t.ctx, { q, page: 1, pageSize: 5 });
      expect(res.items[0]?.name).toBe(expected);
    });
  }

  it('finds by base code and by implementation code', async () => {
    const base = demoBaseCode(spec('食品经营许可'));
    const byBase = await catalog.searchItems(t.ctx, { q: base, page: 1, pageSize: 10 });
    expect(byBase.total).toBe(4);
    expect(byBase.items.every((i) => i.baseCode === base)).toBe(true);
    expect(byBase.items[0]!.regionCode).toBe(CITY); // most popular first
    const code = await codeOf('scjg', '990103', '食品经营许可');
    const byCode = await catalog.searchItems(t.ctx, { q: code, page: 1, pageSize: 10 });
    expect(byCode.items[0]!.implementationCode).toBe(code);
  });

  it('filters by region, department, subject and flags over HTTP', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${encodeURIComponent('食品经营')}&region=990102` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].regionCode).toBe('990102');
    const dept = demoDepartmentId('mzj', '990103');
    const byDept = (await t.app.inject({ method: 'GET', url: `/api/catalog/items?department=${dept}&pageSize=50` })).json();
    expect(byDept.total).toBeGreaterThan(0);
    expect(byDept.items.every((i: { departmentId: string }) => i.departmentId === dept)).toBe(true);
    const persons = (await t.app.inject({ method: 'GET', url: '/api/catalog/items?subject=person&flags=do-now&pageSize=100' })).json();
    expect(persons.items.length).toBeGreaterThan(0);
    expect(persons.items.every((i: { subjectTypes: string[]; doNow: boolean }) => i.subjectTypes.includes('person') && i.doNow)).toBe(true);
    const list = (await t.app.inject({ method: 'GET', url: '/api/catalog/lists/do-in-one-visit?pageSize=100' })).json();
    expect(list.items.every((i: { doInOneVisit: boolean }) => i.doInOneVisit)).toBe(true);
    for (const l of ['do-now', 'do-online', 'power', 'fees', 'intermediary']) {
      const r = await t.app.inject({ method: 'GET', url: `/api/catalog/lists/${l}` });
      expect(r.statusCode, l).toBe(200);
      expect(r.json().total, l).toBeGreaterThan(0);
    }
  });
});

describe('public guide and versions', () => {
  it('shows the published guide without review rules, with a history and field diff', async () => {
    const code = await codeOf('scjg', CITY, '食品经营许可');
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${code}` });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.version).toBe(2);
    expect(doc.guide.reviewRules).toBeUndefined();
    expect(res.body).not.toContain('现场核查经营场所与布局图一致');
    expect(doc.guide.materials.find((m: { name: string }) => m.name === '营业执照')).toMatchObject({ source: 'government', fetchedBySharing: true });
    const old = (await t.app.inject({ method: 'GET', url: `/api/catalog/items/${code}?version=1` })).json();
    expect(old.guide.promisedLimitDays).toBe(10);
    const hist = (await t.app.inject({ method: 'GET', url: `/api/catalog/items/${code}/versions` })).json();
    expect(hist.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(hist.versions[0].changes).toEqual(expect.arrayContaining([{ field: 'promisedLimitDays', before: 10, after: 5 }]));
    expect(JSON.stringify(hist)).not.toContain('reviewRules');
  });
});

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
      guide: guideOf('特种设备使用登记'),
    });
    const [d] = await findDepartments(t.ctx, [demoDepartmentId('scjg', CITY)]);
    expect(created.implementationCode).toBe(`${d!.uscc}3990118099000`);
    expect(created.state).toBe('unpublished');
    await catalog.submitDraft(editor, created.implementationCode);
    await catalog.publishSubmitted(reviewer, created.implementationCode);
    expect((await catalog.searchItems(t.ctx, { q: 'guanggaopai', page: 1, pageSize: 5 })).items[0]?.implementationCode).toBe(created.implementationCode);
  });
});

describe('search index follows the lifecycle, popularity and the cap', () => {
  it('a suspended item leaves the search and comes back on resume', async () => {
    const code = await codeOf('wjw', CITY, '公共场所卫生许可');
    const reviewer = await t.as('zwfw.catalog');
    const found = async () => (await catalog.searchItems(t.ctx, { q: '公共场所卫生', page: 1, pageSize: 20 })).items.map((i) => i.implementationCode);
    expect(await found()).toContain(code);
    await catalog.changeState(reviewer, code, 'suspend', '系统升级');
    expect(await found()).not.toContain(code);
    await catalog.changeState(reviewer, code, 'resume', '恢复');
    expect(await found()).toContain(code);
  });

  it('guide views raise an item in the ranking (popularity refreshed every 10th view)', async () => {
    const base = demoBaseCode(spec('最低生活保障审核确认'));
    const ranked = async () => (await catalog.searchItems(t.ctx, { q: base, page: 1, pageSize: 10 })).items.map((i) => i.regionCode);
    const before = await ranked();
    const last = before.at(-1)!;
    const code = await codeOf('mzj', last, '最低生活保障审核确认');
    for (let i = 0; i < 1000 && (await ranked())[0] !== last; i += 10) {
      for (let j = 0; j < 10; j++) await catalog.getPublishedGuide(t.ctx, code, undefined, { countView: true });
    }
    expect((await ranked())[0]).toBe(last);
  });

  it('lists summaries with the published figures and answers a common word with a capped total', async () => {
    const res = await catalog.searchItems(t.ctx, { q: '登记', page: 1, pageSize: 5 });
    expect(res.total).toBeGreaterThan(5);
    expect(res.total).toBeLessThanOrEqual(catalog.SEARCH_CANDIDATES);
    for (const i of res.items)
      expect(i).toMatchObject({ state: 'published', onlineLevel: expect.stringMatching(/^[ⅠⅡⅢⅣ]$/), visitsRequired: expect.any(Number) });
    const page2 = await catalog.searchItems(t.ctx, { q: '登记', page: 2, pageSize: 5 });
    expect(page2.items.map((i) => i.implementationCode)).not.toContain(res.items[0]!.implementationCode);
  });

  it('lists themes with counts and base items for editors', async () => {
    const themes = await catalog.listThemes(t.ctx);
    expect(themes.find((x) => x.theme === '开办企业')?.count).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/themes' });
    expect(res.statusCode).toBe(200);
    const editor = await t.as('scjg.editor');
    const items = await catalog.listBaseItems(editor, { q: '食品', page: 1, pageSize: 10 });
    expect(items.items.find((i) => i.name === '食品经营许可')?.implementations).toBe(4);
  });

  it('a new implementation without a guide starts from a sibling guide (own places and phones) or a skeleton', async () => {
    const editor = await t.as('scjg.editor');
    const reviewer = await t.as('zwfw.catalog');
    await catalog.createItem(reviewer, {
      baseCode: '990118098000',
      name: '临时占道经营备案',
      itemType: 'other_power',
      subjectTypes: ['entity'],
      themes: [],
      keywords: [],
      legalBasis: '《示范市市容管理办法》',
    });
    const skeleton = await catalog.createImplementation(editor, { baseCode: '990118098000', departmentId: demoDepartmentId('scjg', CITY) });
    expect((skeleton.working!.guide as { acceptanceConditions: string[] }).acceptanceConditions).toEqual(['待填写']);
    await catalog.updateDraft(editor, skeleton.implementationCode, { guide: { ...guideOf('特种设备使用登记'), reviewRules: '核对占道位置图' } });
    await catalog.submitDraft(editor, skeleton.implementationCode);
    await catalog.publishSubmitted(reviewer, skeleton.implementationCode);
    const third = await catalog.createImplementation(
      { ...t.ctx, actor: editorOf('scjg', '990103') },
      { baseCode: '990118098000', departmentId: demoDepartmentId('scjg', '990103') },
    );
    const g = third.working!.guide as { places: { name: string }[]; reviewRules: string; acceptanceConditions: string[] };
    expect(g.acceptanceConditions).toEqual(guideOf('特种设备使用登记').acceptanceConditions);
    expect(g.places[0]!.name).toBe(third.departmentName);
    expect(g.reviewRules).toBe('');
  });
});

describe('public lists', () => {
  it('downloads each list as CSV with the same rows as its page', async () => {
    for (const list of ['do-now', 'do-online', 'do-in-one-visit', 'power', 'fees', 'intermediary']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/catalog/lists/${list}/download` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      const page = (await t.app.inject({ method: 'GET', url: `/api/catalog/lists/${list}?pageSize=1` })).json();
      expect(lines.length - 1).toBe(page.total);
    }
    const fees = (await t.app.inject({ method: 'GET', url: '/api/catalog/lists/fees/download' })).body;
    expect(fees).toContain('已失效');
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/lists/nope/download' })).statusCode).toBe(400);
  });
});

describe('Excel import and export', () => {
  async function sheetValues(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().map((r) => JSON.stringify(r)) }));
  }

  it('export then import gives back the same catalog', async () => {
    const reviewer = await t.as('zwfw.catalog');
    const first = await exportCatalog(reviewer);
    const report = await importCatalog(reviewer, first).catch((e) => {
      throw new Error(JSON.stringify(e.extra?.problems?.slice(0, 5)));
    });
    expect(report.items.created + report.items.updated).toBe(0);
    expect(report.fees.created + report.fees.updated).toBe(0);
    expect(report.implementations).toMatchObject({ created: 0, drafted: 0 });
    expect(report.implementations.unchanged).toBeGreaterThanOrEqual(60);
    expect(await sheetValues(await exportCatalog(reviewer))).toEqual(await sheetValues(first));
  });

  it('a changed row becomes a draft; a bad file reports every bad row and writes nothing', async () => {
    const cookie = await t.login('zwfw.catalog');
    const exported = await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/export', headers: { cookie } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const impl = wb.getWorksheet('实施清单')!;
    const header = (impl.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const target = await codeOf('wjw', CITY, '护士执业注册');
    let targetRow = 0;
    impl.eachRow((r, n) => {
      if (r.getCell(col('实施编码')).value === target) targetRow = n;
    });
    impl.getRow(targetRow).getCell(col('承诺时限（工作日）')).value = 3;
    const good = Buffer.from(await wb.xlsx.writeBuffer());

    // the bad copy: three problems in two sheets
    impl.getRow(2).getCell(col('承诺时限（工作日）')).value = 999;
    impl.getRow(3).getCell(col('实施部门统一社会信用代码')).value = '91350100M000100Y43';
    wb.getWorksheet('事项')!.getRow(4).getCell(3).value = '行政许可证';
    const badFile = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = await t.app.inject({ method: 'POST', url: '/api/workbench/catalog/import', headers: { cookie, 'content-type': XLSX_TYPE }, payload: badFile });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('catalog.import_invalid');
    const problems = bad.json().problems as { sheet: string; row: number; column: string; reason: string }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        { sheet: '实施清单', row: 2, column: '承诺时限（工作日）', reason: 'promisedLimitDays: promised_exceeds_statutory' },
        { sheet: '实施清单', row: 3, column: '实施部门统一社会信用代码', reason: 'unknown_department' },
        { sheet: '事项', row: 4, column: '事项类型', reason: 'unknown_item_type' },
      ]),
    );
    expect((await catalog.getForWorkbench(await t.as('zwfw.catalog'), target)).working).toBeNull();

    const ok = await t.app.inject({ method: 'POST', url: '/api/workbench/catalog/import', headers: { cookie, 'content-type': XLSX_TYPE }, payload: good });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().implementations.drafted).toBe(1);
    const after = await catalog.getForWorkbench(await t.as('zwfw.catalog'), target);
    expect(after.working).toMatchObject({ status: 'draft', version: 2 });
    expect(after.changes).toEqual([{ field: 'promisedLimitDays', before: 5, after: 3 }]);
  });
});

void demoCity;
