import type { PackInfo } from '../analyzer.ts';
import type { ArticleSummary } from '../compare/summary.ts';
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

/**
 * What the corpus-level outputs are built from once the per-article rows are written: one compact
 * record per analysed article, the full results of the first few (report.md's details), and the
 * run-level data. Memory grows by a record per article, not by the articles.
 */
export interface RunOverview extends RunLevel {
  readonly records: readonly ArticleRecord[];
  /** Full results of the first articles, in input order, for report.md's per-article details. */
  readonly details: readonly ArticleResult[];
  readonly skipped: readonly SkippedInput[];
  readonly issues: readonly Issue[];
}

/** Metadata columns in first-seen order, so the output keeps the order of the user's own files. */
export function metadataColumns(records: readonly ArticleRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.metadata)) seen.add(k);
  return [...seen];
}

/** Figure names in the order their definitions were registered, then any undefined ones sorted. */
export function figureColumns(
  records: readonly ArticleRecord[],
  metrics: readonly MetricDefinition[],
): string[] {
  const present = new Set<string>();
  for (const r of records) for (const k of Object.keys(r.figures)) present.add(k);
  const ordered = metrics.map((m) => m.name).filter((n) => present.has(n));
  const rest = [...present].filter((n) => !ordered.includes(n)).sort();
  return [...ordered, ...rest];
}
