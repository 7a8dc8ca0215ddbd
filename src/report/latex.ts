import { escapeLatex } from './escape/latex.ts';
import type { Cell } from './format.ts';

export { escapeLatex };

/**
 * LaTeX tables (booktabs) that paste into a paper. Text is escaped for every LaTeX special;
 * other Unicode (curly quotes, dashes, accents) passes through as UTF-8, so the document needs
 * `\usepackage[utf8]{inputenc}` (the default since LaTeX 2018) or a Unicode engine (XeLaTeX,
 * LuaLaTeX). The table also needs `\usepackage{booktabs}`.
 */

export interface LatexTableOptions {
  readonly caption?: string;
  /** The `\label` key; written as given after escaping braces (keys should be plain ASCII). */
  readonly label?: string;
  /** Column indexes set right-aligned (`r`); all others are `l`. */
  readonly numericColumns?: ReadonlySet<number> | readonly number[];
}

/** A key for `\label`: letters, digits and `:-_.` kept; anything else becomes `-`. */
function labelKey(label: string): string {
  return label.replace(/[^A-Za-z0-9:._-]/g, '-');
}

export function toLatex(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: LatexTableOptions = {},
): string {
  return `${[...latexTableLines(header, rows, options)].join('\n')}\n`;
}

/** The lines of `toLatex` (each to be followed by a line end), one at a time, for a long table. */
export function* latexTableLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: LatexTableOptions = {},
): Generator<string> {
  const numeric = new Set(options.numericColumns ?? []);
  const spec = header.map((_, i) => (numeric.has(i) ? 'r' : 'l')).join('');
  const line = (cells: readonly Cell[]) => `${cells.map(escapeLatex).join(' & ')} \\\\`;
  yield '% Needs \\usepackage{booktabs}; text is UTF-8: \\usepackage[utf8]{inputenc} or XeLaTeX/LuaLaTeX.';
  yield '\\begin{table}[htbp]';
  yield '  \\centering';
  if (options.caption !== undefined) yield `  \\caption{${escapeLatex(options.caption)}}`;
  if (options.label !== undefined) yield `  \\label{${labelKey(options.label)}}`;
  yield `  \\begin{tabular}{${spec}}`;
  yield '    \\toprule';
  yield `    ${line(header)}`;
  yield '    \\midrule';
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(
        `toLatex: expected ${header.length} cells per row (${header.join(', ')}), found ${row.length}`,
      );
    yield `    ${line(row)}`;
  }
  yield '    \\bottomrule';
  yield '  \\end{tabular}';
  yield '\\end{table}';
}
