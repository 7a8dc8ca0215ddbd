import { join } from 'node:path';
import type { CorpusResult, PackInfo } from '../analyzer.ts';
import type { Fingerprints } from '../compare/compactSummary.ts';
import type { Discrepancy } from '../compare/discrepancies.ts';
import {
  type ChoiceRow,
  type Comparison,
  type GroupComparison,
  type KeyTerm,
  compareStore,
} from '../compare/index.ts';
import { hasValue, unusedColumnIssues } from '../compare/store.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import { type GroupFigures, groupFiguresOf, groupFiguresTable, groupMembers } from '../score/groups.ts';
import type { ArticleResult, Issue, MetricDefinition, SkippedInput } from '../types.ts';
import {
  type ArticleFiles,
  type ArticleOutputOptions,
  type RenderedArticle,
  type RenderedItem,
  renderArticle,
} from './articleOutputs.ts';
import { articleRecord } from './articleRecord.ts';
import { type ArticleStore, FileArticleStore, MemoryArticleStore } from './articleStore.ts';
import { runCharts } from './charts.ts';
import { csvRecord, csvRows, toCsv } from './csv.ts';
import type { Cell } from './format.ts';
import { HtmlPageNames } from './htmlPages.ts';
import { IssueLog } from './issueLog.ts';
import { latexTableLines, toLatex } from './latex.ts';
import { SCORES_LONG_HEADER, byCodeUnits } from './longForm.ts';
import { STANDARD_LIMITATIONS, methodsSection } from './methods.ts';
import type { OutputSink } from './outputSink.ts';
import { type ReportSection, reportMarkdownParts } from './reportMarkdown.ts';
import { ResultsJsonWriter, skippedLine } from './resultsJson.ts';
import type { ArticleRecords, RunOverview } from './runData.ts';
import {
  CHOICES_HEADER,
  type ComparisonView,
  DISCREPANCY_HEADER,
  KEYNESS_HEADER,
  REUSE_HEADER,
  choiceRow,
  comparisonMarkdownParts,
  discrepancyRows,
  discrepancySection,
  groupsById,
  keynessRow,
  reuseRow,
} from './sections/comparison.ts';
import { MATCHES_HEADER, framingSectionParts } from './sections/framing.ts';
import { ATTRIBUTION_HEADER, compareAttributionArticles, sourcesSectionParts } from './sections/sources.ts';
import { SortedChunks } from './sortedChunks.ts';
import { StageClock } from './stageClock.ts';
import { FileAppender, trimmedEnd } from './streamText.ts';
import {
  ISSUES_HEADER,
  STRUCTURE_HEADER,
  type Table,
  articleColumns,
  articleRows,
  issueRow,
} from './tables.ts';

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
function* sideBySideRows(records: ArticleRecords, columns: readonly string[]): Generator<Cell[]> {
  for (const r of records)
    yield [r.id, r.metadata['outlet'] ?? '', ...columns.map((c) => r.figures[c] ?? null)];
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

/** Every group's findings in one list each. */
function collect(
  groups: Iterable<GroupComparison>,
): Pick<Comparison, 'discrepancies' | 'choices' | 'keyness'> {
  const discrepancies: Discrepancy[] = [];
  const choices: ChoiceRow[] = [];
  const keyness: KeyTerm[] = [];
  for (const g of groups) {
    discrepancies.push(...g.discrepancies);
    choices.push(...g.choices);
    keyness.push(...g.keyness);
  }
  return { discrepancies, choices, keyness };
}

/** Where a long run keeps its articles and issues until the corpus-level files are written. */
export interface RunStorage {
  /** A folder for scratch files (removed by `close`). */
  readonly scratchDir: string;
}

const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Builds every output file of a run as its items arrive, in input order: the per-article files
 * (matches, structure, attributions, long scores, results.ndjson/json, HTML pages) get each
 * article's rows at once, and only the article's record and comparison summary are stored (see
 * ArticleStore: on disk when `storage` is given, so memory does not grow with the corpus);
 * `finish` then writes the files that need the whole corpus (articles.csv, whose columns depend
 * on every article, the comparison files, groups, charts, report.md), reading the stored articles
 * back a pass or a group at a time. `analyze`, `merge` and `buildOutputs` all write through here,
 * so their bytes cannot drift apart.
 */
export class RunOutputs {
  private readonly options: OutputOptions;
  private readonly store: ArticleStore;
  private readonly details: ArticleResult[] = [];
  private readonly skipped: SkippedInput[] = [];
  private readonly issues: IssueLog;
  private readonly attributions: SortedChunks;
  private readonly scores: SortedChunks;
  private readonly json: ResultsJsonWriter | null;
  private readonly pages: HtmlPageNames | null;
  /** Whether the articles are stored on disk (a run), their fingerprints kept by the caller. */
  private readonly onDisk: boolean;

  constructor(
    private readonly sink: OutputSink,
    private readonly run: RunInfo,
    options: Partial<OutputOptions> = {},
    storage: RunStorage | null = null,
  ) {
    this.options = { ...DEFAULT_OUTPUT_OPTIONS, ...options };
    this.onDisk = storage !== null;
    // The metadata columns a comparison or groups.csv may read: the store keeps their values.
    const columns = [this.options.groupBy, 'event', this.options.by, 'outlet'].filter(
      (c): c is string => typeof c === 'string' && c !== '',
    );
    this.store = storage
      ? new FileArticleStore(join(storage.scratchDir, '.scratch-articles'), [...new Set(columns)])
      : new MemoryArticleStore();
    this.issues = new IssueLog(storage ? join(storage.scratchDir, '.scratch-issues.ndjson') : null);
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

  /** Writes a CSV file from rows made one at a time. */
  private csvStream(name: string, header: readonly string[], rows: Iterable<readonly Cell[]>): void {
    const file = new FileAppender(this.sink, name);
    file.write(this.csvHeader(header));
    const cells = { safeCells: this.options.safeCells };
    for (const row of rows) file.write(csvRows(header, [row], cells));
    file.flush();
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
    this.issues.add(issue);
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
    this.appendFiles(rendered.stored.index.id, rendered.files);
    // A store on disk keeps fingerprints apart (the caller's `fingerprintsOf`); in memory the summary is whole.
    if (this.onDisk) this.store.addSerialized(rendered.stored);
    else this.store.add(articleRecord(r, summary.figures), summary);
    this.addDetail(r);
  }

  /**
   * An analysed article rendered by `renderArticle` (in a worker, say): only its bytes are
   * appended and its record and summary stored. Its summary has no fingerprints, so the caller
   * keeps them and gives them back at `finish`; the full result is not here either, so report.md's
   * details come through `addDetail`.
   */
  addRendered(rendered: RenderedArticle): void {
    if (!this.onDisk)
      throw new Error(
        'RunOutputs.addRendered: expected a builder that stores its articles on disk, since a rendered article has no fingerprints',
      );
    this.appendFiles(rendered.stored.index.id, rendered.files);
    this.store.addSerialized(rendered.stored);
  }

  /** The full result of an article, for report.md's details: the first REPORT_DETAIL_LIMIT are kept. */
  addDetail(r: ArticleResult): void {
    if (this.details.length < REPORT_DETAIL_LIMIT) this.details.push(r);
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

  /** The index of the last analysed article with this id (whose text `textOf(id)` must give). */
  indexOfId(id: string): number | undefined {
    return this.store.lastIndexOf(id);
  }

  /**
   * Writes the corpus-level files. `textOf` gives an article's text back for the few passages
   * that reuse.csv and comparison.md quote (the texts are not kept); `fingerprintsOf` the
   * fingerprints of the i-th analysed article, required when the articles are stored on disk.
   * The overview returned reads its records and issues from the run's store until `close`.
   */
  finish(
    textOf: (id: string) => string | undefined,
    fingerprintsOf?: (index: number) => Fingerprints,
  ): RunOverview {
    if (this.onDisk && !fingerprintsOf)
      throw new Error('RunOutputs.finish: expected fingerprintsOf, since the articles are stored on disk');
    const o = this.options;
    const sink = this.sink;
    const store = this.store;
    this.reportMemory('articles stored');
    const clock = new StageClock();
    const records: ArticleRecords = {
      length: store.length,
      [Symbol.iterator]: () => store.records()[Symbol.iterator](),
    };
    const run: RunOverview = {
      ...this.run,
      records,
      details: this.details,
      skipped: this.skipped,
      issues: this.issues,
      issueCounts: this.issues.bySeverity,
      corpus: store.corpus,
    };
    sink.append('attributions.csv', this.csvHeader(ATTRIBUTION_HEADER));
    for (const chunk of this.attributions.inOrder()) sink.append('attributions.csv', chunk);
    sink.append('scores_long.csv', this.csvHeader(SCORES_LONG_HEADER));
    for (const chunk of this.scores.inOrder()) sink.append('scores_long.csv', chunk);
    for (const k of this.skipped) sink.append('results.ndjson', skippedLine(k));
    if (this.json) sink.append('results.json', this.json.end(run));
    clock.lap('sorted files');

    for (const issue of unusedColumnIssues(store, [
      ['--by', o.by],
      ['--group-by', o.oneGroup ? null : o.groupBy],
    ]))
      this.addIssue(issue);
    const columns = articleColumns(run);
    this.csvStream('articles.csv', columns.header, articleRows(run, columns));
    clock.lap('articles.csv');
    this.csvStream(
      'issues.csv',
      ISSUES_HEADER,
      (function* (issues) {
        for (const i of issues) yield issueRow(i);
      })(this.issues),
    );
    clock.lap('issues.csv');

    const compareStart = performance.now();
    const compared = compareStore(store, {
      groupBy: o.groupBy,
      all: o.oneGroup,
      textOf,
      ...(fingerprintsOf ? { fingerprintsOf } : {}),
    });
    const { grouping, reuse } = compared;
    clock.lap('grouping and reuse');
    this.csvStream(
      'reuse.csv',
      REUSE_HEADER,
      (function* () {
        for (const p of reuse.pairs) yield reuseRow(p);
      })(),
    );
    clock.lap('reuse.csv');
    const figureColumns = SIDE_BY_SIDE.filter((f) => store.corpus.figures.has(f));
    const outletKeyness = compared.outletKeyness();
    // Each group's findings go to the CSV files as comparison.md reaches the group, then are dropped;
    // only the discrepancies stay, for report.md.
    const cells = { safeCells: o.safeCells };
    const discrepancyFile = new FileAppender(sink, 'discrepancies.csv');
    const keynessFile = new FileAppender(sink, 'keyness.csv');
    const choicesFile = new FileAppender(sink, 'choices.csv');
    discrepancyFile.write(this.csvHeader(DISCREPANCY_HEADER));
    keynessFile.write(this.csvHeader(KEYNESS_HEADER));
    choicesFile.write(this.csvHeader(CHOICES_HEADER));
    const discrepancies: Discrepancy[] = [];
    function* written(groups: Iterable<GroupComparison>): Generator<GroupComparison> {
      for (const g of groups) {
        for (const d of g.discrepancies) {
          discrepancies.push(d);
          discrepancyFile.write(csvRows(DISCREPANCY_HEADER, discrepancyRows(d, discrepancies.length), cells));
        }
        keynessFile.write(csvRows(KEYNESS_HEADER, g.keyness.map(keynessRow), cells));
        choicesFile.write(csvRows(CHOICES_HEADER, g.choices.map(choiceRow), cells));
        yield g;
      }
    }
    // comparison.md looks up a group's findings by its id; ids are unique but for odd metadata,
    // where every group is computed first so that groups sharing an id share their findings.
    const uniqueIds = new Set(grouping.groups.map((g) => g.id)).size === grouping.groups.length;
    const hasOutlet = hasValue(store, 'outlet', false);
    const view: ComparisonView = {
      grouping,
      reuse,
      id: (i) => store.id(i),
      head: (i) => store.head(i),
      hasOutlet,
      groups: uniqueIds
        ? written(compared.groups())
        : groupsById(grouping, collect(written(compared.groups()))),
      outletKeyness,
    };
    const comparisonFile = new FileAppender(sink, 'comparison.md');
    comparisonFile.writeJoined(trimmedEnd(comparisonMarkdownParts(view, { figureColumns })));
    comparisonFile.write('\n');
    comparisonFile.flush();
    keynessFile.write(csvRows(KEYNESS_HEADER, outletKeyness.map(keynessRow), cells));
    for (const f of [discrepancyFile, keynessFile, choicesFile]) f.flush();
    clock.lap('comparison.md with its CSV files');
    // Benchmarks want the comparison's share of a run; FRAMESCOPE_TIMING=1 says it on stderr.
    if (process.env['FRAMESCOPE_TIMING'] === '1')
      process.stderr.write(
        `framescope timing: comparison of ${store.length} articles ${((performance.now() - compareStart) / 1000).toFixed(2)} s (${reuse.candidatesChecked} candidate pairs, ${reuse.duplicates} duplicates)\n`,
      );

    const by = o.by ?? (hasOutlet ? 'outlet' : null);
    const groups = by ? this.groupFigures(by) : [];
    if (by) sink.write('groups.csv', this.csv(groupFiguresTable(groups, by)));
    const charts = runCharts(records, store.corpus, by, groups);
    for (const c of charts) sink.write(c.file, c.svg);
    clock.lap('groups and charts');
    if (o.latex) {
      const header = ['article', 'outlet', ...figureColumns];
      const tex = new FileAppender(sink, 'tables/comparison.tex');
      for (const line of latexTableLines(header, sideBySideRows(records, figureColumns), {
        caption: 'Framing and citation figures per article (see the methods section of report.md)',
        label: 'tab:comparison',
        numericColumns: header.map((_, i) => i).filter((i) => i > 1),
      }))
        tex.write(`${line}\n`);
      tex.flush();
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
    if (o.latex) clock.lap('LaTeX tables');
    const details = this.details;
    const sections: ReportSection[] = [
      { title: 'Framing', body: () => framingSectionParts(records, details, 8, REPORT_DETAIL_LIMIT) },
      { title: 'Sources', body: () => sourcesSectionParts(records, details, REPORT_DETAIL_LIMIT) },
      { title: 'Facts that disagree', body: discrepancySection({ discrepancies }) },
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
          metrics: run.metrics.filter((m) => store.corpus.figures.has(m.name)),
          settings: run.settings,
          toolVersion: run.toolVersion,
          limitations: STANDARD_LIMITATIONS,
        }),
      },
    ];
    const report = new FileAppender(sink, 'report.md');
    report.writeJoined(reportMarkdownParts(run, sections));
    report.flush();
    clock.lap('report.md');
    clock.report('corpus-level files');
    this.reportMemory('corpus-level files written');
    return run;
  }

  /** groups.csv's figures: the articles of each value of `by`, read back a group at a time. */
  private groupFigures(by: string): GroupFigures[] {
    const store = this.store;
    return groupFiguresOf(
      groupMembers(store.length, (i) => store.metadataValue(i, by)),
      [...store.corpus.numericFigures].sort(),
      (i) => store.record(i).figures,
    );
  }

  /** FRAMESCOPE_MEMORY=1: the main thread's heap on stderr, to check that it does not grow with the corpus. */
  private reportMemory(when: string): void {
    if (process.env['FRAMESCOPE_MEMORY'] !== '1') return;
    // Under `node --expose-gc` the heap is collected first, so the figure is what is kept.
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.stderr.write(
      `framescope memory: ${when}: heap used ${MB(m.heapUsed)} MB, external ${MB(m.external)} MB, rss ${MB(m.rss)} MB (${this.store.length} articles)\n`,
    );
  }

  /** Removes the scratch files of the store; the overview's records and issues are then gone. */
  close(): void {
    this.store.close();
    this.issues.close();
  }
}
