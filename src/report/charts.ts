import { figureKeyOf } from '../figures/framing.ts';
import type { GroupFigures } from '../figures/groups.ts';
import type { CorpusColumns } from './runData.ts';
import type { ArticleRecords } from './runData.ts';
import { barChartSvg, heatmapSvg } from './svg.ts';

/** Beyond this many rows a heatmap is no longer readable. */
export const HEATMAP_MAX_ROWS = 60;

export interface Chart {
  readonly file: string;
  readonly title: string;
  readonly svg: string;
}

/** Top-level categories with a rate figure in this run, in sorted order. */
function rateColumns(corpus: CorpusColumns): string[] {
  return [...corpus.topCategories]
    .sort()
    .map((t) => `rate_${figureKeyOf(t)}`)
    .filter((c) => corpus.figures.has(c));
}

/**
 * The charts of a run: an articles x categories heatmap of rates, and the mean rate per value of
 * the `--by` column with bootstrap 95% intervals. Each is an SVG file that report.md links to.
 */
export function runCharts(
  records: ArticleRecords,
  corpus: CorpusColumns,
  by: string | null,
  groups: readonly GroupFigures[],
): Chart[] {
  const columns = rateColumns(corpus);
  if (columns.length === 0 || records.length === 0) return [];
  const charts: Chart[] = [];
  const names = columns.map((c) => c.slice('rate_'.length));
  if (records.length <= HEATMAP_MAX_ROWS) {
    const title = 'Hits per 1,000 scored words, by article and category';
    const rows = [...records];
    charts.push({
      file: 'charts/heatmap.svg',
      title,
      svg: heatmapSvg({
        title,
        rows: rows.map((r) => r.id),
        columns: names,
        values: rows.map((r) => columns.map((c) => r.figures[c] ?? null)),
        valueLabel: 'hits per 1,000 words',
        decimals: 1,
      }),
    });
  } else if (by && groups.length > 0 && groups.length <= HEATMAP_MAX_ROWS) {
    // Thousands of rows make no picture: the heatmap shows the mean of each group instead.
    const title = `Mean hits per 1,000 scored words, by ${by} and category`;
    charts.push({
      file: 'charts/heatmap.svg',
      title,
      svg: heatmapSvg({
        title,
        rows: groups.map((g) => `${g.value} (n=${g.articles})`),
        columns: names,
        values: groups.map((g) => columns.map((c) => g.figures[c]?.mean ?? null)),
        valueLabel: 'mean hits per 1,000 words',
        decimals: 1,
      }),
    });
  }
  if (by && groups.length > 0 && groups.length <= HEATMAP_MAX_ROWS) {
    const title = `Hits per 1,000 scored words by ${by} (mean; bars: bootstrap 95% interval where a group has several articles)`;
    charts.push({
      file: `charts/rates-by-${by.replace(/[^A-Za-z0-9_-]+/g, '_')}.svg`,
      title,
      svg: barChartSvg({
        title,
        categories: groups.map((g) => g.value),
        series: columns.map((c) => ({
          label: c.slice('rate_'.length),
          values: groups.map((g) => g.figures[c]?.mean ?? null),
          lower: groups.map((g) => g.figures[c]?.meanLow ?? null),
          upper: groups.map((g) => g.figures[c]?.meanHigh ?? null),
        })),
        valueLabel: 'hits per 1,000 scored words',
        decimals: 1,
      }),
    });
  }
  return charts;
}
