/**
 * Fixed number formats, so the same input gives byte-identical outputs on every machine:
 * integers as written, other numbers rounded to 4 decimals with trailing zeros dropped.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '' : value > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(value)) return String(value);
  // Trailing zeros, then a trailing point, cut as /0+$/ and /\.$/ would (this runs for every figure of every row).
  const fixed = value.toFixed(4);
  let end = fixed.length;
  while (fixed.charCodeAt(end - 1) === 48) end--;
  if (fixed.charCodeAt(end - 1) === 46) end--;
  const trimmed = end === fixed.length ? fixed : fixed.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}

export type Cell = string | number | boolean | null | undefined;

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}
