import { compareText } from '../order.ts';
import { type SummaryStore, summaryStore } from './store.ts';
import type { ArticleSummary, TermCounts } from './summary.ts';

/**
 * Distinctive words: log-likelihood G2 (Rayson & Garside 2000) of a term's frequency in a target
 * (an article, an outlet) against a reference (the rest of its group, or of the corpus), with the
 * log ratio effect size (Hardie 2014). Stop words are already out of the term counts.
 *
 *   E1 = c (a + b) / (c + d),  E2 = d (a + b) / (c + d)
 *   G2 = 2 (a ln(a / E1) + b ln(b / E2))          (a term with a zero count contributes 0)
 *   log ratio = log2((a / c) / (b / d)), with 0.5 for a zero count (Hardie's adjustment)
 *
 * a, b: the term's counts in target and reference; c, d: their total term counts.
 *
 * Each target tests many terms at once, so a term is listed only when its p-value (G2 against
 * chi-square with one degree of freedom) stays under `alpha` once adjusted for the false
 * discovery rate over every term the target tested (Benjamini & Hochberg 1995), and only when it
 * occurs at least `minCount` times in the target: a word seen two or three times says little, and
 * the chi-square approximation of G2 wants counts of about five (Cochran's rule).
 */

export interface KeynessOptions {
  /** Terms listed per target. */
  readonly top: number;
  /** A term is tested only with at least this count in the target. */
  readonly minCount: number;
  /** The false discovery rate: a term is listed when its Benjamini-Hochberg adjusted p is below this. */
  readonly alpha: number;
}

export const DEFAULT_KEYNESS: KeynessOptions = { top: 10, minCount: 5, alpha: 0.05 };

export interface KeyTerm {
  readonly scope: 'article' | 'outlet';
  readonly target: string;
  /** The reference: a group id, or `corpus`. */
  readonly reference: string;
  readonly term: string;
  readonly countTarget: number;
  readonly countReference: number;
  readonly totalTarget: number;
  readonly totalReference: number;
  readonly g2: number;
  /** P(chi-square with 1 df >= g2). */
  readonly pValue: number;
  /** `pValue` adjusted for the false discovery rate over the target's tested terms (Benjamini-Hochberg). */
  readonly pAdjusted: number;
  readonly logRatio: number;
  readonly rank: number;
}

export function logLikelihood(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
}

/**
 * The complementary error function, by the Chebyshev fit of Numerical Recipes (erfcc, fractional
 * error under 1.2e-7 everywhere), enough for a p-value.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(X >= g2) for X chi-square with one degree of freedom: erfc(sqrt(g2 / 2)). */
export function chiSquare1PValue(g2: number): number {
  return g2 <= 0 ? 1 : Math.min(1, erfc(Math.sqrt(g2 / 2)));
}

