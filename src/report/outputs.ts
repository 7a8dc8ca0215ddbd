import { compareCorpus } from '../compare/index.ts';
import { type GroupFigures, groupFigures, groupFiguresTable } from '../score/groups.ts';
import { runCharts } from './charts.ts';
import { toCsv } from './csv.ts';
import { htmlPages } from './htmlPages.ts';
import { toLatex } from './latex.ts';
import { scoresLong } from './longForm.ts';
import { STANDARD_LIMITATIONS, methodsSection } from './methods.ts';
import { type ReportSection, reportMarkdown } from './reportMarkdown.ts';
import { resultsJson, resultsNdjson } from './resultsJson.ts';
import type { RunData } from './runData.ts';
import {
  choicesTable,
  comparisonMarkdown,
  discrepancySection,
  discrepancyTable,
  keynessTable,
  reuseTable,
} from './sections/comparison.ts';
import { framingSection, matchesTable } from './sections/framing.ts';
import { attributionRows, sourcesSection } from './sections/sources.ts';
import { type Table, articlesTable, issuesTable, structureTable } from './tables.ts';

export interface OutputOptions {
  /** Neutralise spreadsheet formulas in CSV text cells (see csv.ts). */
  readonly safeCells: boolean;
  /** Compare within groups of this metadata column (default `event` when present, else text clusters). */
  readonly groupBy: string | null;
  /** Compare all articles as one group. */
  readonly oneGroup: boolean;
  /** Group figures (`groups.csv`) per value of this metadata column (default `outlet` when present). */
  readonly by: string | null;
  /** Write an HTML view of each article (`html/`). */
  readonly html: boolean;
  /** Write LaTeX (booktabs) versions of the comparison and group tables. */
  readonly latex: boolean;
  /** Write the whole run as one JSON document (`results.json`) beside `results.ndjson`. */
  readonly json: boolean;
}

/**
 * report.md shows per-article details for this many articles at most: beyond that a report is no
 * longer read but searched, and the CSV files hold every row.
 */
export const REPORT_DETAIL_LIMIT = 40;

export const DEFAULT_OUTPUT_OPTIONS: OutputOptions = Object.freeze({
  safeCells: true,
  groupBy: null,
  oneGroup: false,
  by: null,
  html: false,
  latex: false,
  json: false,
});

/** Figures shown side by side in the comparison tables. */
const SIDE_BY_SIDE = [
  'index_state_media',
  'index_evaluative_intensity',
  'index_hedging',
  'n_attributions',
  'share_direct',
  'share_vague',
  'share_state_media',
  'state_media_disclosure_rate',
];

/** The side-by-side figures of every article: the table of comparison.md, for LaTeX. */
function sideBySideTable(data: RunData, columns: readonly string[]): Table {
  return {
    header: ['article', 'outlet', ...columns],
    rows: data.results.map((r) => [
      r.article.id,
      r.article.metadata['outlet'] ?? '',
      ...columns.map((c) => r.figures[c] ?? null),
    ]),
  };
}

/** Mean and bootstrap interval of the side-by-side figures per group, for LaTeX. */
function groupMeansTable(groups: readonly GroupFigures[], by: string, columns: readonly string[]): Table {
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '' : x.toFixed(2));
  return {
    header: [by, 'articles', ...columns],
    rows: groups.map((g) => [
      g.value,
      g.articles,
      ...columns.map((c) => {
        const f = g.figures[c];
        if (!f || f.mean === null) return '';
        return f.n > 1 ? `${fmt(f.mean)} [${fmt(f.meanLow)}, ${fmt(f.meanHigh)}]` : fmt(f.mean);
      }),
    ]),
  };
}

/**
 * Every output file of a run, as name -> content, built from the run's data alone (pure), so a
 * writer can put them in place atomically, a merge of shards can rebuild them, and a test can
 * compare them byte for byte.
 */
