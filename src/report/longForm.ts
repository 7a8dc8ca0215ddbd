import type { FigureStats, GroupFigures } from '../figures/groups.ts';
import { compareText } from '../order.ts';
import type { ArticleResult } from '../types.ts';
import type { Cell } from './format.ts';
import type { Table } from './tables.ts';

export const SCORES_LONG_HEADER: readonly string[] = ['article', 'metric', 'value'];

/** The rows of `scores_long.csv` for one article: one per figure, sorted by metric name. */
export function scoresLongRows(id: string, figures: Readonly<Record<string, number | null>>): Cell[][] {
  return Object.keys(figures)
    .sort(compareText)
    .map((metric) => {
      const value = figures[metric];
      return [id, metric, value === undefined || value === null || Number.isNaN(value) ? null : value];
    });
}

/**
 * `scores_long.csv`: every figure of every article as one (article, metric, value) row, the tidy
 * form R and pandas pivot from. Sorted by article id, then metric name (by code unit, so the
 * order does not depend on the locale); a figure without a value keeps its row with an empty value.
 */
export function scoresLong(results: readonly ArticleResult[]): Table {
  const sorted = [...results].sort((a, b) => compareText(a.article.id, b.article.id));
  return {
    header: [...SCORES_LONG_HEADER],
    rows: sorted.flatMap((r) => scoresLongRows(r.article.id, r.figures)),
  };
}

export const GROUPS_LONG_HEADER: readonly string[] = [
  'group',
  'figure',
  'statistic',
  'value',
  'ci_low',
  'ci_high',
  'n',
];

/**
 * `groups_long.csv`: groups.csv in long form, one row per group, figure and statistic (`mean`,
 * `median`) with its bootstrap 95% interval and the articles with a value (`n`); groups in
 * groups.csv's order, figures by name (by code unit).
 */
export function* groupsLongRows(groups: readonly GroupFigures[]): Generator<Cell[]> {
  for (const g of groups)
    for (const figure of Object.keys(g.figures).sort(compareText)) {
      const s = g.figures[figure] as FigureStats;
      yield [g.value, figure, 'mean', s.mean, s.meanLow, s.meanHigh, s.n];
      yield [g.value, figure, 'median', s.median, s.medianLow, s.medianHigh, s.n];
    }
}
