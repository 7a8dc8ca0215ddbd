/**
 * Cohen's kappa for two raters on nominal categories: kappa = (p_o - p_e) / (1 - p_e), where p_o
 * is the share of units both rated alike and p_e the agreement expected from each rater's own
 * category shares. Units that either rater left empty are left out.
 */

export interface KappaResult {
  /** null when undefined: no paired unit, or both raters used one and the same category (p_e = 1). */
  readonly kappa: number | null;
  /** Units rated by both raters. */
  readonly pairs: number;
  readonly observedAgreement: number;
  readonly expectedAgreement: number;
}

export function cohensKappa(
  first: readonly (number | string | null)[],
  second: readonly (number | string | null)[],
): KappaResult {
  if (first.length !== second.length)
    throw new RangeError(
      `cohensKappa: expected two ratings per unit, found ${first.length} and ${second.length} ratings`,
    );
  const countsA = new Map<number | string, number>();
  const countsB = new Map<number | string, number>();
  let pairs = 0;
  let agree = 0;
  for (let u = 0; u < first.length; u++) {
    const a = first[u] ?? null;
    const b = second[u] ?? null;
    if (a === null || b === null) continue;
    pairs++;
    if (a === b) agree++;
    countsA.set(a, (countsA.get(a) ?? 0) + 1);
    countsB.set(b, (countsB.get(b) ?? 0) + 1);
  }
  if (pairs === 0) return { kappa: null, pairs, observedAgreement: 0, expectedAgreement: 0 };
  let expected = 0;
  for (const [c, na] of countsA) expected += (na / pairs) * ((countsB.get(c) ?? 0) / pairs);
  const observed = agree / pairs;
  const kappa = 1 - expected <= 1e-12 ? null : (observed - expected) / (1 - expected);
  return { kappa, pairs, observedAgreement: observed, expectedAgreement: expected };
}
