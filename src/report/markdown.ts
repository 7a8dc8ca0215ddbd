import { type Cell, DEFAULT_DIGITS, displayCell, formatCell } from './format.ts';

/** Characters that `escapeMarkdownCell` changes: most cells have none, and are returned as they are. */
const CELL_SPECIAL = /[\\|*_`<>[\]\r\n]/;
/** Characters that `escapeMarkdownText` changes. */
const TEXT_SPECIAL = /[\\*_`<>[\]#|\r\n]/;

/** Escapes what would break a Markdown table cell or start unintended markup. */
export function escapeMarkdownCell(value: Cell): string {
  const s = formatCell(value);
  if (!CELL_SPECIAL.test(s)) return s;
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[*_`<>[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/** Escapes inline text (not in a table) so article text shows as written. */
export function escapeMarkdownText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value
    .replace(/\\/g, '\\\\')
    .replace(/[*_`<>[\]#|]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

export function markdownTable(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numericColumns?: ReadonlySet<number>,
  digits: number = DEFAULT_DIGITS,
): string {
  return [...markdownTableLines(header, rows, numericColumns, digits)].join('\n');
}

/**
 * The lines of `markdownTable`, one at a time, for a table too long to hold as one string. Numbers
 * are shown to `digits` significant digits (see `displayNumber`).
 */
export function* markdownTableLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numericColumns?: ReadonlySet<number>,
  digits: number = DEFAULT_DIGITS,
): Generator<string> {
  const align = header.map((_, i) => (numericColumns?.has(i) ? '---:' : '---'));
  const cell = (c: Cell) => escapeMarkdownCell(displayCell(c, digits));
  yield `| ${header.map(escapeMarkdownCell).join(' | ')} |`;
  yield `| ${align.join(' | ')} |`;
  for (const row of rows) yield `| ${row.map(cell).join(' | ')} |`;
}
