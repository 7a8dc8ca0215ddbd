import { type Cell, formatCell } from './format.ts';

/** Escapes what would break a Markdown table cell or start unintended markup. */
export function escapeMarkdownCell(value: Cell): string {
  return formatCell(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[*_`<>[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

/** Escapes inline text (not in a table) so article text shows as written. */
export function escapeMarkdownText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/[*_`<>[\]#|]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');
}

export function markdownTable(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numericColumns?: ReadonlySet<number>,
): string {
  const align = header.map((_, i) => (numericColumns?.has(i) ? '---:' : '---'));
  const lines = [`| ${header.map(escapeMarkdownCell).join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(escapeMarkdownCell).join(' | ')} |`);
  return lines.join('\n');
}
