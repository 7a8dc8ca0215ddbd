import { compareText } from '../order.ts';
import { type Duplicates, duplicatesByRepresentative } from './duplicates.ts';
import { type SummaryStore, hasValue, summaryStore } from './store.ts';
import type { ArticleSummary, TermCounts } from './summary.ts';

/**
 * Which articles are compared with which. With a metadata column (`event` by default) the groups
 * are its values; without one, articles about the same story are clustered from their text:
 * TF-IDF cosine similarity, candidate pairs from an inverted index over each article's most
 * distinctive terms (so the cost follows the pairs that share a distinctive term, not n²), and
 * average-link agglomerative clustering that stops below a similarity threshold.
 */

export interface Group {
  /** The metadata value, or `story-<n>` for a text cluster (numbered by first member). */
  readonly id: string;
  /** Article indexes into the summaries, ascending. */
  readonly members: readonly number[];
  readonly method: 'column' | 'text-cluster' | 'all';
  /** For text clusters: the mean pairwise cosine of the members (1 for a singleton). */
  readonly cohesion: number | null;
}

export interface Grouping {
  readonly method: 'column' | 'text-cluster' | 'all';
  /** The metadata column used, when grouping by column. */
  readonly column: string | null;
  readonly threshold: number | null;
  readonly groups: readonly Group[];
}

export interface TextClusterOptions {
  /** Average-link merges stop when the best average cosine falls below this. */
  readonly threshold: number;
  /** Terms per article that generate candidate pairs. */
  readonly topTerms: number;
  /** A term in more articles than this generates no candidates (it names no single story). */
  readonly maxPostings: number;
}

/** Measured on BASIL (scripts/eval-basil-grouping.ts); see docs/comparison.md. */
export const DEFAULT_TEXT_CLUSTER: TextClusterOptions = { threshold: 0.15, topTerms: 30, maxPostings: 200 };

export function groupByColumn(summaries: readonly ArticleSummary[], column: string): Grouping {
  return groupStoreByColumn(summaryStore(summaries), column);
}

export function groupStoreByColumn(store: SummaryStore, column: string): Grouping {
  const byValue = new Map<string, number[]>();
  const missing: number[] = [];
  for (let i = 0; i < store.length; i++) {
    const v = store.metadataValue(i, column)?.trim();
    if (!v) missing.push(i);
    else {
      const list = byValue.get(v);
      if (list) list.push(i);
      else byValue.set(v, [i]);
    }
  }
  const groups: Group[] = [...byValue.entries()]
    .sort((a, b) => compareText(a[0], b[0]))
    .map(([id, members]) => ({ id, members, method: 'column', cohesion: null }));
  // An article without a value is compared with nothing rather than guessed into a group.
  for (const i of missing)
    groups.push({
      id: `(no ${column}) ${store.id(i)}`,
      members: [i],
      method: 'column',
      cohesion: null,
    });
  return { method: 'column', column, threshold: null, groups };
}

/** All articles as one group (the seeds, or a corpus known to be about one event). */
export function groupAll(summaries: { readonly length: number }, id = 'all'): Grouping {
  return {
    method: 'all',
    column: null,
    threshold: null,
    groups: [
      { id, members: Array.from({ length: summaries.length }, (_, i) => i), method: 'all', cohesion: null },
    ],
  };
}

interface SparseVector {
  readonly terms: Int32Array;
  readonly weights: Float64Array;
}

/**
 * TF-IDF vectors, L2-normalised: weight = (1 + ln tf) * ln(1 + N / df); terms are corpus term ids,
 * ascending. Each article's terms are read twice (document frequencies, then vectors) instead of
 * being held: the vectors are a fraction of the size of the term strings.
 */
export function tfidfVectorsOf(
  n: number,
  termsOf: (k: number) => TermCounts,
): { vectors: SparseVector[]; df: Int32Array } {
  const ids = new Map<string, number>();
  let dfList: number[] = [];
  for (let k = 0; k < n; k++)
    for (const key of termsOf(k).keys) {
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
        dfList.push(0);
      }
      dfList[id] = (dfList[id] as number) + 1;
    }
  const df = Int32Array.from(dfList);
  dfList = [];
  const vectors: SparseVector[] = [];
  for (let k = 0; k < n; k++) {
    const terms = termsOf(k);
    const pairs = terms.keys.map((key, i) => {
      const id = ids.get(key) as number;
      const w = (1 + Math.log(terms.counts[i] as number)) * Math.log(1 + n / (df[id] as number));
      return [id, w] as const;
    });
    pairs.sort((a, b) => a[0] - b[0]);
    let norm = 0;
    for (const [, w] of pairs) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    vectors.push({
      terms: Int32Array.from(pairs, (p) => p[0]),
      weights: Float64Array.from(pairs, (p) => p[1] / norm),
    });
  }
  return { vectors, df };
}

