import { escapeMarkdownCell } from './escape/markdown.ts';
import type { Cell } from './format.ts';

export { escapeMarkdownCell, escapeMarkdownText, markdownCode } from './escape/markdown.ts';

export function markdownTable(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numericColumns?: ReadonlySet<number>,
): string {
  return [...markdownTableLines(header, rows, numericColumns)].join('\n');
}

/** The lines of `markdownTable`, one at a time, for a table too long to hold as one string. */
export function* markdownTableLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numericColumns?: ReadonlySet<number>,
): Generator<string> {
  const align = header.map((_, i) => (numericColumns?.has(i) ? '---:' : '---'));
  yield `| ${header.map(escapeMarkdownCell).join(' | ')} |`;
  yield `| ${align.join(' | ')} |`;
  for (const row of rows) yield `| ${row.map(escapeMarkdownCell).join(' | ')} |`;
}
