// 空白表格: the guide's blank-form link answers a printable PDF of the item's application form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoApplicationForm } from '../../platform/forms/index.ts';
import { cjkFont } from '../../platform/pdf.ts';
import { blankFormLayout } from './blank-form.ts';
import { CITY, codeLookup } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const codeOf = codeLookup(() => t);

describe('blank application form', () => {
  it("lays out the item's form: labels, required marks, choices and table columns; the generic form without one", () => {
    const food = blankFormLayout(demoApplicationForm('食品经营许可')).flatMap((g) => g.fields);
    expect(food.find((f) => f.label === '经营者名称')).toMatchObject({ required: true, help: '与营业执照一致', lines: 1 });
    expect(food.some((f) => f.choices && f.choices.length > 1)).toBe(true);
    const generic = blankFormLayout(undefined);
    expect(generic.flatMap((g) => g.fields).map((f) => f.label)).toContain('申请人');
  });

  it('the guide links each application material to the blank form, which answers a PDF', async () => {
    const code = await codeOf('scjg', CITY, '个体工商户设立登记');
    const guide = (await t.app.inject({ method: 'GET', url: `/api/catalog/items/${code}` })).json();
    const material = guide.guide.materials.find((m: { name: string }) => m.name.includes('申请'));
    expect(material.blankFormUrl).toBe(`/api/catalog/items/${code}/blank-form`);
    expect(guide.guide.materials.every((m: { sampleUrl?: string }) => m.sampleUrl === undefined)).toBe(true); // no sample that does not exist
    const res = await t.app.inject({ method: 'GET', url: material.blankFormUrl });
    if (cjkFont(t.config)) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('个体工商户设立登记申请表.pdf'));
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('catalog.pdf_unavailable');
    }
  });

  it('an unknown item is a 404 problem, not a file', async () => {
    const code = await codeOf('scjg', CITY, '个体工商户设立登记');
    const res = await t.app.inject({ method: 'GET', url: `/api/catalog/items/${code.slice(0, 19)}ZZZZZZZZZZZZ/blank-form` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
