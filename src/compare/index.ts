import { type ChoiceRow, termChoiceRows } from './choices.ts';
import type { Fingerprints } from './compactSummary.ts';
import { type Discrepancy, findDiscrepancies } from './discrepancies.ts';
import { findDuplicates } from './duplicates.ts';
import { type Grouping, type TextClusterOptions, groupArticles } from './grouping.ts';
import {
  DEFAULT_KEYNESS,
  type KeyTerm,
  type KeynessOptions,
  articleKeyness,
  outletKeyness,
} from './keyness.ts';
import { DEFAULT_REUSE, type ReuseOptions, type ReuseResult, findReuse } from './reuse.ts';
import type { ArticleSummary } from './summary.ts';

export type { ChoiceRow } from './choices.ts';
export { type Duplicates, findDuplicates } from './duplicates.ts';
export type { Discrepancy, DiscrepancyClass, DiscrepancyField, DiscrepancyMention } from './discrepancies.ts';
export { loadEventKinds, parseEventKinds } from './eventKinds.ts';
export type { Group, Grouping } from './grouping.ts';
export type { KeyTerm } from './keyness.ts';
export type { AlignedPassage, ReusePair, ReuseResult } from './reuse.ts';
export { type ArticleSummary, summarizeForComparison, type TermChoiceCount } from './summary.ts';

/**
 * Corpus-level comparison, from summaries only: grouping, reuse, facts that disagree, term
 * choices and distinctive words. The texts are read again only to print aligned passages, through
 * `textOf`, and only for the pairs that are reported.
 *
 * Exact duplicates are collapsed first (duplicates.ts): clustering, reuse measures, discrepancies
 * and per-article keyness work on the distinct texts, each duplicate standing with its
 * representative; term choices and outlet keyness count every article, copies included.
 */

export interface CompareOptions {
  /** Group by this metadata column; default `event` when present, else text clusters. */
  readonly groupBy?: string | null;
  /** All articles as one group. */
  readonly all?: boolean;
  readonly cluster?: TextClusterOptions;
  readonly reuse?: ReuseOptions;
  readonly keyness?: KeynessOptions;
  /** Metadata column whose values get keyness against the corpus (default `outlet`). */
  readonly outletColumn?: string;
  readonly textOf?: (id: string) => string | undefined;
  /** Shingles and sentence fingerprints of the i-th article, when the summaries were kept without them. */
  readonly fingerprintsOf?: (index: number) => Fingerprints;
}

export interface Comparison {
  readonly summaries: readonly ArticleSummary[];
  readonly grouping: Grouping;
  readonly reuse: ReuseResult;
  readonly discrepancies: readonly Discrepancy[];
  readonly choices: readonly ChoiceRow[];
  readonly keyness: readonly KeyTerm[];
}

export function compareCorpus(
  summaries: readonly ArticleSummary[],
  options: CompareOptions = {},
): Comparison {
  const duplicates = findDuplicates(summaries);
  const grouping = groupArticles(
    summaries,
    {
      column: options.groupBy ?? null,
      all: options.all ?? false,
      ...(options.cluster ? { cluster: options.cluster } : {}),
    },
    duplicates,
  );
  const reuse = findReuse(
    summaries,
    grouping,
    options.reuse ?? DEFAULT_REUSE,
    options.textOf,
    options.fingerprintsOf,
    duplicates,
  );
  const discrepancies: Discrepancy[] = [];
  const choices: ChoiceRow[] = [];
  const keyness: KeyTerm[] = [];
  const keynessOptions = options.keyness ?? DEFAULT_KEYNESS;
  const isDistinct = (m: number) => duplicates.representativeOf[m] === m;
  for (const g of grouping.groups) {
    // Identical texts cannot disagree, and a copy in the reference would hide its original's words.
    const distinct = duplicates.count === 0 ? g : { ...g, members: g.members.filter(isDistinct) };
    discrepancies.push(...findDiscrepancies(distinct, summaries));
    choices.push(...termChoiceRows(g, summaries));
    keyness.push(
      ...articleKeyness(
        g.id,
        distinct.members.map((m) => summaries[m] as ArticleSummary),
        keynessOptions,
      ),
    );
  }
  keyness.push(...outletKeyness(summaries, options.outletColumn ?? 'outlet', keynessOptions));
  return { summaries, grouping, reuse, discrepancies, choices, keyness };
}
