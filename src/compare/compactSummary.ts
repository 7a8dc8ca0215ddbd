import { duplicateKeyOf } from './duplicates.ts';
import type { ArticleSummary, SentenceFingerprint } from './summary.ts';

/**
 * What reuse detection needs of an article beyond its signature: exact shingles and per-sentence
 * fingerprints. They are the bulk of a summary and only candidate pairs need them, so a long run
 * keeps them on disk (in run-data.ndjson) and reads back those of the candidates' articles.
 */
export interface Fingerprints {
  readonly shingles: Uint32Array;
  readonly sentences: readonly SentenceFingerprint[];
}

const NO_SHINGLES = new Uint32Array(0);

/**
 * Shares the term strings of every summary through one pool, since the same few thousand lemmas
 * recur in every article (each summary arriving from a worker has its own copies).
 */
export class TermPool {
  private readonly pool = new Map<string, string>();

  intern(s: string): string {
    const known = this.pool.get(s);
    if (known !== undefined) return known;
    this.pool.set(s, s);
    return s;
  }
}

/**
 * The summary as a long run keeps it in memory: term keys interned, fingerprints dropped (see
 * `Fingerprints`). Comparisons other than reuse read nothing else, so they give the same results.
 * The exact-duplicate key is taken from the shingles before they go.
 */
export function compactSummary(s: ArticleSummary, pool: TermPool): ArticleSummary {
  return {
    ...s,
    terms: { ...s.terms, keys: s.terms.keys.map((k) => pool.intern(k)) },
    shingles: NO_SHINGLES,
    duplicateKey: s.duplicateKey !== undefined ? s.duplicateKey : duplicateKeyOf(s.shingles, s.wordCount),
    sentences: [],
  };
}