export function buildOutputs(data: RunData, options: Partial<OutputOptions> = {}): Map<string, string> {
  const o: OutputOptions = { ...DEFAULT_OUTPUT_OPTIONS, ...options };
  const csv = (t: Table) => toCsv(t.header, t.rows, { safeCells: o.safeCells });
  const texts = new Map(data.results.map((r) => [r.article.id, r.article.text]));
  const comparison = compareCorpus(data.summaries, {
    groupBy: o.groupBy,
    all: o.oneGroup,
    textOf: (id) => texts.get(id),
  });
  const hasColumn = (c: string) => data.results.some((r) => (r.article.metadata[c] ?? '') !== '');
  const by = o.by ?? (hasColumn('outlet') ? 'outlet' : null);

  const files = new Map<string, string>();
  files.set('articles.csv', csv(articlesTable(data)));
  files.set('structure.csv', csv(structureTable(data)));
  files.set('issues.csv', csv(issuesTable(data)));
  files.set('matches.csv', csv(matchesTable(data.results)));
  files.set('attributions.csv', csv(attributionRows(data.results)));
  files.set('reuse.csv', csv(reuseTable(comparison)));
  files.set('discrepancies.csv', csv(discrepancyTable(comparison)));
  files.set('keyness.csv', csv(keynessTable(comparison)));
  files.set('choices.csv', csv(choicesTable(comparison)));
  files.set('scores_long.csv', csv(scoresLong(data.results)));
  if (o.json) files.set('results.json', resultsJson(data));
  files.set('results.ndjson', resultsNdjson(data));
  const groups = by
    ? groupFigures(
        data.results.map((r) => ({ metadata: r.article.metadata, figures: r.figures })),
        by,
      )
    : [];
  if (by) files.set('groups.csv', csv(groupFiguresTable(groups, by)));
  const charts = runCharts(data, by, groups);
  for (const c of charts) files.set(c.file, c.svg);
  if (o.html) for (const [name, page] of htmlPages(data)) files.set(name, page);
  const figureColumns = SIDE_BY_SIDE.filter((f) => data.results.some((r) => f in r.figures));
  if (o.latex) {
    const side = sideBySideTable(data, figureColumns);
    files.set(
      'tables/comparison.tex',
      toLatex(side.header, side.rows, {
        caption: 'Framing and citation figures per article (see the methods section of report.md)',
        label: 'tab:comparison',
        numericColumns: side.header.map((_, i) => i).filter((i) => i > 1),
      }),
    );
    if (by) {
      const g = groupMeansTable(groups, by, figureColumns);
      files.set(
        'tables/groups.tex',
        toLatex(g.header, g.rows, {
          caption: `Mean figures per ${by} with bootstrap 95% intervals`,
          label: 'tab:groups',
          numericColumns: g.header.map((_, i) => i).filter((i) => i > 0),
        }),
      );
    }
  }
  files.set('comparison.md', comparisonMarkdown(comparison, { figureColumns }));
  const sections: ReportSection[] = [
    { title: 'Framing', body: framingSection(data.results, 8, REPORT_DETAIL_LIMIT) },
    { title: 'Sources', body: sourcesSection(data.results, REPORT_DETAIL_LIMIT) },
    { title: 'Facts that disagree', body: discrepancySection(comparison) },
    {
      title: 'Charts',
      body:
        charts.length === 0
          ? 'No chart: no lexicon hit.'
          : charts.map((c) => `![${c.title}](${c.file})`).join('\n\n'),
    },
    {
      title: 'Methods',
      body: methodsSection({
        packs: data.packs.map((p) => ({
          name: p.pack,
          kind: p.kind,
          version: p.version,
          sha256: p.sha256,
          entries: p.entries,
        })),
        metrics: data.metrics.filter((m) => data.results.some((r) => m.name in r.figures)),
        settings: data.settings,
        toolVersion: data.toolVersion,
        limitations: STANDARD_LIMITATIONS,
      }),
    },
  ];
  files.set('report.md', reportMarkdown(data, sections));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
