import type ExcelJS from 'exceljs';

/**
 * A new xlsx workbook. exceljs is loaded on first use, not at start-up: it is the heaviest package
 * the server imports (about 0.45 s and 30 MB), and only exports and imports need it.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}
