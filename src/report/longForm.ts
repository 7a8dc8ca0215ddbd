import type { ArticleResult } from '../types.ts';
import type { Table } from './tables.ts';

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `scores_long.csv`: every figure of every article as one (article, metric, value) row, the tidy
 * form R and pandas pivot from. Sorted by article id, then metric name (by code unit, so the
 * order does not depend on the locale); a figure without a value keeps its row with an empty value.
 */
export function scoresLong(results: readonly ArticleResult[]): Table {
  const rows: [string, string, number | null][] = [];
  const sorted = [...results].sort((a, b) => byCodeUnits(a.article.id, b.article.id));
  for (const r of sorted) {
    for (const metric of Object.keys(r.figures).sort(byCodeUnits)) {
      const value = r.figures[metric];
      rows.push([
        r.article.id,
        metric,
        value === undefined || value === null || Number.isNaN(value) ? null : value,
      ]);
    }
  }
  return { header: ['article', 'metric', 'value'], rows };
}