/** Pairs [i, j] (i < j) that share one of their `topTerms` heaviest terms, skipping over-common terms. */
function candidatePairs(
  vectors: readonly SparseVector[],
  df: Int32Array,
  options: TextClusterOptions,
): [number, number][] {
  const postings = new Map<number, number[]>();
  vectors.forEach((v, doc) => {
    const order = Array.from(v.terms.keys()).sort(
      (a, b) => (v.weights[b] as number) - (v.weights[a] as number) || a - b,
    );
    for (const k of order.slice(0, options.topTerms)) {
      const term = v.terms[k] as number;
      if ((df[term] as number) < 2 || (df[term] as number) > options.maxPostings) continue;
      const list = postings.get(term);
      if (list) list.push(doc);
      else postings.set(term, [doc]);
    }
  });
  const seen = new Set<number>();
  const n = vectors.length;
  const pairs: [number, number][] = [];
  for (const list of postings.values())
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const code = (list[x] as number) * n + (list[y] as number);
        if (!seen.has(code)) {
          seen.add(code);
          pairs.push([list[x] as number, list[y] as number]);
        }
      }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** A max-heap of merge candidates; ties go to the lower cluster ids so that runs are deterministic. */
class MergeHeap {
  private readonly items: { sim: number; a: number; b: number }[] = [];
  get size(): number {
    return this.items.length;
  }
  private before(
    x: { sim: number; a: number; b: number },
    y: { sim: number; a: number; b: number },
  ): boolean {
    return x.sim > y.sim || (x.sim === y.sim && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  push(item: { sim: number; a: number; b: number }): void {
    const h = this.items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i] as typeof item, h[p] as typeof item)) break;
      [h[i], h[p]] = [h[p] as typeof item, h[i] as typeof item];
      i = p;
    }
  }
  pop(): { sim: number; a: number; b: number } | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l] as typeof last, h[m] as typeof last)) m = l;
        if (r < h.length && this.before(h[r] as typeof last, h[m] as typeof last)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as typeof last, h[i] as typeof last];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Average-link clustering over the candidate graph: the similarity of two clusters is the mean
 * cosine over all their cross pairs, where a pair that was never a candidate counts as 0.
 */
export function clusterByText(
  summaries: readonly ArticleSummary[],
  options: TextClusterOptions = DEFAULT_TEXT_CLUSTER,
): Grouping {
  return clusterTerms(summaries.length, (k) => (summaries[k] as ArticleSummary).terms, options);
}

