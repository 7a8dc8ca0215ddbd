import { metadataValueOf } from '../corpus/metadata.ts';
import type { Issue, Metadata } from '../types.ts';
import { type Duplicates, findDuplicates } from './duplicates.ts';
import type { Fact } from './facts.ts';
import type {
  ArticleSummary,
  EntryCount,
  Fingerprints,
  SourceCount,
  TermChoiceCount,
  TermCounts,
} from './summary.ts';

/**
 * Where the corpus-level comparison reads its articles' summaries from, one part at a time: an
 * array in memory (the library, tests), or a scratch file on disk (a long run, see
 * run/articleStore.ts), so that a pass over a group reads only what it needs and no pass
 * keeps the corpus in memory. Indexes are input order, 0-based.
 */
export interface SummaryStore {
  readonly length: number;
  id(i: number): string;
  /** A metadata value as written (not trimmed); undefined when the article has none. */
  metadataValue(i: number, column: string): string | undefined;
  /** Exact duplicates (duplicates.ts), worked out once. */
  duplicates(): Duplicates;
  /** What comparison.md shows of a member. */
  head(i: number): ArticleHead;
  terms(i: number): TermCounts;
  signature(i: number): Uint32Array;
  facts(i: number): readonly Fact[];
  termChoices(i: number): readonly TermChoiceCount[];
  entryCounts(i: number): EntryCounts;
  /**
   * Whether two articles' entry counts are the same, when that is known without reading them
   * (a store on disk compares their bytes): false when it is not known, or they differ.
   */
  sameEntryCounts(i: number, j: number): boolean;
  fingerprints(i: number): Fingerprints;
}

export interface ArticleHead {
  readonly id: string;
  readonly metadata: Metadata;
  readonly wordCount: number;
  readonly figures: Readonly<Record<string, number | null>>;
}

/** Framing entries and sources of an article: what a reuse pair says one added or dropped. */
export interface EntryCounts {
  readonly framing: readonly EntryCount[];
  readonly sources: readonly SourceCount[];
}

/** An array of summaries as a store. */
export function summaryStore(summaries: readonly ArticleSummary[]): SummaryStore {
  const at = (i: number): ArticleSummary => {
    const s = summaries[i];
    if (s === undefined)
      throw new RangeError(`summaryStore: expected an index below ${summaries.length}, found ${i}`);
    return s;
  };
  let duplicates: Duplicates | null = null;
  return {
    length: summaries.length,
    id: (i) => at(i).id,
    metadataValue: (i, column) => metadataValueOf(at(i).metadata, column),
    duplicates: () => {
      duplicates ??= findDuplicates(summaries);
      return duplicates;
    },
    head: at,
    terms: (i) => at(i).terms,
    signature: (i) => at(i).signature,
    facts: (i) => at(i).facts,
    termChoices: (i) => at(i).termChoices,
    entryCounts: at,
    sameEntryCounts: (i, j) => at(i).framing === at(j).framing && at(i).sources === at(j).sources,
    fingerprints: at,
  };
}

/**
 * A warning for each column an option names (`--by`, `--group-by`) in which no article has a
 * value: a typo would otherwise give one "(none)" group without a word.
 */
export function unusedColumnIssues(
  store: SummaryStore,
  named: readonly (readonly [option: string, column: string | null | undefined])[],
): Issue[] {
  const issues: Issue[] = [];
  for (const [option, column] of named) {
    if (!column || hasValue(store, column, true)) continue;
    issues.push({
      severity: 'warning',
      code: 'options/unknown-column',
      message: `${option} ${column}: no article has a value in the column "${column}", so every article is in one group "(none)"`,
      hint: 'check the spelling of the column (a metadata column of the input or the sidecar)',
    });
  }
  return issues;
}

/** Whether any article has a value in the column that is not blank (trimmed when asked). */
export function hasValue(store: SummaryStore, column: string, trimmed: boolean): boolean {
  for (let i = 0; i < store.length; i++) {
    const v = store.metadataValue(i, column) ?? '';
    if ((trimmed ? v.trim() : v) !== '') return true;
  }
  return false;
}
