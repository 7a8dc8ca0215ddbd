import { compareText } from '../order.ts';
import type { Span, TextSpan } from '../types.ts';
import { type Duplicates, findDuplicates } from './duplicates.ts';
import type { Grouping } from './grouping.ts';
import { type LshOptions, intersectionSize, lshCandidatePairs } from './minhash.ts';
import { type EntryCounts, type SummaryStore, summaryStore } from './store.ts';
import type { ArticleSummary, SentenceFingerprint } from './summary.ts';

/**
 * Reuse between articles: copies, and rewrites that keep another article's sentences in order
 * while changing their words. Candidate pairs come from LSH over MinHash signatures (cost grows
 * with the corpus, not its square) plus every pair inside a small group; each candidate is then
 * measured exactly: 5-word shingle Jaccard and containment for copies, and a monotone alignment
 * of sentences for rewrites. Thresholds are documented in docs/comparison.md.
 *
 * Exact duplicates (duplicates.ts) are collapsed first: candidates and measures run over the
 * distinct texts, and each duplicate gets one `duplicate` row linking it to its representative,
 * so that k copies of a text cost k rows, not k² measured pairs.
 */

export interface ReuseOptions {
  readonly lsh: LshOptions;
  /** Groups up to this size have all their pairs checked, whatever LSH says. */
  readonly exhaustiveGroupSize: number;
  /** Two sentences align when the Jaccard of their content-stem sets reaches this. */
  readonly sentenceThreshold: number;
  /** A rewrite: aligned sentences hold at least this share of each article's content words. */
  readonly rewriteShare: number;
  /** A partial reuse: at least this share of one article, and `partialOtherShare` of the other. */
  readonly partialShare: number;
  readonly partialOtherShare: number;
  /** A copy: 5-word shingle Jaccard, or containment of either article, at or above these. */
  readonly copyJaccard: number;
  readonly copyContainment: number;
}

export const DEFAULT_REUSE: ReuseOptions = {
  lsh: { bands: 42, rows: 3 },
  exhaustiveGroupSize: 50,
  sentenceThreshold: 0.25,
  rewriteShare: 0.4,
  partialShare: 0.6,
  partialOtherShare: 0.2,
  copyJaccard: 0.5,
  copyContainment: 0.8,
};

export type ReuseKind = 'duplicate' | 'copy' | 'rewrite' | 'partial';

export interface AlignedPassage {
  readonly a: TextSpan;
  readonly b: TextSpan;
  /** Number of aligned sentence pairs in the passage. */
  readonly sentences: number;
  /** Mean Jaccard of the aligned sentence pairs. */
  readonly similarity: number;
}

export interface EntryDifference {
  readonly entry: string;
  readonly category: string;
  readonly countA: number;
  readonly countB: number;
  readonly example: string;
}

export interface SourceDifference {
  readonly source: string;
  readonly sourceType: string;
  readonly countA: number;
  readonly countB: number;
}

export interface ReusePair {
  readonly a: string;
  readonly b: string;
  readonly kind: ReuseKind;
  /** Content words in aligned sentences of both articles over all content words of both. */
  readonly similarity: number;
  readonly shingleJaccard: number;
  readonly containmentA: number;
  readonly containmentB: number;
  /** Share of each article's content words that lie in aligned sentences. */
  readonly sharedShareA: number;
  readonly sharedShareB: number;
  readonly passages: readonly AlignedPassage[];
  /** Framing entries whose counts differ: what the rewrite added (countB > countA) or removed. */
  readonly framingDifferences: readonly EntryDifference[];
  readonly sourceDifferences: readonly SourceDifference[];
  /**
   * For a copy or a duplicate: the id of the first article of its cluster of copies (the
   * representative each copy is listed against); absent for rewrites and partial reuse.
   */
  readonly cluster?: string;
}

export interface ReuseResult {
  readonly candidatesChecked: number;
  /** Articles that are exact duplicates of an earlier one (one `duplicate` row each). */
  readonly duplicates: number;
  readonly pairs: readonly ReusePair[];
}

interface Alignment {
  readonly pairs: readonly [number, number, number][];
  readonly shareA: number;
  readonly shareB: number;
}

function sentenceJaccard(x: SentenceFingerprint, y: SentenceFingerprint): number {
  const inter = intersectionSize(x.hashes, y.hashes);
  return inter / (x.hashes.length + y.hashes.length - inter);
}

/** An index key is hash * SENTENCE_SLOTS + sentence: an exact double for a 32-bit hash. */
const SENTENCE_SLOTS = 2 ** 20;

