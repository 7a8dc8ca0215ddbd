import { escapeMarkdownCell } from './escape/markdown.ts';
import { type Cell, DEFAULT_DIGITS, displayCell } from './format.ts';

export { escapeMarkdownCell, escapeMarkdownText, markdownCode } from './escape/markdown.ts';

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
