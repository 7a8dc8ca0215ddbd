import { type Cell, DEFAULT_DIGITS, displayCell, formatCell } from './format.ts';
import { escapeLatex } from './latex.ts';

/**
 * LaTeX tables that go into a paper as they are: booktabs rules, numbers to `--digits`
 * significant digits, every table no wider than the text of LaTeX's article class, and long
 * tables as `longtable`s that break across pages. A table too wide for the page is split into
 * parts of columns, each repeating the columns that name a row (article, outlet), rather than
 * shrunk or run off the page. Widths are estimated from the characters of each cell at
 * `\footnotesize` (generously, so that an estimate never falls short of what LaTeX sets).
 *
 * The document needs `\usepackage{booktabs}` and `\usepackage{longtable}`; text is UTF-8
 * (`\usepackage[utf8]{inputenc}`, the default since LaTeX 2018, or XeLaTeX/LuaLaTeX).
 */

export interface PaperTableOptions {
  readonly caption?: string;
  /** The `\label` key of the first part (later parts add `:2`, `:3`, ...). */
  readonly label?: string;
  /** Column indexes set right-aligned (`r`); all others are text. */
  readonly numericColumns?: ReadonlySet<number> | readonly number[];
  /** The leading columns that name a row, repeated in every part of a split table. */
  readonly keyColumns?: number;
  /** Significant digits of the numbers (see `displayNumber`). */
  readonly digits?: number;
  /** The width a table may take, in points: the text width of the article class at 10 pt. */
  readonly width?: number;
  /** Tables of more rows than this are `longtable`s, which break across pages. */
  readonly longAfter?: number;
}

/** `\textwidth` of `\documentclass{article}` at 10 pt (A4 and letter alike). */
export const ARTICLE_TEXT_WIDTH_PT = 345;
/** A float of more rows than this no longer fits a page at `\footnotesize`. */
export const LONGTABLE_AFTER_ROWS = 30;
/** `\tabcolsep` on each side of a column. */
const COLUMN_PADDING_PT = 12;
/** The widest a text column grows (with its padding) before its cells wrap. */
const TEXT_COLUMN_MAX_PT = 100;

/** Widths in points at `\footnotesize` (cmr8, measured with `\settowidth`), each group rounded up. */
const CHARACTER_WIDTHS: readonly (readonly [points: number, characters: string])[] = [
  [2.4, ".,:;!'`il[]"],
  [2.9, ' -fj'],
  [3.4, 'rst()I'],
  [3.8, 'cez'],
  [4.3, 'ag0123456789/*"?$_{}~^\\'],
  [4.75, 'bdhknopquvxyJS'],
  [5.8, 'BEFLPZ'],
  [6.7, 'ACDGHKNOQRTUVXYw&=+<>'],
  [7.1, 'm%#@'],
  [8.8, 'MW|'],
];
const WIDTH_OF = new Map(CHARACTER_WIDTHS.flatMap(([w, cs]) => [...cs].map((c) => [c, w] as const)));
/** Any other character (accented letters, other scripts): as wide as the widest. */
const OTHER_WIDTH = 8.8;

/**
 * Points a string takes at `\footnotesize` in Computer Modern, 5% over the sum of its characters'
 * widths, so that an estimate is never short of what LaTeX sets.
 */
export function latexTextWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDTH_OF.get(ch) ?? OTHER_WIDTH;
  return width * 1.05;
}

/** Where a text cell may break besides its spaces: after a separator, and inside a run of more than 14 characters. */
function breakablePieces(text: string): string[] {
  const pieces: string[] = [];
  for (const word of text.split(/(?<=[-_./\\\s])/)) {
    if (word.length <= 14) pieces.push(word);
    else for (let i = 0; i < word.length; i += 12) pieces.push(word.slice(i, i + 12));
  }
  return pieces;
}

/** The lines a cell shows: a header stacks its words at `_`, a number is set as `--digits` says. */
function cellLines(value: Cell, digits: number): string[] {
  return formatCell(displayCell(value, digits)).split('\n');
}

function headerLines(name: string): string[] {
  return name.split(/(?<=_)/);
}

/**
 * A cell of several lines, set as a one-column tabular (no package needed): a header sits on the
 * rule below it (`b`), a data cell's first line on the row's line (`t`).
 */
function stacked(lines: readonly string[], align: 'l' | 'r', anchor: 'b' | 't'): string {
  if (lines.length === 1) return lines[0] as string;
  // `\\{}` so that a line starting with `[` is not read as the optional argument of `\\`.
  return `\\begin{tabular}[${anchor}]{@{}${align}@{}}${lines.join('\\\\{}')}\\end{tabular}`;
}

interface ColumnPlan {
  readonly index: number;
  readonly numeric: boolean;
  /** The content width of a wrapped text column (a `p` column), or null: set at its natural width. */
  readonly wrapAt: number | null;
  /** The width it takes with its padding. */
  readonly width: number;
}

function planColumns(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  numeric: ReadonlySet<number>,
  digits: number,
  width: number,
): { columns: ColumnPlan[]; rowCount: number } {
  const widths = header.map((h) => Math.max(...headerLines(h).map(latexTextWidth)));
  let rowCount = 0;
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(
        `a LaTeX table: expected ${header.length} cells per row (${header.join(', ')}), found ${row.length}`,
      );
    rowCount++;
    row.forEach((cell, i) => {
      for (const line of cellLines(cell, digits))
        widths[i] = Math.max(widths[i] as number, latexTextWidth(line));
    });
  }
  // Text columns wrap only when the table at its natural width would not fit.
  const fits = widths.reduce((sum, w) => sum + w + COLUMN_PADDING_PT, 0) <= width;
  const columns = widths.map((w, index) => {
    const isNumeric = numeric.has(index);
    const wrap = !fits && !isNumeric && w + COLUMN_PADDING_PT > TEXT_COLUMN_MAX_PT;
    const content = wrap ? TEXT_COLUMN_MAX_PT - COLUMN_PADDING_PT : w;
    return { index, numeric: isNumeric, wrapAt: wrap ? content : null, width: content + COLUMN_PADDING_PT };
  });
  return { columns, rowCount };
}