const sentenceIndexes = new WeakMap<readonly SentenceFingerprint[], Float64Array>();

/**
 * Every hash of an article's sentences with the sentence it is in, as sorted keys: two articles'
 * shared hashes are then found in one merge of their keys, rather than by merging the hashes of
 * every pair of their sentences, most of which share none. Built once per article and kept as
 * long as its sentences are (a run measures an article against several others in a row).
 * Null for an article with too many sentences to number, which is aligned pair by pair.
 */
function sentenceIndexOf(sentences: readonly SentenceFingerprint[]): Float64Array | null {
  if (sentences.length >= SENTENCE_SLOTS) return null;
  const known = sentenceIndexes.get(sentences);
  if (known) return known;
  let total = 0;
  for (const s of sentences) total += s.hashes.length;
  const keys = new Float64Array(total);
  let at = 0;
  sentences.forEach((s, k) => {
    for (const h of s.hashes) keys[at++] = h * SENTENCE_SLOTS + k;
  });
  keys.sort();
  sentenceIndexes.set(sentences, keys);
  return keys;
}

/** Counts into `shared[i * m + j]` the hashes that sentence i of A and sentence j of B share. */
function countShared(keysA: Float64Array, keysB: Float64Array, m: number, shared: Float64Array): void {
  const hashOf = (key: number) => Math.floor(key / SENTENCE_SLOTS);
  let x = 0;
  let y = 0;
  while (x < keysA.length && y < keysB.length) {
    const hash = hashOf(keysA[x] as number);
    const other = hashOf(keysB[y] as number);
    if (hash < other) x++;
    else if (hash > other) y++;
    else {
      // The sentences of each side that hold this hash (each holds it once).
      let endA = x + 1;
      while (endA < keysA.length && hashOf(keysA[endA] as number) === hash) endA++;
      let endB = y + 1;
      while (endB < keysB.length && hashOf(keysB[endB] as number) === hash) endB++;
      const base = hash * SENTENCE_SLOTS;
      for (let p = x; p < endA; p++) {
        const row = ((keysA[p] as number) - base) * m;
        for (let q = y; q < endB; q++) {
          const cell = row + (keysB[q] as number) - base;
          shared[cell] = (shared[cell] as number) + 1;
        }
      }
      x = endA;
      y = endB;
    }
  }
}

/**
 * The order-preserving alignment of sentences that maximises the summed similarity of aligned
 * pairs (pairs below the threshold count nothing): a longest-common-subsequence over sentences.
 * O(|A|·|B|) per candidate pair, never per corpus.
 */
export function alignSentences(
  a: readonly SentenceFingerprint[],
  b: readonly SentenceFingerprint[],
  threshold: number,
): Alignment {
  const n = a.length;
  const m = b.length;
  const sim = new Float64Array(n * m);
  const keysA = sentenceIndexOf(a);
  const keysB = sentenceIndexOf(b);
  if (keysA && keysB) {
    // Shared counts first; a pair that shares nothing has a Jaccard of 0, as the plain test gives.
    countShared(keysA, keysB, m, sim);
    for (let i = 0; i < n; i++) {
      const sizeA = (a[i] as SentenceFingerprint).hashes.length;
      for (let j = 0; j < m; j++) {
        const inter = sim[i * m + j] as number;
        if (inter === 0) continue;
        const s = inter / (sizeA + (b[j] as SentenceFingerprint).hashes.length - inter);
        sim[i * m + j] = s >= threshold ? s : 0;
      }
    }
  } else
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const s = sentenceJaccard(a[i] as SentenceFingerprint, b[j] as SentenceFingerprint);
        sim[i * m + j] = s >= threshold ? s : 0;
      }
  const w = m + 1;
  const dp = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      const s = sim[(i - 1) * m + (j - 1)] as number;
      const diag = s > 0 ? (dp[(i - 1) * w + (j - 1)] as number) + s : 0;
      dp[i * w + j] = Math.max(dp[(i - 1) * w + j] as number, dp[i * w + (j - 1)] as number, diag);
    }
  const pairs: [number, number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = sim[(i - 1) * m + (j - 1)] as number;
    const here = dp[i * w + j] as number;
    if (s > 0 && here === (dp[(i - 1) * w + (j - 1)] as number) + s) {
      pairs.push([i - 1, j - 1, s]);
      i--;
      j--;
    } else if (here === dp[(i - 1) * w + j]) i--;
    else j--;
  }
  pairs.reverse();
  const total = (list: readonly SentenceFingerprint[]) => list.reduce((x, s) => x + s.size, 0);
  let inA = 0;
  let inB = 0;
  for (const [x, y] of pairs) {
    inA += (a[x] as SentenceFingerprint).size;
    inB += (b[y] as SentenceFingerprint).size;
  }
  return { pairs, shareA: inA / (total(a) || 1), shareB: inB / (total(b) || 1) };
}

