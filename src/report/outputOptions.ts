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
}

export const DEFAULT_OUTPUT_OPTIONS: OutputOptions = Object.freeze({
  safeCells: true,
  html: false,
  latex: false,
  json: false,
});

/**
 * report.md shows per-article details for this many articles at most: beyond that a report is no
 * longer read but searched, and the CSV files hold every row.
 */
export const REPORT_DETAIL_LIMIT = 40;
