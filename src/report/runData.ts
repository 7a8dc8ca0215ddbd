import type { PackInfo } from '../analyzer/analyzer.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import type { CorpusColumns } from '../run/articleStore.ts';
import type { IssueList, SeverityCounts } from '../run/issueLog.ts';
import type { ArticleResult, Issue, MetricDefinition, SkippedInput } from '../types.ts';
import type { ArticleRecord } from './articleRecord.ts';

/** What a run is, apart from its articles: the same for every shard of it. */
export interface RunLevel {
  /** The lexicon packs used, with versions and hashes. */
  readonly packs: readonly PackInfo[];
  /** Definitions of every figure that appears in the articles' figures. */
  readonly metrics: readonly MetricDefinition[];
  /** What was asked for, as printed in the report (input, options). */
  readonly settings: Readonly<Record<string, string>>;
  readonly toolVersion: string;
}

/** Everything one run produced, in input order: the input of every report writer. */
export interface RunData extends RunLevel {
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

/**
 * What the corpus-level outputs are built from once the per-article rows are written: the
 * records of every article (a reader, not an array: a long run keeps them on disk, readable
 * until its writer is finished), the full results of the first few (report.md's details), what
 * the articles add up to, and the run-level data.
 */
export interface RunOverview extends RunLevel {
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