function passageSpan(first: Span, last: Span, text: string | undefined): TextSpan {
  return {
    start: first.start,
    end: last.end,
    line: first.line,
    column: first.column,
    text: text === undefined ? '' : text.slice(first.start, last.end),
  };
}

/** What a pair is measured on: an article's fingerprints and counts, never its text. */
export type PairSide = Pick<ArticleSummary, 'id' | 'shingles' | 'sentences' | 'framing' | 'sources'>;

/** Consecutive aligned sentence pairs become one passage on each side. */
function passagesOf(
  a: PairSide,
  b: PairSide,
  pairs: readonly [number, number, number][],
  textOf: ((id: string) => string | undefined) | undefined,
): AlignedPassage[] {
  const textA = textOf?.(a.id);
  const textB = textOf?.(b.id);
  const out: AlignedPassage[] = [];
  let k = 0;
  while (k < pairs.length) {
    let end = k + 1;
    while (
      end < pairs.length &&
      (pairs[end] as [number, number, number])[0] === (pairs[end - 1] as [number, number, number])[0] + 1 &&
      (pairs[end] as [number, number, number])[1] === (pairs[end - 1] as [number, number, number])[1] + 1
    )
      end++;
    const first = pairs[k] as [number, number, number];
    const last = pairs[end - 1] as [number, number, number];
    let sum = 0;
    for (let x = k; x < end; x++) sum += (pairs[x] as [number, number, number])[2];
    out.push({
      a: passageSpan(
        (a.sentences[first[0]] as SentenceFingerprint).span,
        (a.sentences[last[0]] as SentenceFingerprint).span,
        textA,
      ),
      b: passageSpan(
        (b.sentences[first[1]] as SentenceFingerprint).span,
        (b.sentences[last[1]] as SentenceFingerprint).span,
        textB,
      ),
      sentences: end - k,
      similarity: sum / (end - k),
    });
    k = end;
  }
  return out;
}

function framingDifferences(a: EntryCounts, b: EntryCounts): EntryDifference[] {
  return countsSideBySide(
    a.framing,
    b.framing,
    (e) => e.entry,
    (e, countA, countB, prev?: EntryDifference) => ({
      entry: e.entry,
      category: e.category,
      countA,
      countB,
      example: prev?.example ?? e.example,
    }),
  )
    .filter((d) => d.countA !== d.countB)
    .sort((x, y) => compareText(x.entry, y.entry));
}

function sourceDifferences(a: EntryCounts, b: EntryCounts): SourceDifference[] {
  return countsSideBySide(
    a.sources,
    b.sources,
    (s) => s.source,
    (s, countA, countB) => ({ source: s.source, sourceType: s.sourceType, countA, countB }),
  )
    .filter((d) => (d.countA === 0) !== (d.countB === 0))
    .sort((x, y) => compareText(x.source, y.source));
}

/**
 * One row per key with A's count and B's count; a key B also has takes B's fields, and `row` sees the
 * row built from A (`prev`) to keep what A should decide.
 */
function countsSideBySide<T extends { readonly count: number }, R extends { readonly countA: number }>(
  a: readonly T[],
  b: readonly T[],
  keyOf: (item: T) => string,
  row: (item: T, countA: number, countB: number, prev?: R) => R,
): R[] {
  const all = new Map<string, R>();
  for (const item of a) all.set(keyOf(item), row(item, item.count, 0));
  for (const item of b) {
    const prev = all.get(keyOf(item));
    all.set(keyOf(item), row(item, prev?.countA ?? 0, item.count, prev));
  }
  return [...all.values()];
}

interface ShingleOverlap {
  readonly shingleJaccard: number;
  readonly containmentA: number;
  readonly containmentB: number;
}

/** 5-word shingle Jaccard of two articles, and the share of each one's shingles the other has. */
function shingleOverlap(a: Uint32Array, b: Uint32Array): ShingleOverlap {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return {
    shingleJaccard: union > 0 ? inter / union : 0,
    containmentA: a.length > 0 ? inter / a.length : 0,
    containmentB: b.length > 0 ? inter / b.length : 0,
  };
}

/** A copy: enough shingles shared, over both, or over either article. */
function isCopy(o: ShingleOverlap, options: ReuseOptions): boolean {
  return (
    o.shingleJaccard >= options.copyJaccard ||
    Math.max(o.containmentA, o.containmentB) >= options.copyContainment
  );
}

