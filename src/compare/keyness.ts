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
 */

export interface KeynessOptions {
  /** Terms listed per target. */
  readonly top: number;
  /** A term needs at least this count in the target. */
  readonly minCount: number;
  /** Only terms with G2 at or above this (3.84: p < 0.05 with one degree of freedom). */
  readonly minG2: number;
}

export const DEFAULT_KEYNESS: KeynessOptions = { top: 10, minCount: 2, minG2: 3.84 };

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
  readonly logRatio: number;
  readonly rank: number;
}

export function logLikelihood(a: number, b: number, c: number, d: number): number {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  return 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
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
  const rows: Omit<KeyTerm, 'rank'>[] = [];
  for (const [term, a] of target) {
    if (a < options.minCount) continue;
    const b = (all.get(term) ?? 0) - a;
    // Only over-use: a word the target uses more than its reference.
    if (a / c <= b / d) continue;
    const g2 = logLikelihood(a, b, c, d);
    if (g2 < options.minG2) continue;
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
      logRatio: logRatio(a, b, c, d),
    });
  }
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
