import { figureKeyOf } from '../score/framing.ts';
import type { GroupFigures } from '../score/groups.ts';
import type { RunData } from './runData.ts';
import { barChartSvg, heatmapSvg } from './svg.ts';

export interface Chart {
  readonly file: string;
  readonly title: string;
  readonly svg: string;
}

/** Top-level categories with a rate figure in this run, in sorted order. */
function rateColumns(data: RunData): string[] {
  const tops = [
    ...new Set(data.results.flatMap((r) => r.matches.map((m) => m.category.split('.')[0] ?? m.category))),
  ];
  return tops
    .sort()
    .map((t) => `rate_${figureKeyOf(t)}`)
    .filter((c) => data.results.some((r) => c in r.figures));
}

/**
 * The charts of a run: an articles x categories heatmap of rates, and the mean rate per value of
 * the `--by` column with bootstrap 95% intervals. Each is an SVG file that report.md links to.
 */
export function runCharts(data: RunData, by: string | null, groups: readonly GroupFigures[]): Chart[] {
  const columns = rateColumns(data);
  if (columns.length === 0 || data.results.length === 0) return [];
  const charts: Chart[] = [];
  const heatTitle = 'Hits per 1,000 scored words, by article and category';
  charts.push({
    file: 'charts/heatmap.svg',
    title: heatTitle,
    svg: heatmapSvg({
      title: heatTitle,
      rows: data.results.map((r) => r.article.id),
      columns: columns.map((c) => c.slice('rate_'.length)),
      values: data.results.map((r) => columns.map((c) => r.figures[c] ?? null)),
      valueLabel: 'hits per 1,000 words',
      decimals: 1,
    }),
  });
  if (by && groups.length > 0) {
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