/** The columns of each part: the key columns, then as many others as fit the width (one at least). */
function partsOf(columns: readonly ColumnPlan[], keys: number, width: number): ColumnPlan[][] {
  const keyColumns = columns.slice(0, keys);
  const keyWidth = keyColumns.reduce((s, c) => s + c.width, 0);
  const parts: ColumnPlan[][] = [];
  let current: ColumnPlan[] = [];
  let used = keyWidth;
  for (const column of columns.slice(keys)) {
    if (current.length > 0 && used + column.width > width) {
      parts.push(current);
      current = [];
      used = keyWidth;
    }
    current.push(column);
    used += column.width;
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts.map((p) => [...keyColumns, ...p]);
}

function columnSpec(c: ColumnPlan): string {
  if (c.numeric) return 'r';
  return c.wrapAt === null ? 'l' : `p{${Math.floor(c.wrapAt)}pt}`;
}

function textCell(lines: readonly string[], c: ColumnPlan): string {
  if (c.wrapAt === null) return stacked(lines.map(escapeLatex), c.numeric ? 'r' : 'l', 't');
  // A wrapped cell breaks between words, after separators and inside long runs, ragged right.
  const broken = lines.map((l) =>
    breakablePieces(l)
      .map(
        (piece, i, all) =>
          escapeLatex(piece) + (i < all.length - 1 && !/\s$/.test(piece) ? '\\allowbreak{}' : ''),
      )
      .join(''),
  );
  return `\\raggedright ${broken.join(' \\newline ')}`;
}

/**
 * The lines of a paper-ready table (each to be followed by a line end): one table, or several
 * parts of columns when it is too wide, each a float or, past `longAfter` rows, a longtable.
 * `rows` is read once to measure and once per part: give an array or another re-readable list.
 */
export function* paperTableLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: PaperTableOptions = {},
): Generator<string> {
  const digits = options.digits ?? DEFAULT_DIGITS;
  const numeric = new Set(options.numericColumns ?? []);
  const width = options.width ?? ARTICLE_TEXT_WIDTH_PT;
  const { columns, rowCount } = planColumns(header, rows, numeric, digits, width);
  const parts = partsOf(columns, Math.min(options.keyColumns ?? 0, header.length), width);
  const long = rowCount > (options.longAfter ?? LONGTABLE_AFTER_ROWS);
  yield '% Needs \\usepackage{booktabs} and \\usepackage{longtable}; text is UTF-8: \\usepackage[utf8]{inputenc} or XeLaTeX/LuaLaTeX.';
  for (const [k, part] of parts.entries()) {
    const of = parts.length > 1 ? ` (part ${k + 1} of ${parts.length})` : '';
    const caption =
      options.caption === undefined ? null : `\\caption{${escapeLatex(`${options.caption}${of}`)}}`;
    const label =
      options.label === undefined
        ? ''
        : `\\label{${labelKey(k === 0 ? options.label : `${options.label}:${k + 1}`)}}`;
    const spec = part.map(columnSpec).join('');
    // `\\` ends a row, unless the last column is a ragged-right one, where it would end a line.
    const rowEnd = part[part.length - 1]?.wrapAt === null ? '\\\\' : '\\tabularnewline';
    const line = (cells: readonly string[]) => `${cells.join(' & ')} ${rowEnd}`;
    const head = line(
      part.map((c) =>
        stacked(headerLines(header[c.index] as string).map(escapeLatex), c.numeric ? 'r' : 'l', 'b'),
      ),
    );
    const body = function* () {
      for (const row of rows)
        yield `  ${line(part.map((c) => textCell(cellLines(row[c.index], digits), c)))}`;
    };
    if (long) {
      yield '{\\footnotesize';
      yield `\\begin{longtable}{${spec}}`;
      if (caption !== null) yield `${caption}${label} ${rowEnd}`;
      yield '\\toprule';
      yield head;
      yield '\\midrule';
      yield '\\endfirsthead';
      yield '\\toprule';
      yield head;
      yield '\\midrule';
      yield '\\endhead';
      yield '\\bottomrule';
      yield '\\endfoot';
      yield* body();
      yield '\\end{longtable}}';
    } else {
      yield '\\begin{table}[htbp]';
      yield '  \\centering';
      if (caption !== null) yield `  ${caption}`;
      if (label !== '') yield `  ${label}`;
      yield '  \\footnotesize';
      yield `  \\begin{tabular}{${spec}}`;
      yield '  \\toprule';
      yield `  ${head}`;
      yield '  \\midrule';
      yield* body();
      yield '  \\bottomrule';
      yield '  \\end{tabular}';
      yield '\\end{table}';
    }
  }
}

/** The options of `toLatex`, the library's name for a paper table. */
export type LatexTableOptions = PaperTableOptions;

/** The whole text of `paperTableLines`. */
export function toLatex(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  options: PaperTableOptions = {},
): string {
  return `${[...paperTableLines(header, rows, options)].join('\n')}\n`;
}

/** A key for `\label`: letters, digits and `:-_.` kept; anything else becomes `-`. */
function labelKey(label: string): string {
  return label.replace(/[^A-Za-z0-9:._-]/g, '-');
}