/** Measures one pair; returns null when it is neither a copy, a rewrite nor a partial reuse. */
export function measurePair(
  a: PairSide,
  b: PairSide,
  options: ReuseOptions = DEFAULT_REUSE,
  textOf?: (id: string) => string | undefined,
): ReusePair | null {
  const overlap = shingleOverlap(a.shingles, b.shingles);
  const { shingleJaccard, containmentA, containmentB } = overlap;
  const alignment = alignSentences(a.sentences, b.sentences, options.sentenceThreshold);
  const { shareA, shareB } = alignment;
  let kind: ReuseKind | null = null;
  if (isCopy(overlap, options)) kind = 'copy';
  else if (Math.min(shareA, shareB) >= options.rewriteShare) kind = 'rewrite';
  else if (
    Math.max(shareA, shareB) >= options.partialShare &&
    Math.min(shareA, shareB) >= options.partialOtherShare
  )
    kind = 'partial';
  if (!kind) return null;
  const sizeA = a.sentences.reduce((x, s) => x + s.size, 0);
  const sizeB = b.sentences.reduce((x, s) => x + s.size, 0);
  return {
    a: a.id,
    b: b.id,
    kind,
    similarity: (shareA * sizeA + shareB * sizeB) / (sizeA + sizeB || 1),
    shingleJaccard,
    containmentA,
    containmentB,
    sharedShareA: shareA,
    sharedShareB: shareB,
    passages: passagesOf(a, b, alignment.pairs, textOf),
    framingDifferences: framingDifferences(a, b),
    sourceDifferences: sourceDifferences(a, b),
  };
}

/** Articles whose fingerprints and counts stay loaded while pairs are measured. */
const SIDE_CACHE = 256;

/** Reuse over a corpus of summaries in memory (see `findStoreReuse`). */
export function findReuse(
  summaries: readonly ArticleSummary[],
  grouping: Grouping | null,
  options: ReuseOptions = DEFAULT_REUSE,
  textOf?: (id: string) => string | undefined,
  duplicates: Duplicates = findDuplicates(summaries),
): ReuseResult {
  return findStoreReuse(summaryStore(summaries), grouping, options, textOf, duplicates);
}

/**
 * As `findReuse`, over a store: the signatures of the distinct texts for candidates, then the
 * fingerprints of each candidate's two articles, read as the pairs are measured.
 */
