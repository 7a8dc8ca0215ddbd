import { safeCsvText } from './escape/csv.ts';
import { type Cell, formatCell, formatNumber } from './format.ts';

export interface CsvOptions {
  /**
   * Neutralise text cells that a spreadsheet would run as a formula by prefixing a single quote,
   * as OWASP advises (the rule: escape/csv.ts). Numbers are never touched. Turn off for R or
   * pandas when raw values are needed.
   */
  readonly safeCells: boolean;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: Cell, options: CsvOptions = { safeCells: true }): string {
  // A formatted number has no quote, comma, line end or outer space, and is never neutralised.
  if (typeof value === 'number') return formatNumber(value);
  // TRUE/FALSE: the one spelling that R's read.csv, readr and pandas all read as logical.
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Control characters are dropped from every text cell, raw or not (escape/controls.ts).
  const s = typeof value === 'string' ? safeCsvText(value, options.safeCells) : formatCell(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record without its line end; a record of one empty cell is quoted so readers keep it. */
export function csvRecord(cells: readonly Cell[], options?: CsvOptions): string {
  const line = cells.map((c) => csvCell(c, options)).join(',');
  return line === '' ? '""' : line;
}

/** The header record of a CSV file with its line end: what a file streamed row by row starts with. */
export function csvHeaderLine(header: readonly string[], options?: CsvOptions): string {
  return `${csvRecord(header, options)}\r\n`;
}

/**
 * Records of `rows`, each ended by CRLF, checked against the header's width: the body of a CSV
 * file, so that a writer can append the rows of one article at a time after `toCsv(header, [])`.
 */
export function csvRows(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options?: CsvOptions,
): string {
  let out = '';
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(
        `toCsv: expected ${header.length} cells per row (${header.join(', ')}), found ${row.length}`,
      );
    out += `${csvRecord(row, options)}\r\n`;
  }
  return out;
}

/** RFC 4180 CSV: CRLF line ends, quotes doubled, a header row. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options?: CsvOptions,
): string {
  return csvHeaderLine(header, options) + csvRows(header, rows, options);
}
