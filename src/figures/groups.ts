import { metadataValueOf } from '../corpus/metadata.ts';
import { compareText } from '../order.ts';
/**
 * Figures per value of a metadata column (`--by outlet`): article count, and for every numeric
 * article figure its mean and median with percentile bootstrap 95% confidence intervals
 * (Efron & Tibshirani 1993, ch. 13). The resampling uses a seeded PRNG (mulberry32, seed
 * BOOTSTRAP_SEED), so the same corpus always gives the same intervals.
 */

export const BOOTSTRAP_SEED = 20260204;
export const BOOTSTRAP_RESAMPLES = 2000;

export interface GroupFigureInput {
  readonly metadata: Readonly<Record<string, string>>;
  readonly figures: Readonly<Record<string, number | null>>;
}

export interface FigureStats {
  /** Articles with a value for this figure. */
  readonly n: number;
  readonly mean: number | null;
  readonly meanLow: number | null;
  readonly meanHigh: number | null;
  readonly median: number | null;
  readonly medianLow: number | null;
  readonly medianHigh: number | null;
}

export interface GroupFigures {
  readonly value: string;
  readonly articles: number;
  readonly figures: Readonly<Record<string, FigureStats>>;
}

export interface GroupFigureOptions {
  readonly resamples: number;
  readonly seed: number;
  /** Confidence level of the intervals. */
  readonly level: number;
}

export const DEFAULT_GROUP_FIGURES: GroupFigureOptions = {
  resamples: BOOTSTRAP_RESAMPLES,
  seed: BOOTSTRAP_SEED,
  level: 0.95,
};

/** mulberry32: a small, fast, seedable 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quantile of sorted values by linear interpolation (R type 7). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty list');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

const mean = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s / v.length;
};

const median = (v: Float64Array) => quantile(v.sort(), 0.5);

export function figureStats(
  values: readonly number[],
  options: GroupFigureOptions = DEFAULT_GROUP_FIGURES,
): FigureStats {
  const n = values.length;
  if (n === 0)
    return { n, mean: null, meanLow: null, meanHigh: null, median: null, medianLow: null, medianHigh: null };
  const sorted = Float64Array.from(values).sort();
  const m = mean(sorted);
  const med = quantile(sorted, 0.5);
  if (n === 1)
    return { n, mean: m, meanLow: null, meanHigh: null, median: med, medianLow: null, medianHigh: null };
  const random = mulberry32(options.seed);
  const means = new Float64Array(options.resamples);
  const medians = new Float64Array(options.resamples);
  const sample = new Float64Array(n);
  for (let r = 0; r < options.resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = sorted[Math.floor(random() * n)] as number;
    means[r] = mean(sample);
    medians[r] = median(sample);
  }
  means.sort();
  medians.sort();
  const alpha = (1 - options.level) / 2;
  return {
    n,
    mean: m,
    meanLow: quantile(means, alpha),
    meanHigh: quantile(means, 1 - alpha),
    median: med,
    medianLow: quantile(medians, alpha),
    medianHigh: quantile(medians, 1 - alpha),
  };
}

/**
 * The articles 0..count-1 by the value of a metadata column (`columnValue`; blank or missing:
 * "(none)"), values sorted, each with its articles in order.
 */
export function groupMembers(
  count: number,
  columnValue: (i: number) => string | undefined,
): [string, number[]][] {
  const byValue = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    const v = columnValue(i)?.trim() || '(none)';
    const list = byValue.get(v);
    if (list) list.push(i);
    else byValue.set(v, [i]);
  }
  return [...byValue.entries()].sort((a, b) => compareText(a[0], b[0]));
}

/** One entry per value of `column` (sorted), each with stats for every figure name seen in the input. */
export function groupFigures(
  articles: readonly GroupFigureInput[],
  column: string,
  options: GroupFigureOptions = DEFAULT_GROUP_FIGURES,
): GroupFigures[] {
  return groupFiguresOf(
    groupMembers(articles.length, (i) => metadataValueOf((articles[i] as GroupFigureInput).metadata, column)),
    figureNames(articles),
    (i) => (articles[i] as GroupFigureInput).figures,
    options,
  );
}

/** Figure values held at once: a group's figures are read in as many passes as this needs. */
const VALUES_AT_ONCE = 4_000_000;

/**
 * As `groupFigures`, from the members of each group (in the order given) and a reader of an
 * article's figures: a long run reads them back from disk, a group at a time, a few figures per
 * pass when a group is large.
 */
export function groupFiguresOf(
  groups: Iterable<readonly [string, readonly number[]]>,
  names: readonly string[],
  figuresOf: (i: number) => Readonly<Record<string, number | null>>,
  options: GroupFigureOptions = DEFAULT_GROUP_FIGURES,
): GroupFigures[] {
  const out: GroupFigures[] = [];
  for (const [value, members] of groups) {
    const figures: Record<string, FigureStats> = {};
    const perPass = Math.max(1, Math.floor(VALUES_AT_ONCE / Math.max(1, members.length)));
    for (let first = 0; first < names.length; first += perPass) {
      const chunk = names.slice(first, first + perPass);
      const values: number[][] = chunk.map(() => []);
      for (const i of members) {
        const f = figuresOf(i);
        chunk.forEach((name, k) => {
          const x = f[name];
          if (typeof x === 'number' && Number.isFinite(x)) (values[k] as number[]).push(x);
        });
      }
      chunk.forEach((name, k) => {
        figures[name] = figureStats(values[k] as number[], options);
      });
    }
    out.push({ value, articles: members.length, figures });
  }
  return out;
}

export function figureNames(articles: readonly GroupFigureInput[]): string[] {
  const names = new Set<string>();
  for (const a of articles)
    for (const [k, v] of Object.entries(a.figures)) if (typeof v === 'number') names.add(k);
  return [...names].sort();
}

/** The wide table of `groups.csv`: one row per value, per figure n, mean, CI, median, CI. */
export function groupFiguresTable(
  groups: readonly GroupFigures[],
  column: string,
): { header: string[]; rows: (string | number | null)[][] } {
  const names = [...new Set(groups.flatMap((g) => Object.keys(g.figures)))].sort();
  const header = [column, 'articles'];
  for (const n of names)
    header.push(
      `${n}_n`,
      `${n}_mean`,
      `${n}_mean_ci_low`,
      `${n}_mean_ci_high`,
      `${n}_median`,
      `${n}_median_ci_low`,
      `${n}_median_ci_high`,
    );
  const fmt = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));
  const rows = groups.map((g) => {
    const row: (string | number | null)[] = [g.value, g.articles];
    for (const n of names) {
      const s = g.figures[n];
      if (!s) row.push(0, null, null, null, null, null, null);
      else
        row.push(
          s.n,
          fmt(s.mean),
          fmt(s.meanLow),
          fmt(s.meanHigh),
          fmt(s.median),
          fmt(s.medianLow),
          fmt(s.medianHigh),
        );
    }
    return row;
  });
  return { header, rows };
}
