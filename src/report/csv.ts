import { type Cell, formatCell } from './format.ts';

export interface CsvOptions {
  /**
   * Neutralise text cells that a spreadsheet would run as a formula (starting with =, +, -, @,
   * tab or carriage return) by prefixing a single quote, as OWASP advises. Numbers are never
   * touched. Turn off for R or pandas when raw values are needed.
   */
  readonly safeCells: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: Cell, options: CsvOptions = { safeCells: true }): string {
  let s = formatCell(value);
  if (options.safeCells && typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: CRLF line ends, quotes doubled, a header row. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options?: CsvOptions,
): string {
  // A record of one empty cell would be a blank line, which readers skip: quote it.
  const record = (cells: readonly Cell[]) => {
    const line = cells.map((c) => csvCell(c, options)).join(',');
    return line === '' ? '""' : line;
  };
  const lines = [record(header)];
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(
        `toCsv: expected ${header.length} cells per row (${header.join(', ')}), found ${row.length}`,
      );
    lines.push(record(row));
  }
  return lines.join('\r\n') + '\r\n';
}
