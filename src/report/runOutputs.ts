import type { CorpusResult, PackInfo } from '../analyzer.ts';
import { type Fingerprints, TermPool, compactSummary } from '../compare/compactSummary.ts';
import { compareCorpus } from '../compare/index.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import { type GroupFigures, groupFigures, groupFiguresTable } from '../score/groups.ts';
import type { ArticleResult, Issue, MetricDefinition, SkippedInput } from '../types.ts';
import {
  type ArticleFiles,
  type ArticleOutputOptions,
  type RenderedArticle,
  type RenderedItem,
  renderArticle,
} from './articleOutputs.ts';
import type { ArticleRecord } from './articleRecord.ts';
import { runCharts } from './charts.ts';
import { csvRecord, toCsv } from './csv.ts';
import { HtmlPageNames } from './htmlPages.ts';
import { toLatex } from './latex.ts';
import { SCORES_LONG_HEADER, byCodeUnits } from './longForm.ts';
import { STANDARD_LIMITATIONS, methodsSection } from './methods.ts';
import type { OutputSink } from './outputSink.ts';
import { type ReportSection, reportMarkdown } from './reportMarkdown.ts';
import { ResultsJsonWriter, skippedLine } from './resultsJson.ts';
import type { RunOverview } from './runData.ts';
import {
  choicesTable,
  comparisonMarkdown,
  discrepancySection,
  discrepancyTable,
  keynessTable,
  reuseTable,
} from './sections/comparison.ts';
import { MATCHES_HEADER, framingSectionOf } from './sections/framing.ts';
import { ATTRIBUTION_HEADER, compareAttributionArticles, sourcesSectionOf } from './sections/sources.ts';
import { SortedChunks } from './sortedChunks.ts';
import { STRUCTURE_HEADER, type Table, articlesTable, issuesTable } from './tables.ts';

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

export const DEFAULT_OUTPUT_OPTIONS: OutputOptions = Object.freeze({
  safeCells: true,
  groupBy: null,
  oneGroup: false,
  by: null,
  html: false,
  latex: false,
  json: false,
});

/** The options that shape an article's own rows, from a run's output options (defaults filled in). */
export function articleOutputOptions(options: Partial<OutputOptions>): ArticleOutputOptions {
  const o = { ...DEFAULT_OUTPUT_OPTIONS, ...options };
  return { safeCells: o.safeCells, json: o.json, html: o.html };
}

/**
 * report.md shows per-article details for this many articles at most: beyond that a report is no
 * longer read but searched, and the CSV files hold every row.
 */
export const REPORT_DETAIL_LIMIT = 40;

