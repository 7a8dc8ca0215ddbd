import type { ArticleSummary } from '../compare/summary.ts';
import type { PackInfo } from '../lexicon/prepare.ts';
import type { ArticleResult, Issue, MetricDefinition, Severity, SkippedInput } from '../types.ts';
import type { ArticleRecord } from './articleRecord.ts';

/**
 * What the writers of report/ read: a run as computed data. The run layer (run/) gathers it as the
 * articles arrive, computes the comparison and the statistics, then hands it to each writer.
 */

/** What a run is, apart from its articles: the same for every shard of it, and named by every output. */
export interface RunInfo {
  /** The lexicon packs used, with versions and hashes. */
  readonly packs: readonly PackInfo[];
  /** Definitions of every figure that appears in the articles' figures. */
  readonly metrics: readonly MetricDefinition[];
  /** What was asked for, as printed in the report (input, options). */
  readonly settings: Readonly<Record<string, string>>;
  readonly toolVersion: string;
}

/** Everything one run produced, in input order, held in memory: what `buildOutputs` writes from. */
export interface RunData extends RunInfo {
  readonly results: readonly ArticleResult[];
  /** The compact comparison summary of each result, in the same order. */
  readonly summaries: readonly ArticleSummary[];
  readonly skipped: readonly SkippedInput[];
  readonly issues: readonly Issue[];
}

/** The records of a run's analysed articles, read in input order (from disk in a long run). */
export interface ArticleRecords extends Iterable<ArticleRecord> {
  readonly length: number;
}

/** The problems of a run in the order they were found. */
export interface IssueList extends Iterable<Issue> {
  readonly length: number;
}

export type SeverityCounts = Readonly<Record<Severity, number>>;

/** What the columns of articles.csv and the run's charts depend on: every article's, gathered as they come. */
export interface CorpusColumns {
  /** Metadata columns in first-seen order. */
  readonly metadata: readonly string[];
  readonly figures: ReadonlySet<string>;
  /** Figures that are a number in at least one article. */
  readonly numericFigures: ReadonlySet<string>;
  readonly choiceSets: ReadonlySet<string>;
  readonly topCategories: ReadonlySet<string>;
  readonly words: number;
  readonly tokens: number;
}

/**
 * A run once its per-article rows are written: the records of every article (a reader, not an
 * array: a long run keeps them on disk, readable until it is finished), the full results of the
 * first few (report.md's details), what the articles add up to, and the run-level data.
 */
export interface RunOverview extends RunInfo {
  readonly records: ArticleRecords;
  /** Full results of the first articles, in input order, for report.md's per-article details. */
  readonly details: readonly ArticleResult[];
  readonly skipped: readonly SkippedInput[];
  readonly issues: IssueList;
  readonly issueCounts: SeverityCounts;
  /** Metadata columns, figures, choice sets and totals of every article, gathered as they came. */
  readonly corpus: CorpusColumns;
}

/** Figure names in the order their definitions were registered, then any undefined ones sorted. */
export function figureColumns(present: ReadonlySet<string>, metrics: readonly MetricDefinition[]): string[] {
  const ordered = metrics.map((m) => m.name).filter((n) => present.has(n));
  const rest = [...present].filter((n) => !ordered.includes(n)).sort();
  return [...ordered, ...rest];
}
