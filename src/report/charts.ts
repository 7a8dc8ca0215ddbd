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

/** Top-level categories with a rate figure in this run, in sorted order, with that figure. */
function rateColumns(corpus: CorpusColumns): { top: string; column: string }[] {
  return [...corpus.topCategories]
    .sort()
    .map((top) => ({ top, column: `rate_${figureKeyOf(top)}` }))
    .filter((c) => corpus.figures.has(c.column));
}

/**
 * What the series of a top category plots, said in its name: the category and the sub-categories
 * whose hits it adds up (a top category of one pack's list, such as `attribution` of the
 * vague-attribution pack, would otherwise read as something broader: "attribution: vague").
 * Sub-categories are read from the run's rate figures, each given to the longest top category it
 * starts with.
 */
export function seriesLabels(corpus: CorpusColumns): Map<string, string> {
  const tops = [...corpus.topCategories].sort();
  const keyOf = new Map(tops.map((t) => [t, figureKeyOf(t)]));
  const subs = new Map<string, string[]>(tops.map((t) => [t, []]));
  for (const figure of [...corpus.figures].sort()) {
    if (!figure.startsWith('rate_') || figure.startsWith('rate_authorial_')) continue;
    const rest = figure.slice('rate_'.length);
    let owner: string | null = null;
    for (const t of tops) {
      const key = keyOf.get(t) as string;
      if (rest.startsWith(`${key}_`) && (owner === null || key.length > (keyOf.get(owner) as string).length))
        owner = t;
    }
    if (owner !== null) subs.get(owner)?.push(rest.slice((keyOf.get(owner) as string).length + 1));
  }
  const labels = new Map<string, string>();
  for (const t of tops) {
    const list = subs.get(t) ?? [];
    const named = list.length > 4 ? [...list.slice(0, 3), `${list.length - 3} more`] : list;
    labels.set(t, named.length > 0 ? `${t}: ${named.join(', ')}` : t);
  }
  return labels;
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
  const rates = rateColumns(corpus);
  const columns = rates.map((r) => r.column);
  if (columns.length === 0 || records.length === 0) return [];
  const charts: Chart[] = [];
  const labels = seriesLabels(corpus);
  const names = rates.map((r) => labels.get(r.top) ?? r.top);
  if (records.length <= HEATMAP_MAX_ROWS) {
    const title =
      'Lexicon hits per 1,000 scored words, by article and category (category: the sub-categories it adds up)';
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
    const title = `Mean lexicon hits per 1,000 scored words, by ${by} and category (category: the sub-categories it adds up)`;
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
    const title = `Lexicon hits per 1,000 scored words by ${by} and category (category: the sub-categories it adds up; mean; bars: bootstrap 95% interval where a group has several articles)`;
    charts.push({
      file: `charts/rates-by-${by.replace(/[^A-Za-z0-9_-]+/g, '_')}.svg`,
      title,
      svg: barChartSvg({
        title,
        categories: groups.map((g) => g.value),
        series: columns.map((c, i) => ({
          label: names[i] as string,
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
