import { compareCorpus } from '../compare/index.ts';
import { groupFigures, groupFiguresTable } from '../score/groups.ts';
import { toCsv } from './csv.ts';
import { type ReportSection, reportMarkdown } from './reportMarkdown.ts';
import type { RunData } from './runData.ts';
import { methodsMarkdown } from './runMethods.ts';
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
}

export const DEFAULT_OUTPUT_OPTIONS: OutputOptions = Object.freeze({
  safeCells: true,
  groupBy: null,
  oneGroup: false,
  by: null,
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
  if (by) {
    const groups = groupFigures(
      data.results.map((r) => ({ metadata: r.article.metadata, figures: r.figures })),
      by,
    );
    files.set('groups.csv', csv(groupFiguresTable(groups, by)));
  }
  const figureColumns = SIDE_BY_SIDE.filter((f) => data.results.some((r) => f in r.figures));
  files.set('comparison.md', comparisonMarkdown(comparison, { figureColumns }));
  const sections: ReportSection[] = [
    { title: 'Framing', body: framingSection(data.results) },
    { title: 'Sources', body: sourcesSection(data.results) },
    { title: 'Facts that disagree', body: discrepancySection(comparison) },
    { title: 'Methods', body: methodsMarkdown(data) },
  ];
  files.set('report.md', reportMarkdown(data, sections));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
