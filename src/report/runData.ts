import type { PackInfo } from '../analyzer.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import type { ArticleResult, Issue, MetricDefinition, SkippedInput } from '../types.ts';

/** Everything one run produced, in input order: the input of every report writer. */
export interface RunData {
  readonly results: readonly ArticleResult[];
  /** The compact comparison summary of each result, in the same order. */
  readonly summaries: readonly ArticleSummary[];
  /** The lexicon packs used, with versions and hashes. */
  readonly packs: readonly PackInfo[];
  readonly skipped: readonly SkippedInput[];
  readonly issues: readonly Issue[];
  /** Definitions of every figure that appears in `results[].figures`. */
  readonly metrics: readonly MetricDefinition[];
  /** What was asked for, as printed in the report (input, options). */
  readonly settings: Readonly<Record<string, string>>;
  readonly toolVersion: string;
}

/** Metadata columns in first-seen order, so the output keeps the order of the user's own files. */
export function metadataColumns(data: RunData): string[] {
  const seen = new Set<string>();
  for (const r of data.results) for (const k of Object.keys(r.article.metadata)) seen.add(k);
  return [...seen];
}

/** Figure names in the order their definitions were registered, then any undefined ones sorted. */
export function figureColumns(data: RunData): string[] {
  const present = new Set<string>();
  for (const r of data.results) for (const k of Object.keys(r.figures)) present.add(k);
  const ordered = data.metrics.map((m) => m.name).filter((n) => present.has(n));
  const rest = [...present].filter((n) => !ordered.includes(n)).sort();
  return [...ordered, ...rest];
}
