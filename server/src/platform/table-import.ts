import type { z } from 'zod';
import { parseCsv } from './csv.ts';
import { newWorkbook } from './excel.ts';
import { hasBadCharacters } from './http/input-guard.ts';

/** A problem with one cell of an imported table: `row` counts from 1, the header row. */
export interface RowError {
  row: number;
  field: string;
  code: string;
}

export type TableFormat = 'csv' | 'xlsx';

/** An uploaded table as rows of cell texts: CSV (UTF-8) or the first sheet of an xlsx file. */
export async function readTable(file: Buffer, format: TableFormat): Promise<string[][]> {
  return format === 'csv' ? parseCsv(file.toString('utf8')) : readFirstSheet(file);
}

/**
 * The first worksheet of an xlsx file as rows of cell texts (empty rows left out; a rich-text or
 * hyperlink cell gives its text; an empty cell gives '').
 */
export async function readFirstSheet(buffer: Buffer): Promise<string[][]> {
  const wb = await newWorkbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const out: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (r) => {
    const values = (r.values as unknown[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && v && 'text' in v ? String((v as { text: unknown }).text) : String(v)));
    out.push(values);
  });
  return out;
}

export type RecordRow<T> = { row: number; ok: true; value: T; raw: Record<string, string> } | { row: number; ok: false; errors: RowError[] };

export interface TableRecords<T> {
  /** Required columns the header row lacks (`missing_column`, row 1). */
  headerErrors: RowError[];
  /** Every data row in file order: the parsed record, or its field errors. */
  rows: RecordRow<T>[];
}

/**
 * Rows → records: the header row names the columns (any of several names per field, e.g. Chinese
 * and code names), each data row becomes an object of its trimmed non-empty cells and is parsed by
 * `schema`. A cell that cannot be stored (NUL, lone surrogate) is `invalid_characters`; a zod issue
 * is `required` (missing) or `invalid`, unless `issueCode` names it otherwise. What the rows mean
 * together (duplicates, lookups, scope) is the caller's: it walks `rows` in order.
 */
export function readRecords<S extends z.ZodType<Record<string, unknown>>>(
  table: string[][],
  opts: {
    /** Header text → field. */
    columns: Record<string, string>;
    required: readonly string[];
    schema: S;
    issueCode?: (field: string, raw: Record<string, string>, issue: z.core.$ZodIssue) => string | undefined;
  },
): TableRecords<z.infer<S>> {
  const [header, ...body] = table;
  const keys = (header ?? []).map((h) => opts.columns[h.trim()]);
  const headerErrors = opts.required.filter((f) => !keys.includes(f)).map((field) => ({ row: 1, field, code: 'missing_column' }));
  const rows = body.map((cells, i): RecordRow<z.infer<S>> => {
    const row = i + 2;
    const raw: Record<string, string> = {};
    keys.forEach((k, j) => {
      if (k && cells[j] !== undefined && cells[j]!.trim() !== '') raw[k] = cells[j]!.trim();
    });
    // A NUL or a lone surrogate cannot be stored (http/input-guard.ts checks JSON; a file is checked here).
    const unstorable = Object.entries(raw).filter(([, v]) => hasBadCharacters(v));
    if (unstorable.length) return { row, ok: false, errors: unstorable.map(([field]) => ({ row, field, code: 'invalid_characters' })) };
    const parsed = opts.schema.safeParse(raw);
    if (!parsed.success) {
      return {
        row,
        ok: false,
        errors: parsed.error.issues.map((issue) => {
          const field = String(issue.path[0] ?? '');
          return { row, field, code: opts.issueCode?.(field, raw, issue) ?? (issue.code === 'invalid_type' ? 'required' : 'invalid') };
        }),
      };
    }
    return { row, ok: true, value: parsed.data, raw };
  });
  return { headerErrors, rows };
}
