import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId, findDepartments } from '../org/index.ts';
import { exportCatalog, importCatalog } from './excel.ts';
import * as lists from './lists.ts';

// The power list (权责清单) and the intermediary list (中介服务清单) travel in the catalog workbook
// like the fee catalog: exported whole, imported all or nothing, departments by USCC.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const CITY = '990100';

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
function column(ws: ExcelJS.Worksheet, header: string): number {
  return (ws.getRow(1).values as string[]).indexOf(header);
}
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === code) found = n;
  });
  return found;
}

describe('权责清单 and 中介服务清单 in the catalog workbook', () => {
  it('exports both lists with the department USCC, and imports them back unchanged', async () => {
    const reviewer = await env.as('zwfw.catalog');
    const wb = await workbook(await exportCatalog(reviewer));
    const powers = wb.getWorksheet('权责清单')!;
    const intermediaries = wb.getWorksheet('中介服务清单')!;
    expect((powers.getRow(1).values as string[]).slice(1)).toEqual([
      '权力编码',
      '权力名称',
      '权力类型',
      '设定依据',
      '责任事项',
      '追责情形',
      '实施部门统一社会信用代码',
      '实施部门',
    ]);
    expect((intermediaries.getRow(1).values as string[]).slice(1)).toEqual([
      '中介服务编码',
      '中介服务名称',
      '设定依据',
      '对应事项',
      '服务机构要求',
      '办理时限',
      '收费',
      '主管部门统一社会信用代码',
      '主管部门',
    ]);
    const allPowers = await lists.listEntries(env.ctx, 'powers', { page: 1, pageSize: 500, status: 'all' });
    expect(powers.rowCount - 1).toBe(allPowers.total);
    const first = allPowers.items[0]!;
    const [dept] = await findDepartments(env.ctx, [first.departmentId]);
    expect(powers.getRow(rowOf(powers, first.code)).getCell(column(powers, '实施部门统一社会信用代码')).value).toBe(dept!.uscc);
    expect(intermediaries.rowCount - 1).toBe((await lists.listEntries(env.ctx, 'intermediaries', { page: 1, pageSize: 500, status: 'all' })).total);

    const report = await importCatalog(reviewer, await bytes(wb));
    expect(report.powers).toEqual({ created: 0, updated: 0, unchanged: allPowers.total });
    expect(report.intermediaries.created + report.intermediaries.updated).toBe(0);
  });

  it('a changed power and a new intermediary are written; bad rows are listed and nothing is written', async () => {
    const reviewer = await env.as('zwfw.catalog');
    const wb = await workbook(await exportCatalog(reviewer));
    const powers = wb.getWorksheet('权责清单')!;
    const target = (await lists.listEntries(env.ctx, 'powers', { page: 1, pageSize: 1 })).items[0]!;
    powers.getRow(rowOf(powers, target.code)).getCell(column(powers, '追责情形')).value = '依照《示范市行政问责办法》追究责任';
    const intermediaries = wb.getWorksheet('中介服务清单')!;
    intermediaries.addRow([
      'ZJ-XLSX-1',
      '消防设施检测报告编制',
      '《消防法》第十六条',
      '公众聚集场所投入使用、营业前消防安全检查',
      '具备相应从业条件',
      '15 个工作日',
      '市场调节价',
      '',
      '示范市消防救援支队',
    ]);
    const good = await bytes(wb);

    // the bad copy: an unknown department, a power without its department, a duplicate code
    const [zjj] = await findDepartments(env.ctx, [demoDepartmentId('zjj', CITY)]);
    powers.addRow(['QL-XLSX-1', '对测试行为的处罚', '行政处罚', '《测试法》', '立案、调查', '依法追责', '91350100MA0000000X', '']);
    powers.addRow(['QL-XLSX-2', '对测试行为的检查', '行政检查', '《测试法》', '检查', '依法追责', '', '示范市住房和城乡建设局']);
    intermediaries.addRow(['ZJ-XLSX-1', '重复的中介服务', '《测试办法》', '测试', '不限', '', '', zjj!.uscc, '']);
    const refused = await importCatalog(reviewer, await bytes(wb)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'catalog.import_invalid' });
    expect((refused as { extra: { problems: unknown[] } }).extra.problems).toEqual([
      { sheet: '权责清单', row: powers.rowCount - 1, column: '实施部门统一社会信用代码', reason: 'unknown_department' },
      { sheet: '权责清单', row: powers.rowCount, column: '实施部门统一社会信用代码', reason: 'required' },
      { sheet: '中介服务清单', row: intermediaries.rowCount, column: '中介服务编码', reason: 'duplicate' },
    ]);
    expect((await lists.listEntries(env.ctx, 'intermediaries', { page: 1, pageSize: 5, q: 'ZJ-XLSX' })).total).toBe(0);

    const report = await importCatalog(reviewer, good);
    expect(report.powers).toMatchObject({ created: 0, updated: 1 });
    expect(report.intermediaries).toMatchObject({ created: 1, updated: 0 });
    expect((await lists.listEntries(env.ctx, 'powers', { page: 1, pageSize: 1, q: target.code })).items[0]).toMatchObject({
      accountability: '依照《示范市行政问责办法》追究责任',
      version: target.version + 1,
    });
    expect((await lists.listEntries(env.ctx, 'intermediaries', { page: 1, pageSize: 5, q: 'ZJ-XLSX' })).items).toEqual([
      expect.objectContaining({ code: 'ZJ-XLSX-1', departmentId: null, departmentName: '示范市消防救援支队', timeLimit: '15 个工作日', version: 1 }),
    ]);
  });

  it('a district reviewer changes only its district entries; a workbook without the two sheets leaves them as they are', async () => {
    const district: Actor = {
      id: null,
      kind: 'staff',
      name: 'district.reviewer',
      grants: [
        { role: 'catalog_reviewer', permissions: ['catalog.item.review', 'catalog.list.manage'], departmentId: null, regionPath: `990000/${CITY}/990102` },
      ],
    };
    const wb = await workbook(await exportCatalog(env.ctx));
    // implementations out of the way: only the lists are under test
    const impl = wb.getWorksheet('实施清单')!;
    const header = (impl.getRow(1).values as string[]).slice(1);
    wb.removeWorksheet(impl.id);
    wb.addWorksheet('实施清单').addRow(header);
    const powers = wb.getWorksheet('权责清单')!;
    const cityPower = (await lists.listEntries(env.ctx, 'powers', { page: 1, pageSize: 1, q: '示范市市场监督管理局' })).items[0]!;
    powers.getRow(rowOf(powers, cityPower.code)).getCell(column(powers, '责任事项')).value = '区级改动';
    const refused = await importCatalog({ ...env.ctx, actor: district }, await bytes(wb)).catch((e: unknown) => e);
    expect((refused as { extra: { problems: unknown[] } }).extra.problems).toEqual([
      { sheet: '权责清单', row: rowOf(powers, cityPower.code), column: '权力编码', reason: 'out_of_scope' },
    ]);

    wb.removeWorksheet(powers.id);
    wb.removeWorksheet(wb.getWorksheet('中介服务清单')!.id);
    const report = await importCatalog({ ...env.ctx, actor: district }, await bytes(wb));
    expect(report).toMatchObject({ powers: { created: 0, updated: 0, unchanged: 0 }, intermediaries: { created: 0, updated: 0, unchanged: 0 } });
    expect((await lists.listEntries(env.ctx, 'powers', { page: 1, pageSize: 1, q: cityPower.code })).items[0]!.responsibilities).toBe(
      cityPower.responsibilities,
    );
  });
});
