import { join } from 'node:path';
import type { CorpusResult } from '../analyzer/analyzer.ts';
import type { Discrepancy } from '../compare/discrepancies.ts';
import type { Grouping } from '../compare/grouping.ts';
import { type GroupComparison, collectFindings, compareStore } from '../compare/index.ts';
import { hasValue, unusedColumnIssues } from '../compare/store.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import { type GroupFigures, groupFiguresOf, groupMembers } from '../figures/groups.ts';
import { articleParts } from '../report/articleFiles.ts';
import { articleRecord } from '../report/articleRecord.ts';
import { neutralisedCells } from '../report/escape/csv.ts';
import { GROUP_FILE_WRITERS, comparisonMd } from '../report/groupFiles.ts';
import type { OutputFiles } from '../report/outputFiles.ts';
import { REPORT_DETAIL_LIMIT } from '../report/outputOptions.ts';
import type { ArticleRecords, RunInfo, RunOverview } from '../report/runData.ts';
import { type OutputFile, RUN_FILE_WRITERS, type RunFindings, sideBySideOf } from '../report/runFiles.ts';
import { type ComparisonView, groupsById } from '../report/sections/comparison.ts';
import { FileAppender } from '../report/streamText.ts';
import type { ArticleResult, Issue, SkippedInput } from '../types.ts';
import { ArticlePartsAppender } from './articlePartsAppender.ts';
import { type ArticleStore, FileArticleStore, MemoryArticleStore } from './articleStore.ts';
import { IssueLog } from './issueLog.ts';
import type { RenderedArticle, RenderedItem } from './renderArticle.ts';
import { DEFAULT_RUN_OPTIONS, type RunOptions, outputOptionsOf } from './runOptions.ts';
import { StageClock, reportMemory, reportTiming } from './stageClock.ts';

/** Where a long run keeps its articles and issues until the corpus-level files are written. */
export interface RunStorage {
  /** A folder for scratch files (removed by `close`). */
  readonly scratchDir: string;
}

/** `--latex-columns` names that are no figure of the run: said, since the tables leave them out. */
export function unknownFigureIssues(
  columns: readonly string[] | null,
  figures: ReadonlySet<string>,
): Issue[] {
  return (columns ?? [])
    .filter((c) => !figures.has(c))
    .map((c) => ({
      severity: 'warning',
      code: 'options/unknown-figure',
      message: `no article has a figure "${c}" (named by --latex-columns), so the LaTeX tables leave it out`,
      hint: 'name columns of articles.csv (figures), separated by commas',
    }));
}

/** Writes a file given by a writer into the run's files, in pieces. */
function writeFile(files: OutputFiles, { file, text }: OutputFile): void {
  if (typeof text === 'string') {
    files.write(file, text);
    return;
  }
  const out = new FileAppender(files, file);
  for (const part of text) out.write(part);
  out.flush();
}

/**
 * The files of one run, built as its items arrive in input order: each article's parts go to the
 * per-article files at once and only its record and comparison summary are stored (ArticleStore:
 * on disk when `storage` is given, so that memory does not grow with the corpus). `finish` then
 * runs the comparison and the group statistics over the stored articles and hands what they found
 * to the writers of the corpus-level files (report/). `analyze`, `merge` and `buildOutputs` all
 * write through here, so their bytes cannot drift apart.
 */
export class RunFiles {
  private readonly options: RunOptions;
  private readonly store: ArticleStore;
  /** The same store when it is on disk, which takes articles encoded in a worker. */
  private readonly fileStore: FileArticleStore | null;
  private readonly details: ArticleResult[] = [];
  private readonly skipped: SkippedInput[] = [];
  /** CSV cells of the per-article files neutralised as possible formulas (see escape/csv.ts). */
  private articleCellsNeutralised = 0;
  private readonly issues: IssueLog;
  private readonly parts: ArticlePartsAppender;

  constructor(
    private readonly files: OutputFiles,
    private readonly info: RunInfo,
    options: Partial<RunOptions> = {},
    storage: RunStorage | null = null,
  ) {
    this.options = { ...DEFAULT_RUN_OPTIONS, ...options };
    // The metadata columns a comparison or groups.csv may read: the store keeps their values.
    const columns = [this.options.groupBy, 'event', this.options.by, 'outlet'].filter(
      (c): c is string => typeof c === 'string' && c !== '',
    );
    this.fileStore = storage
      ? new FileArticleStore(join(storage.scratchDir, '.scratch-articles'), [...new Set(columns)])
      : null;
    this.store = this.fileStore ?? new MemoryArticleStore();
    this.issues = new IssueLog(storage ? join(storage.scratchDir, '.scratch-issues.ndjson') : null);
    this.parts = new ArticlePartsAppender(files, outputOptionsOf(this.options));
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
    const before = neutralisedCells();
    this.parts.add(r.article.id, articleParts(r, outputOptionsOf(this.options)));
    this.articleCellsNeutralised += neutralisedCells() - before;
    this.store.add(articleRecord(r, summary.figures), summary);
    this.addDetail(r);
  }

  /**
   * An analysed article rendered by `renderArticle` (in a worker, say): only its bytes are
   * appended and stored. The full result is not here, so report.md's details come through
   * `addDetail`.
   */
  addRendered(rendered: RenderedArticle): void {
    if (this.fileStore === null)
      throw new Error(
        'RunFiles.addRendered: expected files that store their articles on disk, since a rendered article is stored encoded',
      );
    this.parts.add(rendered.stored.index.id, rendered.files);
    this.articleCellsNeutralised += rendered.neutralisedCells;
    this.fileStore.addStored(rendered.stored);
  }

