import { type ChoiceRow, termChoiceRowsOf } from './choices.ts';
import { type Discrepancy, findStoreDiscrepancies } from './discrepancies.ts';
import { type Group, type Grouping, type TextClusterOptions, groupStore } from './grouping.ts';
import {
  DEFAULT_KEYNESS,
  type KeyTerm,
  type KeynessOptions,
  articleKeynessOf,
  outletKeynessOf,
} from './keyness.ts';
import { DEFAULT_REUSE, type ReuseOptions, type ReuseResult, findStoreReuse } from './reuse.ts';
import { type SummaryStore, summaryStore } from './store.ts';
import type { ArticleSummary } from './summary.ts';

export type { ChoiceRow } from './choices.ts';
export { type ArticleHead, type SummaryStore, summaryStore } from './store.ts';
export { type Duplicates, findDuplicates } from './duplicates.ts';
export type { Discrepancy, DiscrepancyClass, DiscrepancyField, DiscrepancyMention } from './discrepancies.ts';
export { eventKindsOf, loadEventKinds } from './eventKinds.ts';
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
  const compared = compareStore(summaryStore(summaries), options);
  const { discrepancies, choices, keyness } = collectFindings(compared.groups());
  keyness.push(...compared.outletKeyness());
  return { summaries, grouping: compared.grouping, reuse: compared.reuse, discrepancies, choices, keyness };
}

/** Every group's findings, gathered in one list each. */
export function collectFindings(groups: Iterable<GroupComparison>): {
  discrepancies: Discrepancy[];
  choices: ChoiceRow[];
  keyness: KeyTerm[];
} {
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

/** What the comparison finds inside one group. */
export interface GroupComparison {
  readonly group: Group;
  readonly discrepancies: readonly Discrepancy[];
  readonly choices: readonly ChoiceRow[];
  /** Each distinct member against the rest of the group. */
  readonly keyness: readonly KeyTerm[];
}

/**
 * A comparison over a store, for a run too large to hold: grouping and reuse are worked out at
 * once, each group's findings as `groups()` reaches it (reading that group's members only), so a
 * writer can print one group and forget it.
 */
export interface StoreComparison {
  readonly grouping: Grouping;
  readonly reuse: ReuseResult;
  /** Each group's findings, in the grouping's order, computed as they are read. */
  groups(): Generator<GroupComparison>;
  /** Each outlet against the rest of the corpus (one more pass over the terms). */
  outletKeyness(): KeyTerm[];
}

export function compareStore(store: SummaryStore, options: CompareOptions = {}): StoreComparison {
  const duplicates = store.duplicates();
  const grouping = groupStore(
    store,
    {
      column: options.groupBy ?? null,
      all: options.all ?? false,
      ...(options.cluster ? { cluster: options.cluster } : {}),
    },
    duplicates,
  );
  const reuse = findStoreReuse(store, grouping, options.reuse ?? DEFAULT_REUSE, options.textOf, duplicates);
  const keynessOptions = options.keyness ?? DEFAULT_KEYNESS;
  const isDistinct = (m: number) => duplicates.representativeOf[m] === m;
  return {
    grouping,
    reuse,
    *groups() {
      for (const g of grouping.groups) {
        // Identical texts cannot disagree, and a copy in the reference would hide its original's words.
        const distinct = duplicates.count === 0 ? g : { ...g, members: g.members.filter(isDistinct) };
        const members = distinct.members;
        yield {
          group: g,
          discrepancies: findStoreDiscrepancies(distinct, store),
          choices: termChoiceRowsOf(g, store),
          keyness: articleKeynessOf(
            g.id,
            members.length,
            (k) => store.id(members[k] as number),
            (k) => store.terms(members[k] as number),
            keynessOptions,
          ),
        };
      }
    },
    outletKeyness: () => outletKeynessOf(store, options.outletColumn ?? 'outlet', keynessOptions),
  };
}
