import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { newWorkbook } from '../../platform/excel.ts';
import { demoCitizens, demoIdNumber } from '../identity/index.ts';
import { redact, refreshDatasets } from './datasets.ts';

/** Issue 19, open data: DCAT-style metadata, paged records, three download formats, personal data removed by rule. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const personal = [...demoCitizens.map((_, i) => demoIdNumber(i)), ...demoCitizens.map((c) => c.phone)];

describe('open data', () => {
  it('removes personal fields and anything shaped like an ID or mobile number, by rule', () => {
    const rows = redact(
      [
        { name: 'title', title: '标题' },
        { name: 'applicant', title: '申请人', personal: true },
      ],
      [{ title: `来电人 ${demoIdNumber(0)}，电话 ${demoCitizens[0]!.phone}，编号 12345678901234567`, applicant: '张明' }],
    );
    expect(rows).toEqual([{ title: '来电人 ［已隐去］，电话 ［已隐去］，编号 12345678901234567' }]);
  });

  it('lists the datasets with their metadata and serves each in CSV, JSON and xlsx without personal data', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets' });
    expect(list.statusCode).toBe(200);
    const ids = (list.json() as { items: { id: string }[] }).items.map((d) => d.id);
    expect(ids).toEqual([
      'data-resource-catalog',
      'service-items',
      'concluded-case-statistics',
      'hotline-statistics',
      'inspection-results',
      'credit-disclosures',
    ]);
    const meta = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/data-resource-catalog' })).json();
    expect(meta).toMatchObject({
      title: '政务信息资源目录',
      licence: expect.stringContaining('CC BY'),
      distributions: expect.arrayContaining([{ format: 'xlsx', url: expect.any(String) }]),
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/nope' })).statusCode).toBe(404);

    const records = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/data-resource-catalog/records?pageSize=2' })).json();
    expect(records).toMatchObject({ total: 6, pageSize: 2 }); // five demo registers and the certificate library
    expect(records.items[0]).toHaveProperty('sharingType');

    for (const id of ids) {
      const csv = await t.app.inject({ method: 'GET', url: `/api/public/open-data/datasets/${id}/download?format=csv` });
      const json = await t.app.inject({ method: 'GET', url: `/api/public/open-data/datasets/${id}/download?format=json` });
      const xlsx = await t.app.inject({ method: 'GET', url: `/api/public/open-data/datasets/${id}/download?format=xlsx` });
      expect([csv.statusCode, json.statusCode, xlsx.statusCode]).toEqual([200, 200, 200]);
      expect(csv.headers['content-type']).toContain('text/csv');
      const data = (json.json() as { data: Record<string, unknown>[] }).data;
      const wb = await newWorkbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount).toBe(data.length + 1);
      expect(csv.body.trim().split('\r\n')).toHaveLength(data.length + 1);
      for (const p of personal) expect(csv.body + json.body).not.toContain(p);
    }
    const catalog = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/data-resource-catalog/download?format=json' })).json();
    expect(catalog.data.map((r: { code: string }) => r.code)).toContain('gaj.household');
  });

  it('publishes the hotline, inspection and credit datasets with rows and without personal data', async () => {
    for (const id of ['hotline-statistics', 'inspection-results', 'credit-disclosures']) {
      const json = (await t.app.inject({ method: 'GET', url: `/api/public/open-data/datasets/${id}/download?format=json` })).json();
      expect(json.data.length, id).toBeGreaterThan(0);
    }
    const credit = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/credit-disclosures/download?format=json' })).json();
    // A person's decision keeps no name (not even the surname): the rule masks subjectName where there is no USCC.
    for (const r of credit.data as { uscc: string | null; subjectName: string }[]) if (!r.uscc) expect(r.subjectName).toBe('［已隐去］');
    expect(credit.data.some((r: { uscc: string | null }) => r.uscc)).toBe(true);
    const inspection = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/inspection-results/records' })).json();
    expect(inspection.items[0]).toMatchObject({ entityName: expect.any(String), outcome: expect.any(String) });
  });

  it('records an update history per dataset: each refresh with time, row count and change, in the metadata (DCAT modified)', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/hotline-statistics' })).json();
    const seeded = before.history.length;
    expect(seeded).toBeGreaterThanOrEqual(1); // the demo seed's first refresh
    expect(before.modified).toBe(before.history[0].at);
    const [again] = await refreshDatasets(t.ctx, ['hotline-statistics']);
    expect(again).toMatchObject({ added: 0, removed: 0, changed: false, rowCount: before.rowCount });
    const after = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/hotline-statistics' })).json();
    expect(after.history).toHaveLength(seeded + 1);
    expect(after.refreshes).toBe(seeded + 1);
    const history = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/hotline-statistics/history' })).json();
    expect(history[0]).toMatchObject({ rowCount: before.rowCount, changed: false });
    const json = (await t.app.inject({ method: 'GET', url: '/api/public/open-data/datasets/hotline-statistics/download?format=json' })).json();
    expect(json.history).toHaveLength(seeded + 1);
  });

  it('counts rows added and removed between refreshes', async () => {
    const { recordRefresh } = await import('./history.ts');
    await recordRefresh(t.ctx, 'test-only', [{ a: 1 }, { a: 2 }]);
    const second = await recordRefresh(t.ctx, 'test-only', [{ a: 2 }, { a: 3 }, { a: 4 }]);
    expect(second).toMatchObject({ rowCount: 3, added: 2, removed: 1, changed: true });
  });
});