export function findStoreReuse(
  store: SummaryStore,
  grouping: Grouping | null,
  options: ReuseOptions = DEFAULT_REUSE,
  textOf?: (id: string) => string | undefined,
  duplicates: Duplicates = store.duplicates(),
): ReuseResult {
  const n = store.length;
  const { representativeOf, representatives } = duplicates;
  const seen = new Set<number>();
  const candidates: [number, number][] = [];
  const add = (i: number, j: number) => {
    const [x, y] = i < j ? [i, j] : [j, i];
    if (x === y || seen.has(x * n + y)) return;
    seen.add(x * n + y);
    candidates.push([x, y]);
  };
  for (const [i, j] of lshCandidatePairs(
    representatives.map((r) => store.signature(r)),
    options.lsh,
  ))
    add(representatives[i] as number, representatives[j] as number);
  for (const g of grouping?.groups ?? []) {
    const distinct = [...new Set(g.members.map((m) => representativeOf[m] as number))];
    if (distinct.length <= options.exhaustiveGroupSize)
      for (let x = 0; x < distinct.length; x++)
        for (let y = x + 1; y < distinct.length; y++) add(distinct[x] as number, distinct[y] as number);
  }
  seen.clear();
  candidates.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  // Candidates come in order of their first article, so a small cache serves most lookups.
  const sides = new Map<number, PairSide>();
  const side = (i: number): PairSide => {
    const known = sides.get(i);
    if (known) return known;
    const { shingles, sentences } = store.fingerprints(i);
    const { framing, sources } = store.entryCounts(i);
    const found = { id: store.id(i), shingles, sentences, framing, sources };
    if (sides.size >= SIDE_CACHE) sides.delete(sides.keys().next().value as number);
    sides.set(i, found);
    return found;
  };
  // Copies first, from their shingles alone: each candidate that is a copy joins two clusters of
  // copies; a pair already in one cluster is not measured at all, nor a pair of two clusters
  // already found not to be copies of each other (a flood of k copies costs about k shingle
  // comparisons, not k², and two floods of each other's rewrites one more).
  const clusters = new CopyClusters(n);
  const joins: { readonly pair: [number, number]; readonly joined: number }[] = [];
  const others: [number, number][] = [];
  const notCopies = new Set<string>();
  let checked = 0;
  for (const [i, j] of candidates) {
    const a = clusters.find(i);
    const b = clusters.find(j);
    if (a === b || notCopies.has(`${a},${b}`)) continue;
    checked++;
    if (isCopy(shingleOverlap(side(i).shingles, side(j).shingles), options))
      joins.push({ pair: [i, j], joined: clusters.union(i, j) });
    else {
      notCopies.add(`${a},${b}`);
      others.push([i, j]);
    }
  }
  const pairs: ReusePair[] = [];
  // One row per copy: each cluster's articles but its first (the representative) against it,
  // or, where that pair is not reuse itself (a copy of a copy), with the copy that linked it.
  for (const { pair, joined } of joins) {
    const representative = clusters.find(joined);
    const measured =
      measurePair(side(representative), side(joined), options, textOf) ??
      measurePair(side(pair[0]), side(pair[1]), options, textOf);
    if (measured) pairs.push({ ...measured, cluster: store.id(representative) });
  }
  // Rewrites and partial reuse between different clusters: the first pair found for each two
  // clusters stands for them (copies of one story rewritten by copies of another give one row).
  const reported = new Set<string>();
  for (const [i, j] of others) {
    const a = clusters.find(i);
    const b = clusters.find(j);
    if (a === b) continue;
    const key = `${a},${b}`;
    if (reported.has(key)) continue;
    const pair = measurePair(side(i), side(j), options, textOf);
    if (!pair) continue;
    reported.add(key);
    pairs.push(pair);
  }
  sides.clear();
  const counts = new Map<number, EntryCounts>();
  const countsOf = (i: number): EntryCounts => {
    const known = counts.get(i);
    if (known) return known;
    const found = store.entryCounts(i);
    if (counts.size >= SIDE_CACHE) counts.delete(counts.keys().next().value as number);
    counts.set(i, found);
    return found;
  };
  representativeOf.forEach((r, i) => {
    if (r === i) return;
    const cluster = store.id(clusters.find(r));
    // A copy with its original's counts differs from it in nothing (a long run has many).
    if (store.sameEntryCounts(r, i))
      pairs.push(duplicatePair(store.id(r), NO_COUNTS, store.id(i), NO_COUNTS, cluster));
    else pairs.push(duplicatePair(store.id(r), countsOf(r), store.id(i), store.entryCounts(i), cluster));
  });
  pairs.sort((p, q) => q.similarity - p.similarity || compareText(p.a, q.a) || compareText(p.b, q.b));
  return { candidatesChecked: checked, duplicates: duplicates.count, pairs };
}

/**
 * Clusters of copies, by union-find over article indexes. The root of a cluster is its smallest
 * index, the first of its articles in input order: its representative.
 */
class CopyClusters {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    for (let k = i; this.parent[k] !== root; ) {
      const next = this.parent[k] as number;
      this.parent[k] = root;
      k = next;
    }
    return root;
  }

  /** Joins the clusters of i and j; returns the root of the one that joined the other. */
  union(i: number, j: number): number {
    const a = this.find(i);
    const b = this.find(j);
    const [keep, joined] = a < b ? [a, b] : [b, a];
    this.parent[joined] = keep;
    return joined;
  }
}

const NO_PASSAGES: readonly AlignedPassage[] = [];
const NO_COUNTS: EntryCounts = { framing: [], sources: [] };
const NO_ENTRY_DIFFERENCES: readonly EntryDifference[] = [];
const NO_SOURCE_DIFFERENCES: readonly SourceDifference[] = [];

/**
 * The row of an exact duplicate: nothing to align, the whole text is shared. A long run keeps
 * one per copy, so the usual empty lists are shared rather than one each.
 */
function duplicatePair(
  a: string,
  countsA: EntryCounts,
  b: string,
  countsB: EntryCounts,
  cluster: string,
): ReusePair {
  const framing = framingDifferences(countsA, countsB);
  const sources = sourceDifferences(countsA, countsB);
  return {
    a,
    b,
    kind: 'duplicate',
    cluster,
    similarity: 1,
    shingleJaccard: 1,
    containmentA: 1,
    containmentB: 1,
    sharedShareA: 1,
    sharedShareB: 1,
    passages: NO_PASSAGES,
    framingDifferences: framing.length === 0 ? NO_ENTRY_DIFFERENCES : framing,
    sourceDifferences: sources.length === 0 ? NO_SOURCE_DIFFERENCES : sources,
  };
}
