import { hashString } from '../compare/hash.ts';
import { mulberry32 } from '../figures/groups.ts';

/**
 * ROC-AUC as the Mann-Whitney U statistic with mid-ranks for ties: the probability that a random
 * positive scores above a random negative, ties counting one half. Null when a class is empty.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number | null {
  const n = scores.length;
  if (labels.length !== n)
    throw new Error(
      `rocAuc: expected as many labels as scores, found ${labels.length} labels and ${n} scores`,
    );
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (labels[order[k] as number]) {
        positives++;
        rankSum += mid;
      }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/**
 * Percentile bootstrap interval of the ROC-AUC (Efron & Tibshirani 1993, ch. 13), resampling
 * positives and negatives separately (stratified, so every resample has both classes) with a
 * seeded PRNG (mulberry32): the same data and seed always give the same interval.
 */
export function bootstrapAuc(
  scores: readonly number[],
  labels: readonly boolean[],
  resamples: number,
  seed: number,
  level = 0.95,
): Interval | null {
  const pos = scores.filter((_, i) => labels[i]);
  const neg = scores.filter((_, i) => !labels[i]);
  if (pos.length === 0 || neg.length === 0 || resamples < 1) return null;
  const random = mulberry32(seed);
  const n = pos.length + neg.length;
  const s = new Float64Array(n);
  const l = new Array<boolean>(n).fill(false).fill(true, 0, pos.length);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < pos.length; i++) s[i] = pos[Math.floor(random() * pos.length)] as number;
    for (let i = 0; i < neg.length; i++) s[pos.length + i] = neg[Math.floor(random() * neg.length)] as number;
    values.push(rocAuc(s, l) as number);
  }
  values.sort((a, b) => a - b);
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(q * values.length)))] as number;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/**
 * A half split stratified by label: within each class the items are ordered by the FNV-1a hash of
 * `seed:key` and dealt alternately to half A (`true`) and half B (`false`). It depends on the keys
 * and the seed only, not on the order of the input, so it is the same on every machine.
 */
export function splitHalves(keys: readonly string[], labels: readonly boolean[], seed = 1): boolean[] {
  const inA = new Array<boolean>(keys.length).fill(false);
  for (const want of [true, false]) {
    const members = keys
      .map((k, i) => ({ i, h: hashString(`${seed}:${k}`) }))
      .filter(({ i }) => labels[i] === want)
      .sort((a, b) => a.h - b.h || a.i - b.i);
    members.forEach(({ i }, rank) => {
      inA[i] = rank % 2 === 0;
    });
  }
  return inA;
}
