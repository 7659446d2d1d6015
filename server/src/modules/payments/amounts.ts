/**
 * Money is integer fen (分). A fee-catalog standard is text ("每本 120 元", "换领、补领每证 20 元；临时身份证每证
 * 10 元"): the first amount in yuan is the unit price; a standard with no amount, or one charged per
 * area, by a rate or with exemptions (每平方米, 按…计征, %, 首本免收), is not a fixed amount and cannot be paid online.
 */
export function unitFen(standard: string): number | null {
  if (/每平方米|按.*计征|%|％|按比例|免收/.test(standard)) return null;
  const m = /(\d{1,7})(?:\.(\d{1,2}))?\s*元/.exec(standard);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** '120.00' from 12000: the display of fen, computed on integers. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
