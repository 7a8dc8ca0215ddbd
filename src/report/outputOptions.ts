import { DEFAULT_DIGITS } from './format.ts';

/** What the writers are asked to write, read once and frozen. */
export interface OutputOptions {
  /** Neutralise spreadsheet formulas in CSV text cells (see csv.ts). */
  readonly safeCells: boolean;
  /** Write an HTML view of each article (`html/`). */
  readonly html: boolean;
  /** Write LaTeX (booktabs) versions of the comparison and group tables. */
  readonly latex: boolean;
  /** Write the whole run as one JSON document (`results.json`) beside `results.ndjson`. */
  readonly json: boolean;
  /** Significant digits of the numbers in the Markdown, LaTeX and HTML tables (`--digits`). */
  readonly digits: number;
  /** The figures of the LaTeX tables (`--latex-columns`), or null: the side-by-side figures. */
  readonly latexColumns: readonly string[] | null;
}

export const DEFAULT_OUTPUT_OPTIONS: OutputOptions = Object.freeze({
  safeCells: true,
  html: false,
  latex: false,
  json: false,
  digits: DEFAULT_DIGITS,
  latexColumns: null,
});

/**
 * report.md shows per-article details for this many articles at most: beyond that a report is no
 * longer read but searched, and the CSV files hold every row.
 */
export const REPORT_DETAIL_LIMIT = 40;
