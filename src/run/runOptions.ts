import { DEFAULT_OUTPUT_OPTIONS, type OutputOptions } from '../report/outputOptions.ts';

/** How a run compares its articles and gathers group figures: computed by the run, not written. */
export interface ComparisonOptions {
  /** Compare within groups of this metadata column (default `event` when present, else text clusters). */
  readonly groupBy: string | null;
  /** Compare all articles as one group. */
  readonly oneGroup: boolean;
  /** Group figures (`groups.csv`) per value of this metadata column (default `outlet` when present). */
  readonly by: string | null;
}

/**
 * Everything a run is asked to compute and write, as `run-data.ndjson`'s header records it (its
 * `output` key), so that a merge of shards computes and writes what one run does.
 */
export type RunOptions = OutputOptions & ComparisonOptions;

export const DEFAULT_RUN_OPTIONS: RunOptions = Object.freeze({
  safeCells: DEFAULT_OUTPUT_OPTIONS.safeCells,
  groupBy: null,
  oneGroup: false,
  by: null,
  html: DEFAULT_OUTPUT_OPTIONS.html,
  latex: DEFAULT_OUTPUT_OPTIONS.latex,
  json: DEFAULT_OUTPUT_OPTIONS.json,
  digits: DEFAULT_OUTPUT_OPTIONS.digits,
  latexColumns: DEFAULT_OUTPUT_OPTIONS.latexColumns,
});

/** The options of the writers alone, from a run's (defaults filled in). */
export function outputOptionsOf(options: Partial<RunOptions>): OutputOptions {
  const o = { ...DEFAULT_RUN_OPTIONS, ...options };
  return {
    safeCells: o.safeCells,
    html: o.html,
    latex: o.latex,
    json: o.json,
    digits: o.digits,
    latexColumns: o.latexColumns,
  };
}
