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

/**
 * Significant digits of the numbers a reader sees (the tables of report.md and comparison.md, the
 * LaTeX tables, the HTML view): `--digits`. The CSV and JSON files keep their own precision.
 */
export const DEFAULT_DIGITS = 3;

/**
 * A number as a table shows it: whole numbers as written, others to `digits` significant digits
 * (trailing zeros kept, so 0.300 says it is known to three digits), never in exponent form: a value
 * with more whole digits than `digits` is rounded to a whole number (1234.5 -> 1235).
 */
export function displayNumber(value: number, digits: number = DEFAULT_DIGITS): string {
  if (!Number.isFinite(value)) return formatNumber(value);
  if (Number.isInteger(value)) return String(value);
  const shown = value.toPrecision(digits);
  if (!shown.includes('e')) return shown;
  if (Math.abs(value) >= 1) return String(Math.round(value));
  // Below 1e-6 toPrecision writes an exponent: the same digits as fixed decimals instead.
  return value.toFixed(Math.min(100, digits - 1 - Math.floor(Math.log10(Math.abs(value)))));
}

/** A share (0..1) as a percentage with one decimal: 0.553488 -> `55.3%`. */
export function displayPercent(share: number): string {
  return Number.isFinite(share) ? `${(100 * share).toFixed(1)}%` : formatNumber(share);
}

/** A cell as a table shows it: numbers by `displayNumber`, anything else as it is. */
export function displayCell(value: Cell, digits: number = DEFAULT_DIGITS): Cell {
  return typeof value === 'number' ? displayNumber(value, digits) : value;
}
