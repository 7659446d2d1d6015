/**
 * Every CSV the platform writes goes through here. Spreadsheet programs run a cell that starts with
 * `=`, `+`, `-` or `@` (and, in some, a tab or carriage return) as a formula, so a fee named
 * `=HYPERLINK("http://evil", "点此")` would become a live link in the reader's Excel ("CSV formula
 * injection"). Such a cell gets a leading apostrophe, as OWASP recommends: Excel and WPS then show
 * it as text. Plain numbers (`-5`, `+3.5`) stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** One cell: formula-like text defused, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A whole CSV document: UTF-8 with a byte order mark (so Excel opens Chinese text correctly),
 * CRLF line ends, the first row being the header.
 */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Reads a CSV document into rows of cells (RFC 4180: quoted cells may hold commas, quotes doubled
 * and line breaks; CRLF, LF or CR line ends; a leading byte order mark dropped). Rows with nothing
 * but blank cells are left out.
 */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      cell = '';
      if (row.some((x) => x.trim() !== '')) out.push(row);
      row = [];
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) out.push(row);
  return out;
}