/**
 * Benjamini-Hochberg adjusted p-values, in the order given: p(i) m / i for the i-th smallest,
 * made monotone from the largest down and capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues
    .map((_, i) => i)
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k] as number;
    running = Math.min(running, ((pValues[i] as number) * m) / (k + 1));
    adjusted[i] = running;
  }
  return adjusted;
}

export function logRatio(a: number, b: number, c: number, d: number): number {
  return Math.log2((a === 0 ? 0.5 : a) / c / ((b === 0 ? 0.5 : b) / d));
}

function addCounts(into: Map<string, number>, t: TermCounts, sign = 1): void {
  for (let i = 0; i < t.keys.length; i++) {
    const k = t.keys[i] as string;
    into.set(k, (into.get(k) ?? 0) + sign * (t.counts[i] as number));
  }
}

/** Key terms of one target (its counts) against a reference (total counts minus the target's). */
function keyTerms(
  target: Map<string, number>,
  all: Map<string, number>,
  scope: KeyTerm['scope'],
  targetName: string,
  referenceName: string,
  options: KeynessOptions,
): KeyTerm[] {
  let c = 0;
  let total = 0;
  for (const v of target.values()) c += v;
  for (const v of all.values()) total += v;
  const d = total - c;
  if (c === 0 || d <= 0) return [];
  // Every term frequent enough is a test, over- or under-used: the family the p-values are adjusted over.
  const tested: { term: string; a: number; b: number; g2: number; p: number }[] = [];
  for (const [term, a] of target) {
    if (a < options.minCount) continue;
    const b = (all.get(term) ?? 0) - a;
    const g2 = logLikelihood(a, b, c, d);
    tested.push({ term, a, b, g2, p: chiSquare1PValue(g2) });
  }
  const adjusted = benjaminiHochberg(tested.map((x) => x.p));
  const rows: Omit<KeyTerm, 'rank'>[] = [];
  tested.forEach(({ term, a, b, g2, p }, i) => {
    const pAdjusted = adjusted[i] as number;
    // Only over-use: a word the target uses more than its reference.
    if (a / c <= b / d || !(pAdjusted < options.alpha)) return;
    rows.push({
      scope,
      target: targetName,
      reference: referenceName,
      term,
      countTarget: a,
      countReference: b,
      totalTarget: c,
      totalReference: d,
      g2,
      pValue: p,
      pAdjusted,
      logRatio: logRatio(a, b, c, d),
    });
  });
  rows.sort((x, y) => y.g2 - x.g2 || compareText(x.term, y.term));
  return rows.slice(0, options.top).map((r, i) => ({ ...r, rank: i + 1 }));
}

/**
 * Each member against the rest of its group, over `n` members whose terms `termsOf` reads: twice
 * each (the group's totals, then each member against them), so a group's terms are never all held
 * at once.
 */
export function articleKeynessOf(
  groupId: string,
  n: number,
  idOf: (k: number) => string,
  termsOf: (k: number) => TermCounts,
  options: KeynessOptions = DEFAULT_KEYNESS,
): KeyTerm[] {
  if (n < 2) return [];
  const all = new Map<string, number>();
  for (let k = 0; k < n; k++) addCounts(all, termsOf(k));
  const out: KeyTerm[] = [];
  for (let k = 0; k < n; k++) {
    const target = new Map<string, number>();
    addCounts(target, termsOf(k));
    out.push(...keyTerms(target, all, 'article', idOf(k), groupId, options));
  }
  return out;
}

/** Each value of a metadata column (the outlet) against the rest of the corpus. */
export function outletKeyness(
  summaries: readonly ArticleSummary[],
  column: string,
  options: KeynessOptions = DEFAULT_KEYNESS,
): KeyTerm[] {
  return outletKeynessOf(summaryStore(summaries), column, options);
}

/** As `outletKeyness`, over a store: one pass over the terms, and none when fewer than two outlets. */
export function outletKeynessOf(
  store: SummaryStore,
  column: string,
  options: KeynessOptions = DEFAULT_KEYNESS,
): KeyTerm[] {
  const outlets = new Set<string>();
  for (let i = 0; i < store.length && outlets.size < 2; i++) {
    const outlet = store.metadataValue(i, column)?.trim();
    if (outlet) outlets.add(outlet);
  }
  if (outlets.size < 2) return [];
  const byOutlet = new Map<string, Map<string, number>>();
  const all = new Map<string, number>();
  for (let i = 0; i < store.length; i++) {
    const terms = store.terms(i);
    addCounts(all, terms);
    const outlet = store.metadataValue(i, column)?.trim();
    if (!outlet) continue;
    let m = byOutlet.get(outlet);
    if (!m) {
      m = new Map();
      byOutlet.set(outlet, m);
    }
    addCounts(m, terms);
  }
  const out: KeyTerm[] = [];
  for (const outlet of [...byOutlet.keys()].sort())
    out.push(
      ...keyTerms(byOutlet.get(outlet) as Map<string, number>, all, 'outlet', outlet, 'corpus', options),
    );
  return out;
}
