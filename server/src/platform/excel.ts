import type ExcelJS from 'exceljs';

/**
 * A new xlsx workbook. exceljs is loaded on first use, not at start-up: it is the heaviest package
 * the server imports (about 0.45 s and 30 MB), and only exports and imports need it.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}

/** A problem found in an uploaded workbook: sheet, row (1 is the header), column header, reason code. */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** A sheet with a bold header row (`wide`: the last column's width, e.g. for a JSON cell). */
export function addSheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], wide?: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([...headers]);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = wide && i === headers.length - 1 ? wide : 20));
  return ws;
}

/** A cell as trimmed text (rich text joined, hyperlinks by their text, dates as YYYY-MM-DD). */
export function cellText(row: ExcelJS.Row, index: number): string {
  const v = row.getCell(index + 1).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

export interface SheetRow {
  /** The row number in the sheet (for problems). */
  row: number;
  /** The cell under a header ('' when the column is missing or empty). */
  get: (header: string) => string;
}

/**
 * The data rows of a sheet, read by header (columns in any order; rows with every expected column
 * empty skipped). A missing sheet is `missing_sheet` (undefined with `optional`: the caller skips
 * it); a missing column is `missing_column`.
 */
export function readSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: readonly string[],
  problems: SheetProblem[],
  opts: { optional?: boolean } = {},
): SheetRow[] | undefined {
  const ws = wb.getWorksheet(name);
  if (!ws) {
    if (opts.optional) return undefined;
    problems.push({ sheet: name, row: 0, column: '', reason: 'missing_sheet' });
    return [];
  }
  const index = new Map<string, number>();
  ws.getRow(1).eachCell((c, n) => index.set(String(c.value ?? '').trim(), n - 1));
  for (const h of headers) if (!index.has(h)) problems.push({ sheet: name, row: 1, column: h, reason: 'missing_column' });
  const rows: SheetRow[] = [];
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const get = (h: string) => (index.has(h) ? cellText(r, index.get(h)!) : '');
    if (headers.every((h) => get(h) === '')) return;
    rows.push({ row: n, get });
  });
  return rows;
}
