/**
 * Fixed number formats, so the same input gives byte-identical outputs on every machine:
 * integers as written, other numbers rounded to 4 decimals with trailing zeros dropped.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '' : value > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

export type Cell = string | number | boolean | null | undefined;

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}
