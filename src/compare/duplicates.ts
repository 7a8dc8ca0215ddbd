import { combineHash, mix32 } from './hash.ts';
import type { ArticleSummary } from './summary.ts';

/**
 * Exact duplicates (reprints, a corpus replicated with new ids) are collapsed before any pairwise
 * work: k copies of one text would otherwise make k² candidate pairs in reuse and clustering, all
 * with the same answer. Two articles are duplicates when their sorted 5-word shingle sets hash to
 * the same 64 bits (two independent 32-bit hashes) and they have the same word count; the first
 * in input order is the representative of the others. An article without shingles (fewer than
 * five content words) is never a duplicate: an empty set says nothing about the text.
 */

export interface Duplicates {
  /** For each article, the index of its representative (itself when it is one). */
  readonly representativeOf: Int32Array;
  /** Indexes of the representatives, ascending. */
  readonly representatives: readonly number[];
  /** How many articles are duplicates of an earlier one. */
  readonly count: number;
}

const SEED_A = 0x2545f491;
const SEED_B = 0x9e3779b9;

/** The duplicate key of an article, from its shingles and word count; null without shingles. */
export function duplicateKeyOf(shingles: Uint32Array, wordCount: number): string | null {
  if (shingles.length === 0) return null;
  let a = SEED_A;
  let b = SEED_B;
  for (let i = 0; i < shingles.length; i++) {
    const s = shingles[i] as number;
    a = combineHash(a, s);
    b = mix32((b ^ s) + Math.imul(b, 0x01000193) + 0x7f4a7c15);
  }
  return `${a.toString(36)}.${b.toString(36)}.${shingles.length}.${wordCount}`;
}

/** The duplicate key of a summary. */
export function summaryDuplicateKey(s: ArticleSummary): string | null {
  return duplicateKeyOf(s.shingles, s.wordCount);
}

export function findDuplicates(summaries: readonly ArticleSummary[]): Duplicates {
  const finder = new DuplicateFinder();
  for (const s of summaries) finder.add(summaryDuplicateKey(s));
  return finder.result();
}

/**
 * Finds duplicates as articles arrive, in input order, from their keys alone: a long run keeps
 * the keys of its distinct texts and one number per article, not the summaries.
 */
export class DuplicateFinder {
  private representativeOf = new Int32Array(1024);
  private readonly representatives: number[] = [];
  private readonly firstWithKey = new Map<string, number>();
  private count = 0;

  /** Adds the next article by its duplicate key (null: never a duplicate); returns its representative. */
  add(key: string | null): number {
    const i = this.count++;
    if (i === this.representativeOf.length) {
      const grown = new Int32Array(2 * i);
      grown.set(this.representativeOf);
      this.representativeOf = grown;
    }
    const first = key === null ? undefined : this.firstWithKey.get(key);
    if (first !== undefined) {
      this.representativeOf[i] = first;
      return first;
    }
    if (key !== null) this.firstWithKey.set(key, i);
    this.representativeOf[i] = i;
    this.representatives.push(i);
    return i;
  }

  get length(): number {
    return this.count;
  }

  result(): Duplicates {
    return {
      representativeOf: this.representativeOf.slice(0, this.count),
      representatives: [...this.representatives],
      count: this.count - this.representatives.length,
    };
  }
}

/** The duplicates of each representative that has some, in input order. */
export function duplicatesByRepresentative(duplicates: Duplicates): Map<number, number[]> {
  const out = new Map<number, number[]>();
  duplicates.representativeOf.forEach((r, i) => {
    if (r === i) return;
    const list = out.get(r);
    if (list) list.push(i);
    else out.set(r, [i]);
  });
  return out;
}
