// The public search by place (a district sees its own implementations and the city's for items it has none of) and "did you mean".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoCatalog } from './seed.ts';
import * as catalog from './service.ts';
import { phraseOf, substringDistance, suggestAmong } from './suggest.ts';
import { CITY } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DISTRICT = '990102';
const cityOnly = demoCatalog.find((s) => s.where === 'city')!.name;
const everywhere = demoCatalog.find((s) => s.where === 'all')!.name;

describe('search by place', () => {
  it("a district's search shows the city's items it has no implementation of, and its own where it has one", async () => {
    const city = await catalog.searchItems(t.ctx, { q: cityOnly, region: DISTRICT, page: 1, pageSize: 50 });
    const hits = city.items.filter((i) => i.name === cityOnly);
    expect(hits.map((i) => i.regionCode)).toEqual([CITY]);
    const own = await catalog.searchItems(t.ctx, { q: everywhere, region: DISTRICT, page: 1, pageSize: 50 });
    expect(own.items.filter((i) => i.name === everywhere).map((i) => i.regionCode)).toEqual([DISTRICT]);
  });

  it('browsing a district (no query) lists the city-level items too, never another district', async () => {
    const all = await catalog.searchItems(t.ctx, { region: DISTRICT, page: 1, pageSize: 100 });
    const regions = new Set(all.items.map((i) => i.regionCode));
    expect(regions).toContain(CITY);
    expect(regions).toContain(DISTRICT);
    expect([...regions].every((r) => r === CITY || r === DISTRICT)).toBe(true);
    // Each item once: the district's own implementation hides the city's.
    const names = all.items.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the city chosen lists only city-level items; an unknown region nothing', async () => {
    const city = await catalog.searchItems(t.ctx, { q: everywhere, region: CITY, page: 1, pageSize: 50 });
    expect(city.items.filter((i) => i.name === everywhere).length).toBe(4); // the city's subtree holds the districts
    const none = await catalog.searchItems(t.ctx, { q: everywhere, region: '123456', page: 1, pageSize: 50 });
    expect(none.total).toBe(0);
  });
});

describe('did you mean', () => {
  it('measures edits to the closest part of a text', () => {
    expect(substringDistance('许克', '食品经营许可')).toBe(1);
    expect(substringDistance('经营', '食品经营许可')).toBe(0);
    expect(substringDistance('shipingjingying', 'shipinjingyingxuke')).toBe(1);
  });

  it('suggests the closest published name for a Chinese or pinyin typo, nothing for a query a name contains', () => {
    const list = ['食品经营许可', '企业设立登记', '营业执照', '营业执照变更', '开办企业'].map(phraseOf);
    expect(suggestAmong('食品经营许克', list)).toBe('食品经营许可');
    expect(suggestAmong('营业执找', list)).toBe('营业执照');
    expect(suggestAmong('shipingjingying', list)).toBe('食品经营许可');
    expect(suggestAmong('食品经营', list)).toBeUndefined();
    expect(suggestAmong('spjy', list)).toBeUndefined(); // initials
    expect(suggestAmong('护照', list)).toBeUndefined(); // two edits away from everything
    expect(suggestAmong('11000', list)).toBeUndefined(); // codes are not corrected
  });

  it('answers the suggestion with the search over HTTP, and the suggestion finds the item', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${encodeURIComponent('食品经营许克')}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().suggestion).toBe('食品经营许可');
    const right = (await t.app.inject({ method: 'GET', url: `/api/catalog/items?q=${encodeURIComponent('食品经营许可')}` })).json();
    expect(right.suggestion).toBeUndefined();
    expect(right.items[0].name).toBe('食品经营许可');
    const pinyin = (await t.app.inject({ method: 'GET', url: '/api/catalog/items?q=shipingjingyingxuke' })).json();
    expect(pinyin.total).toBe(0);
    expect(pinyin.suggestion).toBe('食品经营许可');
  });
});