/** The run-level data every output names: packs, metrics, settings, version. */
export interface RunInfo {
  readonly packs: readonly PackInfo[];
  readonly metrics: readonly MetricDefinition[];
  readonly settings: Readonly<Record<string, string>>;
  readonly toolVersion: string;
}

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
function sideBySideTable(records: readonly ArticleRecord[], columns: readonly string[]): Table {
  return {
    header: ['article', 'outlet', ...columns],
    rows: records.map((r) => [r.id, r.metadata['outlet'] ?? '', ...columns.map((c) => r.figures[c] ?? null)]),
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
 * Builds every output file of a run as its items arrive, in input order: the per-article files
 * (matches, structure, attributions, long scores, results.ndjson/json, HTML pages) get each
 * article's rows at once, and only a compact record and the comparison summary stay in memory;
 * `finish` then writes the files that need the whole corpus (articles.csv, whose columns depend on
 * every article, the comparison files, groups, charts, report.md). `analyze`, `merge` and
 * `buildOutputs` all write through here, so their bytes cannot drift apart.
 */
export class RunOutputs {
  private readonly options: OutputOptions;
  private readonly records: ArticleRecord[] = [];
  private readonly details: ArticleResult[] = [];
  private readonly summaries: ArticleSummary[] = [];
  private readonly skipped: SkippedInput[] = [];
  private readonly issues: Issue[] = [];
  private readonly attributions: SortedChunks;
  private readonly scores: SortedChunks;
  private readonly json: ResultsJsonWriter | null;
  private readonly pages: HtmlPageNames | null;

  /** Set when the caller can give fingerprints back at `finish`: summaries are then kept compact. */
  private readonly terms: TermPool | null;

  constructor(
    private readonly sink: OutputSink,
    private readonly run: RunInfo,
    options: Partial<OutputOptions> = {},
    storage: { readonly compactSummaries: boolean } = { compactSummaries: false },
  ) {
    this.terms = storage.compactSummaries ? new TermPool() : null;
    this.options = { ...DEFAULT_OUTPUT_OPTIONS, ...options };
    this.attributions = new SortedChunks(sink.scratch('attributions.csv'), compareAttributionArticles);
    this.scores = new SortedChunks(sink.scratch('scores_long.csv'), byCodeUnits);
    this.json = this.options.json ? new ResultsJsonWriter() : null;
    this.pages = this.options.html ? new HtmlPageNames() : null;
    // These headers are fixed, so the files can start before the first article.
    sink.append('matches.csv', this.csvHeader(MATCHES_HEADER));
    sink.append('structure.csv', this.csvHeader(STRUCTURE_HEADER));
    sink.append('results.ndjson', '');
  }

  private csvHeader(header: readonly string[]): string {
    return `${csvRecord(header, { safeCells: this.options.safeCells })}\r\n`;
  }

  private csv(t: Table): string {
    return toCsv(t.header, t.rows, { safeCells: this.options.safeCells });
  }

  /** One item of a run, with its issues, in input order. */
  add(item: CorpusResult | RenderedItem): void {
    if (item.kind === 'result') {
      this.addResult(item.result, item.summary);
      for (const issue of item.result.issues) this.addIssue(issue);
    } else if (item.kind === 'rendered') {
      this.addRendered(item.rendered);
      for (const issue of item.rendered.issues) this.addIssue(issue);
    } else if (item.kind === 'skipped') {
      this.addSkipped(item.skipped);
      this.addIssue(item.issue);
    } else this.addIssue(item.issue);
  }

  addIssue(issue: Issue): void {
    this.issues.push(issue);
  }

  addSkipped(skipped: SkippedInput): void {
    this.skipped.push(skipped);
  }

  /** An analysed article, rendered here (see `addRendered` for one rendered where it was analysed). */
  addResult(r: ArticleResult, summary: ArticleSummary): void {
    const rendered = renderArticle(
      { kind: 'result', result: r, summary },
      articleOutputOptions(this.options),
    );
    this.appendFiles(rendered.record.id, rendered.files);
    this.keep(rendered.record, this.terms ? rendered.summary : summary);
    this.addDetail(r);
  }

  /**
   * An analysed article rendered by `renderArticle` (in a worker, say): only its bytes are
   * appended. Its summary has no fingerprints, so the caller keeps them and gives them back at
   * `finish`; the full result is not here either, so report.md's details come through `addDetail`.
   */
  addRendered(rendered: RenderedArticle): void {
    if (!this.terms)
      throw new Error(
        'RunOutputs.addRendered: expected a builder that keeps compact summaries, since a rendered article has no fingerprints',
      );
    this.appendFiles(rendered.record.id, rendered.files);
    this.keep(rendered.record, rendered.summary);
  }

  /** The full result of an article, for report.md's details: the first REPORT_DETAIL_LIMIT are kept. */
  addDetail(r: ArticleResult): void {
    if (this.details.length < REPORT_DETAIL_LIMIT) this.details.push(r);
  }

  /** What the corpus-level files need of an article, in input order. */
  private keep(record: ArticleRecord, summary: ArticleSummary): void {
    this.records.push(record);
    this.summaries.push(this.terms ? compactSummary(summary, this.terms) : summary);
  }

  private appendFiles(id: string, files: ArticleFiles): void {
    if ((this.json !== null) !== (files.json !== null) || (this.pages !== null) !== (files.html !== null))
      throw new Error(
        `RunOutputs: article ${id} was rendered with json ${files.json !== null} and html ${files.html !== null}, but the run writes json ${this.json !== null} and html ${this.pages !== null}`,
      );
    this.sink.append('matches.csv', files.matches);
    this.sink.append('structure.csv', files.structure);
    this.attributions.add(id, files.attributions);
    this.scores.add(id, files.scores);
    this.sink.append('results.ndjson', files.results);
    if (this.json && files.json !== null) {
      this.sink.append('results.json', this.json.separator());
      this.sink.append('results.json', files.json);
    }
    if (this.pages && files.html !== null) this.sink.write(this.pages.next(id), files.html);
  }

  /**
   * Writes the corpus-level files. `textOf` gives an article's text back for the few passages
   * that reuse.csv and comparison.md quote (the texts are not kept); `fingerprintsOf` the
   * fingerprints of the i-th analysed article, required when the summaries are kept compact.
   */
  finish(
    textOf: (id: string) => string | undefined,
    fingerprintsOf?: (index: number) => Fingerprints,
  ): RunOverview {
    if (this.terms && !fingerprintsOf)
      throw new Error('RunOutputs.finish: expected fingerprintsOf, since the summaries were kept compact');
    const o = this.options;
    const sink = this.sink;
    const run: RunOverview = {
      ...this.run,
      records: this.records,
      details: this.details,
      skipped: this.skipped,
      issues: this.issues,
    };
    const records = this.records;
    sink.append('attributions.csv', this.csvHeader(ATTRIBUTION_HEADER));
    for (const chunk of this.attributions.inOrder()) sink.append('attributions.csv', chunk);
    sink.append('scores_long.csv', this.csvHeader(SCORES_LONG_HEADER));
    for (const chunk of this.scores.inOrder()) sink.append('scores_long.csv', chunk);
    for (const k of this.skipped) sink.append('results.ndjson', skippedLine(k));
    if (this.json) sink.append('results.json', this.json.end(run));

    const compareStart = performance.now();
    const comparison = compareCorpus(this.summaries, {
      groupBy: o.groupBy,
      all: o.oneGroup,
      textOf,
      ...(this.terms && fingerprintsOf ? { fingerprintsOf } : {}),
    });
    // Benchmarks want the comparison's share of a run; FRAMESCOPE_TIMING=1 says it on stderr.
    if (process.env['FRAMESCOPE_TIMING'] === '1')
      process.stderr.write(
        `framescope timing: comparison of ${this.summaries.length} articles ${((performance.now() - compareStart) / 1000).toFixed(2)} s (${comparison.reuse.candidatesChecked} candidate pairs, ${comparison.reuse.duplicates} duplicates)\n`,
      );
    const hasColumn = (c: string) => records.some((r) => (r.metadata[c] ?? '') !== '');
    const by = o.by ?? (hasColumn('outlet') ? 'outlet' : null);

    sink.write('articles.csv', this.csv(articlesTable(run)));
    sink.write('issues.csv', this.csv(issuesTable(this.issues)));
    sink.write('reuse.csv', this.csv(reuseTable(comparison)));
    sink.write('discrepancies.csv', this.csv(discrepancyTable(comparison)));
    sink.write('keyness.csv', this.csv(keynessTable(comparison)));
    sink.write('choices.csv', this.csv(choicesTable(comparison)));
    const groups = by
      ? groupFigures(
          records.map((r) => ({ metadata: r.metadata, figures: r.figures })),
          by,
        )
      : [];
    if (by) sink.write('groups.csv', this.csv(groupFiguresTable(groups, by)));
    const charts = runCharts(records, by, groups);
    for (const c of charts) sink.write(c.file, c.svg);
    const figureColumns = SIDE_BY_SIDE.filter((f) => records.some((r) => f in r.figures));
    if (o.latex) {
      const side = sideBySideTable(records, figureColumns);
      sink.write(
        'tables/comparison.tex',
        toLatex(side.header, side.rows, {
          caption: 'Framing and citation figures per article (see the methods section of report.md)',
          label: 'tab:comparison',
          numericColumns: side.header.map((_, i) => i).filter((i) => i > 1),
        }),
      );
      if (by) {
        const g = groupMeansTable(groups, by, figureColumns);
        sink.write(
          'tables/groups.tex',
          toLatex(g.header, g.rows, {
            caption: `Mean figures per ${by} with bootstrap 95% intervals`,
            label: 'tab:groups',
            numericColumns: g.header.map((_, i) => i).filter((i) => i > 0),
          }),
        );
      }
    }
    sink.write('comparison.md', comparisonMarkdown(comparison, { figureColumns }));
    const sections: ReportSection[] = [
      { title: 'Framing', body: framingSectionOf(records, this.details, 8, REPORT_DETAIL_LIMIT) },
      { title: 'Sources', body: sourcesSectionOf(records, this.details, REPORT_DETAIL_LIMIT) },
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
          packs: run.packs.map((p) => ({
            name: p.pack,
            kind: p.kind,
            version: p.version,
            sha256: p.sha256,
            entries: p.entries,
          })),
          metrics: run.metrics.filter((m) => records.some((r) => m.name in r.figures)),
          settings: run.settings,
          toolVersion: run.toolVersion,
          limitations: STANDARD_LIMITATIONS,
        }),
      },
    ];
    sink.write('report.md', reportMarkdown(run, sections));
    return run;
  }
}