  /** The full result of an article, for report.md's details: the first REPORT_DETAIL_LIMIT are kept. */
  addDetail(r: ArticleResult): void {
    if (this.details.length < REPORT_DETAIL_LIMIT) this.details.push(r);
  }

  /** The index of the last analysed article with this id (whose text `textOf(id)` must give). */
  indexOfId(id: string): number | undefined {
    return this.store.lastIndexOf(id);
  }

  /**
   * Runs the comparison and the group statistics, and writes the corpus-level files. `textOf`
   * gives an article's text back for the few passages that reuse.csv and comparison.md quote (the
   * texts are not kept). The overview returned reads its records and issues from the run's store
   * until `close`.
   */
  finish(textOf: (id: string) => string | undefined): RunOverview {
    const store = this.store;
    const output = outputOptionsOf(this.options);
    // Cells neutralised from here on are those of the corpus-level files, written in this thread.
    const cellsBefore = neutralisedCells();
    reportMemory('articles stored', store.length);
    const clock = new StageClock();
    for (const issue of unusedColumnIssues(store, [
      ['--by', this.options.by],
      ['--group-by', this.options.oneGroup ? null : this.options.groupBy],
    ]))
      this.addIssue(issue);
    for (const issue of unknownFigureIssues(this.options.latexColumns, store.corpus.figures))
      this.addIssue(issue);
    const records: ArticleRecords = {
      length: store.length,
      [Symbol.iterator]: () => store.records()[Symbol.iterator](),
    };
    const run: RunOverview = {
      ...this.info,
      records,
      details: this.details,
      skipped: this.skipped,
      issues: this.issues,
      issueCounts: this.issues.bySeverity,
      corpus: store.corpus,
    };
    this.parts.finish(run);
    clock.lap('per-article files');

    const sideBySide = sideBySideOf(store.corpus);
    // The group figures come first: comparison.md opens with their tables.
    const by = this.options.by ?? (hasValue(store, 'outlet', false) ? 'outlet' : null);
    const groups = by ? this.groupFigures(by) : [];
    clock.lap('group figures');
    const { reuse, discrepancies, grouping } = this.compare(textOf, sideBySide, by, groups, clock);
    const storyGroups: string[] = new Array(store.length).fill('');
    for (const g of grouping.groups) for (const m of g.members) storyGroups[m] = g.id;

    const findings: RunFindings = {
      run,
      reuse,
      discrepancies,
      by,
      groups,
      sideBySide,
      storyGroupOf: (n) => storyGroups[n] ?? '',
      neutralisedCells: () => this.articleCellsNeutralised + neutralisedCells() - cellsBefore,
    };
    for (const writer of RUN_FILE_WRITERS) {
      for (const file of writer(findings, output)) writeFile(this.files, file);
      clock.lap(writer.name);
    }
    clock.report('corpus-level files');
    reportMemory('corpus-level files written', store.length);
    return run;
  }

  /**
   * The comparison: grouping and reuse at once, then each group's findings as comparison.md
   * reaches the group, handed to the files with a part per group and then dropped; only the
   * discrepancies stay, for report.md.
   */
  private compare(
    textOf: (id: string) => string | undefined,
    sideBySide: readonly string[],
    by: string | null,
    groups: readonly GroupFigures[],
    clock: StageClock,
  ): Pick<RunFindings, 'reuse' | 'discrepancies'> & { readonly grouping: Grouping } {
    const store = this.store;
    const output = outputOptionsOf(this.options);
    const started = performance.now();
    const compared = compareStore(store, {
      groupBy: this.options.groupBy,
      all: this.options.oneGroup,
      textOf,
    });
    const { grouping, reuse } = compared;
    clock.lap('grouping and reuse');
    const outletKeyness = compared.outletKeyness();
    const groupFiles = GROUP_FILE_WRITERS.map((w) => {
      const file = new FileAppender(this.files, w.file);
      const parts = w.open(output);
      file.write(parts.head);
      return { file, parts };
    });
    const discrepancies: Discrepancy[] = [];
    function* handedOn(groups: Iterable<GroupComparison>): Generator<GroupComparison> {
      for (const g of groups) {
        discrepancies.push(...g.discrepancies);
        for (const { file, parts } of groupFiles) file.write(parts.group(g));
        yield g;
      }
    }
    // comparison.md looks up a group's findings by its id; ids are unique but for odd metadata,
    // where every group is computed first so that groups sharing an id share their findings.
    const uniqueIds = new Set(grouping.groups.map((g) => g.id)).size === grouping.groups.length;
    const view: ComparisonView = {
      grouping,
      reuse,
      id: (i) => store.id(i),
      head: (i) => store.head(i),
      hasOutlet: hasValue(store, 'outlet', false),
      groups: uniqueIds
        ? handedOn(compared.groups())
        : groupsById(grouping, collectFindings(handedOn(compared.groups()))),
      outletKeyness,
      groupFigures: by === null ? null : { by, groups },
    };
    writeFile(this.files, {
      file: 'comparison.md',
      text: comparisonMd(view, sideBySide, this.options.digits),
    });
    for (const { file, parts } of groupFiles) {
      file.write(parts.tail(outletKeyness));
      file.flush();
    }
    clock.lap('comparison.md with its tables');
    reportTiming(
      `comparison of ${store.length} articles ${((performance.now() - started) / 1000).toFixed(2)} s (${reuse.candidatesChecked} candidate pairs, ${reuse.duplicates} duplicates)`,
    );
    return { reuse, discrepancies, grouping };
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

  /** Removes the scratch files of the store; the overview's records and issues are then gone. */
  close(): void {
    this.store.close();
    this.issues.close();
  }
}
