// Codes and derived values, the demo catalog, search (Chinese, pinyin, initials, codes; the index following the lifecycle, popularity and the cap) and the public guide with its versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId, findDepartments } from '../org/index.ts';
import { diffGuides, implementationCode, onlineLevel, parseImplementationCode } from './guide.ts';
import { demoBaseCode } from './seed.ts';
import * as catalog from './service.ts';
import { bigrams, pinyinSuffixes, tokenizeQuery } from './search.ts';
import { CITY, codeLookup, editorOf, guideOf, spec } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const codeOf = codeLookup(() => t);

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
    await catalog.updateDraft(editor, skeleton.implementationCode, {
      // Without its 监督检验证明, a proof listed for 特种设备使用登记 only (data's 证明事项清单).
      guide: {
        ...guideOf('特种设备使用登记'),
        materials: guideOf('特种设备使用登记').materials.filter((m) => !m.name.endsWith('证明')),
        reviewRules: '核对占道位置图',
      },
    });
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