/** As `clusterByText`, over `n` articles whose terms `termsOf` reads. */
export function clusterTerms(
  n: number,
  termsOf: (k: number) => TermCounts,
  options: TextClusterOptions = DEFAULT_TEXT_CLUSTER,
): Grouping {
  const { vectors, df } = tfidfVectorsOf(n, termsOf);
  const size = new Int32Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  /** Sum of cross-pair cosines between live clusters, keyed by the other cluster. */
  const links: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const heap = new MergeHeap();
  const pairSims = new Map<number, number>();
  // Candidates come in order of their first article, whose weights are spread out by term once
  // for all its pairs: each cosine then walks the other article's terms only, adding the same
  // products in the same order as `cosine`.
  const weightOf = new Float64Array(df.length);
  const holder = new Int32Array(df.length).fill(-1);
  let spread = -1;
  for (const [i, j] of candidatePairs(vectors, df, options)) {
    if (i !== spread) {
      const v = vectors[i] as SparseVector;
      for (let k = 0; k < v.terms.length; k++) {
        weightOf[v.terms[k] as number] = v.weights[k] as number;
        holder[v.terms[k] as number] = i;
      }
      spread = i;
    }
    const other = vectors[j] as SparseVector;
    let sim = 0;
    for (let k = 0; k < other.terms.length; k++) {
      const term = other.terms[k] as number;
      if (holder[term] === i) sim += (weightOf[term] as number) * (other.weights[k] as number);
    }
    if (sim <= 0) continue;
    pairSims.set(i * n + j, sim);
    (links[i] as Map<number, number>).set(j, sim);
    (links[j] as Map<number, number>).set(i, sim);
    if (sim >= options.threshold) heap.push({ sim, a: i, b: j });
  }
  while (heap.size > 0) {
    const top = heap.pop() as { sim: number; a: number; b: number };
    const { a, b } = top;
    if (!alive[a] || !alive[b]) continue;
    const sum = (links[a] as Map<number, number>).get(b);
    if (sum === undefined) continue;
    const avg = sum / ((size[a] as number) * (size[b] as number));
    if (Math.abs(avg - top.sim) > 1e-12) continue; // stale entry
    // Merge b into a.
    alive[b] = 0;
    size[a] = (size[a] as number) + (size[b] as number);
    (members[a] as number[]).push(...(members[b] as number[]));
    const la = links[a] as Map<number, number>;
    const lb = links[b] as Map<number, number>;
    la.delete(b);
    for (const [c, s] of lb) {
      if (c === a) continue;
      la.set(c, (la.get(c) ?? 0) + s);
      const lc = links[c] as Map<number, number>;
      lc.delete(b);
      lc.set(a, la.get(c) as number);
    }
    lb.clear();
    for (const [c, s] of la) {
      const avgAC = s / ((size[a] as number) * (size[c] as number));
      if (avgAC >= options.threshold) heap.push({ sim: avgAC, a: Math.min(a, c), b: Math.max(a, c) });
    }
  }
  const clusters = members
    .filter((_, i) => alive[i])
    .map((m) => [...m].sort((x, y) => x - y))
    .sort((x, y) => (x[0] as number) - (y[0] as number));
  const groups: Group[] = clusters.map((m, k) => {
    let sum = 0;
    let pairs = 0;
    for (let x = 0; x < m.length; x++)
      for (let y = x + 1; y < m.length; y++) {
        sum += pairSims.get((m[x] as number) * n + (m[y] as number)) ?? 0;
        pairs++;
      }
    return { id: `story-${k + 1}`, members: m, method: 'text-cluster', cohesion: pairs ? sum / pairs : 1 };
  });
  return { method: 'text-cluster', column: null, threshold: options.threshold, groups };
}

/**
 * Text clusters of the distinct texts only, their terms read from a store: each exact duplicate
 * joins its representative's cluster (it would join it anyway, at cosine 1, after k² comparisons).
 * Cohesion is that of the distinct texts. Cluster numbers do not move, since a representative comes before its copies.
 */
export function clusterStoreTexts(
  store: SummaryStore,
  duplicates: Duplicates,
  options: TextClusterOptions = DEFAULT_TEXT_CLUSTER,
): Grouping {
  if (duplicates.count === 0) return clusterTerms(store.length, (k) => store.terms(k), options);
  const reps = duplicates.representatives;
  const copiesOf = duplicatesByRepresentative(duplicates);
  const clustered = clusterTerms(reps.length, (k) => store.terms(reps[k] as number), options);
  const groups = clustered.groups.map((g) => {
    const members: number[] = [];
    for (const k of g.members) {
      const r = reps[k] as number;
      members.push(r, ...(copiesOf.get(r) ?? []));
    }
    return { ...g, members: members.sort((x, y) => x - y) };
  });
  return { ...clustered, groups };
}

/**
 * The grouping the comparison uses: the named column when every article has it or when it was
 * asked for; else the `event` column when present; else text clusters (of distinct texts when
 * `duplicates` are given).
 */
export function groupArticles(
  summaries: readonly ArticleSummary[],
  options: { column?: string | null; all?: boolean; cluster?: TextClusterOptions } = {},
  duplicates: Duplicates | null = null,
): Grouping {
  return groupStore(summaryStore(summaries), options, duplicates);
}

/** As `groupArticles`, over a store. */
export function groupStore(
  store: SummaryStore,
  options: { column?: string | null; all?: boolean; cluster?: TextClusterOptions },
  duplicates: Duplicates | null,
): Grouping {
  if (options.all) return groupAll(store);
  if (options.column) return groupStoreByColumn(store, options.column);
  if (hasValue(store, 'event', true)) return groupStoreByColumn(store, 'event');
  const cluster = options.cluster ?? DEFAULT_TEXT_CLUSTER;
  return duplicates
    ? clusterStoreTexts(store, duplicates, cluster)
    : clusterTerms(store.length, (k) => store.terms(k), cluster);
}
