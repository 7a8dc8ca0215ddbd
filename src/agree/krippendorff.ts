/**
 * Krippendorff's alpha for reliability data: units (rows) coded by any number of coders (columns),
 * with missing values. Follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
 * values are paired within units through a coincidence matrix, each pair of a unit with m_u
 * pairable values weighted 1 / (m_u - 1); alpha = 1 - D_o / D_e.
 */

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** One unit's values, one per coder; `null` where a coder did not code the unit. */
export type ReliabilityData = readonly (readonly (number | null)[])[];

export interface AlphaResult {
  readonly level: AlphaLevel;
  /** null when undefined: fewer than two pairable values, or no variation at all (D_e = 0). */
  readonly alpha: number | null;
  /** Units given to the computation. */
  readonly units: number;
  /** Units with at least two values (only these are pairable). */
  readonly pairableUnits: number;
  /** n: the number of values in pairable units (the total of the coincidence matrix). */
  readonly pairableValues: number;
  /** Coders (columns) with at least one value. */
  readonly coders: number;
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
  /** The distinct values, ascending, and the coincidence matrix o[c][k] over them. */
  readonly values: readonly number[];
  readonly coincidences: readonly (readonly number[])[];
}

/**
 * Squared difference function delta^2(c, k) of each level, indexed over the sorted distinct values.
 * The ordinal one needs the marginals n_g: the values between c and k count, not their labels.
 */
function deltaSquared(level: AlphaLevel, values: readonly number[], marginals: readonly number[]) {
  const size = values.length;
  const d: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      if (i === j) continue;
      const c = values[i] as number;
      const k = values[j] as number;
      let v: number;
      switch (level) {
        case 'nominal':
          v = 1;
          break;
        case 'interval':
          v = (c - k) ** 2;
          break;
        case 'ratio':
          v = c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
          break;
        case 'ordinal': {
          const lo = Math.min(i, j);
          const hi = Math.max(i, j);
          let sum = 0;
          for (let g = lo; g <= hi; g++) sum += marginals[g] as number;
          v = (sum - ((marginals[i] as number) + (marginals[j] as number)) / 2) ** 2;
          break;
        }
      }
      (d[i] as number[])[j] = v;
    }
  }
  return d;
}

export function krippendorffAlpha(data: ReliabilityData, level: AlphaLevel = 'nominal'): AlphaResult {
  if (!Array.isArray(data as unknown))
    throw new TypeError(`krippendorffAlpha: expected an array of units, found ${typeof data}`);
  const distinct = new Set<number>();
  const codersSeen = new Set<number>();
  for (const unit of data) {
    unit.forEach((v, coder) => {
      if (v === null) return;
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new TypeError(`krippendorffAlpha: expected finite numbers or null, found ${String(v)}`);
      if (level === 'ratio' && v < 0)
        throw new RangeError(`krippendorffAlpha: ratio data must not be negative, found ${v}`);
      distinct.add(v);
      codersSeen.add(coder);
    });
  }
  const values = [...distinct].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const o: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let pairableUnits = 0;
  for (const unit of data) {
    const present = unit.filter((v): v is number => v !== null);
    const m = present.length;
    if (m < 2) continue;
    pairableUnits++;
    const counts = new Map<number, number>();
    for (const v of present) {
      const i = index.get(v) as number;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    // Pairs of values from different coders: n_c * n_k for c != k, n_c * (n_c - 1) for c = k.
    for (const [i, ni] of counts) {
      for (const [j, nj] of counts) {
        (o[i] as number[])[j] = (o[i] as number[])[j]! + (i === j ? ni * (ni - 1) : ni * nj) / (m - 1);
      }
    }
  }
  const marginals = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = marginals.reduce((a, b) => a + b, 0);
  const delta = deltaSquared(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const d = (delta[i] as number[])[j] as number;
      observed += ((o[i] as number[])[j] as number) * d;
      expected += (marginals[i] as number) * (marginals[j] as number) * d;
    }
  }
  const dObserved = n > 0 ? observed / n : 0;
  const dExpected = n > 1 ? expected / (n * (n - 1)) : 0;
  // Rounding the coincidences leaves tiny residues; a D_e this small means no variation at all.
  const alpha = n < 2 || dExpected <= 1e-12 ? null : 1 - dObserved / dExpected;
  return {
    level,
    alpha,
    units: data.length,
    pairableUnits,
    pairableValues: Math.round(n * 1e9) / 1e9,
    coders: codersSeen.size,
    observedDisagreement: dObserved,
    expectedDisagreement: dExpected,
    values,
    coincidences: o,
  };
}
