import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import * as catalog from './service.ts';
import { exportCatalog, importCatalog } from './excel.ts';

// The base catalog (基本目录) and the fee catalog serve the whole city (issue 11 §2): a district's
// reviewer, or a reviewer bound to one department, neither adds base items nor changes them or fees
// through the import. (The HTTP cells of the same rule are in test/http/scope-matrix.test.ts.)

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const reviewer = (regionPath: string, departmentId: string | null): Actor => ({
  id: null,
  kind: 'staff',
  name: 'reviewer',
  grants: [{ role: 'catalog_reviewer', permissions: ['catalog.item.review', 'catalog.list.manage'], departmentId, regionPath }],
});
const district = reviewer('990000/990100/990103', null);
const departmentBound = reviewer('990000/990100', demoDepartmentId('zjj', '990100'));
const city = reviewer('990000/990100', null);
const item = (baseCode: string) => ({
  baseCode,
  name: '户外广告设置备案',
  itemType: 'other_power' as const,
  subjectTypes: ['entity' as const],
  themes: [],
  keywords: [],
  legalBasis: '《示范市户外广告管理办法》',
});

describe('the base catalog and the fee catalog are city-wide', () => {
  it('only a city-wide reviewer adds a base item', async () => {
    await expect(catalog.createItem({ ...env.ctx, actor: district }, item('990118095001'))).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    await expect(catalog.createItem({ ...env.ctx, actor: departmentBound }, item('990118095001'))).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    await expect(catalog.createItem({ ...env.ctx, actor: city }, item('990118095001'))).resolves.toMatchObject({ baseCode: '990118095001' });
  });

  it('an import that changes a base item or a fee needs a city-wide grant; unchanged rows need none', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportCatalog(env.ctx)) as unknown as ArrayBuffer);
    // Keep only the two city-wide sheets' rows: no implementation rows.
    const impl = wb.getWorksheet('实施清单')!;
    const header = (impl.getRow(1).values as string[]).slice(1);
    wb.removeWorksheet(impl.id);
    wb.addWorksheet('实施清单').addRow(header);
    const unchanged = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(importCatalog({ ...env.ctx, actor: district }, unchanged)).resolves.toMatchObject({
      items: { created: 0, updated: 0 },
      fees: { created: 0, updated: 0 },
    });

    const items = wb.getWorksheet('事项')!;
    const itemName = (items.getRow(1).values as string[]).indexOf('事项名称');
    items.getRow(2).getCell(itemName).value = `${items.getRow(2).getCell(itemName).value}（改）`;
    const fees = wb.getWorksheet('收费目录')!;
    const standard = (fees.getRow(1).values as string[]).indexOf('收费标准');
    fees.getRow(2).getCell(standard).value = '每件 1 元';
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    for (const actor of [district, departmentBound]) {
      const refused = await importCatalog({ ...env.ctx, actor }, changed).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'catalog.import_invalid' });
      expect((refused as { extra: { problems: unknown[] } }).extra.problems).toEqual([
        { sheet: '事项', row: 2, column: '基本编码', reason: 'out_of_scope' },
        { sheet: '收费目录', row: 2, column: '收费编码', reason: 'out_of_scope' },
      ]);
    }
    await expect(importCatalog({ ...env.ctx, actor: city }, changed)).resolves.toMatchObject({ items: { updated: 1 }, fees: { updated: 1 } });
  });
});
