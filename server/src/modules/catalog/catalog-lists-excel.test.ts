// The public lists as CSV downloads, and the catalog's Excel export and import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import * as catalog from './service.ts';
import { exportCatalog, importCatalog, XLSX_TYPE } from './excel.ts';
import { CITY, codeLookup } from './catalog-test-kit.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const codeOf = codeLookup(() => t);

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
