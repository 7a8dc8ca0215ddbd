import { mix32 } from './hash.ts';

/**
 * MinHash (Broder 1997) and LSH banding (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman,
 * Mining of Massive Datasets, ch. 3). The probability that two sets agree on one MinHash value
 * equals their Jaccard similarity; with b bands of r rows, a pair becomes a candidate with
 * probability 1 - (1 - J^r)^b, so only pairs likely to be similar are ever compared.
 */

export const MINHASH_SIZE = 128;

/** Deterministic per-function seeds: the i-th seed is mix32 of i plus a fixed odd constant. */
const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) s[i] = mix32(Math.imul(i + 1, 0x9e3779b1) ^ 0x5bd1e995);
  return s;
})();

/** Signature of a set of 32-bit hashes: for each seed, the minimum of mix32(x ^ seed). */
export function minhashSignature(hashes: ArrayLike<number>): Uint32Array {
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (let j = 0; j < hashes.length; j++) {
    const x = hashes[j] as number;
    for (let i = 0; i < MINHASH_SIZE; i++) {
      // mix32(x ^ seed), written out: this loop runs 128 times per distinct word of every article.
      let h = (x ^ (SEEDS[i] as number)) >>> 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      const v = h >>> 0;
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return sig;
}

/** Share of signature positions that agree: an unbiased estimate of the Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

export interface LshOptions {
  readonly bands: number;
  readonly rows: number;
}

/** Probability that a pair with Jaccard `j` becomes a candidate under the given banding. */
export function candidateProbability(j: number, { bands, rows }: LshOptions): number {
  return 1 - (1 - j ** rows) ** bands;
}

/**
 * Candidate pairs by LSH banding: items whose signatures agree on all rows of at least one band.
 * Cost grows with the number of items plus the number of colliding pairs, not with its square.
 * Returns pairs [i, j] with i < j, sorted, each once. A bucket of more than `allPairsUpTo` items
 * (a flood of syndicated copies, a boilerplate signature shared by thousands) gives only the pairs
 * of its first item with each other one, so that the cost stays linear in its size: those items
 * agree with each other on the band, and reuse links the copies among them into one cluster
 * through their first (see findStoreReuse).
 */
export function lshCandidatePairs(
  signatures: readonly Uint32Array[],
  options: LshOptions,
  allPairsUpTo = 50,
): [number, number][] {
  const { bands, rows } = options;
  if (bands * rows > MINHASH_SIZE)
    throw new Error(`LSH needs bands*rows <= ${MINHASH_SIZE}, got ${bands}*${rows}`);
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const n = signatures.length;
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>();
    for (let item = 0; item < n; item++) {
      const sig = signatures[item] as Uint32Array;
      let key = '';
      for (let r = 0; r < rows; r++) key += `${sig[band * rows + r]},`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(item);
      else buckets.set(key, [item]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      const firsts = bucket.length > allPairsUpTo ? 1 : bucket.length;
      for (let x = 0; x < firsts; x++)
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x] as number;
          const j = bucket[y] as number;
          const code = i * n + j;
          if (!seen.has(code)) {
            seen.add(code);
            pairs.push([i, j]);
          }
        }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/** |A ∩ B| of two sorted unique Uint32Arrays, by merging. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Sorted unique copy of a list of hashes. */
export function sortedUnique(values: ArrayLike<number>): Uint32Array {
  const a = Uint32Array.from(values as ArrayLike<number>).sort();
  let w = 0;
  for (let r = 0; r < a.length; r++) if (r === 0 || a[r] !== a[w - 1]) a[w++] = a[r] as number;
  return w === a.length ? a : a.slice(0, w);
}
