import type { Issue } from '../types.ts';

/**
 * `framing` packs are scored, `choices` packs tell which competing term an article used. `sources`
 * packs (attribution) and `facts` packs (event kinds) are read by other stages and never matched
 * as framing; their entries may carry extra fields.
 */
export type PackKind = 'framing' | 'choices' | 'sources' | 'facts';
export const PACK_KINDS: readonly PackKind[] = ['framing', 'choices', 'sources', 'facts'];

/** Kinds whose packs the framing matcher compiles. */
export function isMatchedKind(kind: PackKind): boolean {
  return kind === 'framing' || kind === 'choices';
}

/**
 * How a literal pattern word is compared with a token: `exact` the form as written (case folded
 * unless `case_sensitive`), `normal` the lower-case normal form with British/American spelling
 * folded, `lemma` (default) the normal form or the lemma, `stem` the Porter stem.
 */
export type MatchMode = 'exact' | 'normal' | 'lemma' | 'stem';
export const MATCH_MODES: readonly MatchMode[] = ['exact', 'normal', 'lemma', 'stem'];

/** A string of a pack together with the 1-based line it was written on. */
export interface Located {
  readonly text: string;
  readonly line: number;
}

export interface PackEntry {
  readonly id: string;
  /** Line of the entry's first field. */
  readonly line: number;
  /** Dot path; the first segment is the top category. */
  readonly category: string;
  readonly patterns: readonly Located[];
  readonly weight: number;
  readonly rationale: string;
  readonly evidence: string;
  readonly match: MatchMode;
  /** Longer phrases inside which a hit of this entry is not counted. */
  readonly exclude: readonly Located[];
  /** Universal POS tags a single-word pattern's token must have; empty for no constraint. */
  readonly pos: readonly string[];
  readonly caseSensitive: boolean;
  /** `choices` packs: the set of competing terms and which term this entry is. */
  readonly choice: string | null;
  readonly term: string | null;
  /** Fields other kinds do not know, kept for `sources` packs whose readers need them. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface Pack {
  readonly pack: string;
  readonly kind: PackKind;
  readonly version: string;
  readonly description: string;
  readonly licence: string;
  readonly citation: string;
  /** Where the pack was read from (a path, or a name given by the caller). */
  readonly file: string;
  /**
   * The form it was written in. Imported LIWC and quanteda dictionaries may put one word in
   * several categories on purpose, so `lexicon check` only warns about that for them.
   */
  readonly format?: 'yaml' | 'liwc' | 'quanteda' | 'csv';
  readonly entries: readonly PackEntry[];
  /**
   * The composite indexes its categories feed (figures/indexes.ts), by the index's id or
   * `id.part`: each a list of categories of the pack, a category standing for its sub-categories
   * too. Absent or empty: the pack feeds no index.
   */
  readonly indexes?: Readonly<Record<string, readonly Located[]>>;
  /** Problems found while reading the pack (syntax, fields, values); `checkPacks` adds the rest. */
  readonly issues: readonly Issue[];
}
