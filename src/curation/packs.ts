import { compareText } from '../order.ts';
import { type Interval, bootstrapAuc, rocAuc, splitHalves } from './auc.ts';

/**
 * The check a scholar runs before trusting a pack on their own data (`framescope lexicon
 * validate`): given articles labelled in or out of a class (state outlet or not, biased or not),
 * how each entry and each pack separates them.
 *
 * Per entry, with n_in and n_out the labelled articles of each class and d_in, d_out those with
 * at least one hit of the entry (in the chosen voice):
 *   share_in = d_in / n_in, share_out = d_out / n_out
 *   precision = d_in / (d_in + d_out)           (depends on the class balance of the data)
 *   lift = share_in / share_out                 (empty when share_out = 0)
 *   lift_smoothed = ((d_in + ½) / (n_in + ½)) / ((d_out + ½) / (n_out + ½))
 *   as_often_outside: the entry fires, and share_out >= share_in
 * Per pack (and for all the packs named, together), each article's score is
 *   Σ weight × hits of the pack's entries (in the voice) / scored words × 1000,
 * the formula of `index_state_media`; its ROC-AUC against the label, a stratified percentile
 * bootstrap interval, the ROC-AUC on each half of a stratified hash split, and the share of each
 * class with at least one hit.
 */

export interface LabelledArticle {
  readonly id: string;
  readonly positive: boolean;
  readonly words: number;
  /** Hits per entry key (`pack/entry`), weighted by voice (1 when only one voice counts). */
  readonly hits: ReadonlyMap<string, number>;
}

export interface EntryRef {
  readonly pack: string;
  readonly id: string;
  readonly category: string;
  readonly weight: number;
}

export interface EntryFigures extends EntryRef {
  readonly hitsIn: number;
  readonly hitsOut: number;
  readonly docsIn: number;
  readonly docsOut: number;
  readonly shareIn: number;
  readonly shareOut: number;
  readonly precision: number | null;
  readonly lift: number | null;
  readonly liftSmoothed: number;
  readonly asOftenOutside: boolean;
}

export interface PackFigures {
  /** A pack id, or `all` for the packs together. */
  readonly pack: string;
  readonly entries: number;
  readonly auc: number | null;
  readonly ci: Interval | null;
  readonly halfA: number | null;
  readonly halfB: number | null;
  readonly shareInWithHit: number;
  readonly shareOutWithHit: number;
}

export interface ValidationOptions {
  readonly resamples: number;
  readonly seed: number;
}

export interface Validation {
  readonly nIn: number;
  readonly nOut: number;
  readonly entries: readonly EntryFigures[];
  readonly packs: readonly PackFigures[];
}

const keyOf = (e: EntryRef) => `${e.pack}/${e.id}`;

function entryFigures(
  e: EntryRef,
  articles: readonly LabelledArticle[],
  nIn: number,
  nOut: number,
): EntryFigures {
  const key = keyOf(e);
  let hitsIn = 0;
  let hitsOut = 0;
  let docsIn = 0;
  let docsOut = 0;
  for (const a of articles) {
    const h = a.hits.get(key) ?? 0;
    if (h === 0) continue;
    if (a.positive) {
      hitsIn += h;
      docsIn++;
    } else {
      hitsOut += h;
      docsOut++;
    }
  }
  const shareIn = nIn > 0 ? docsIn / nIn : 0;
  const shareOut = nOut > 0 ? docsOut / nOut : 0;
  return {
    ...e,
    hitsIn,
    hitsOut,
    docsIn,
    docsOut,
    shareIn,
    shareOut,
    precision: docsIn + docsOut > 0 ? docsIn / (docsIn + docsOut) : null,
    lift: shareOut > 0 ? shareIn / shareOut : null,
    liftSmoothed: (docsIn + 0.5) / (nIn + 0.5) / ((docsOut + 0.5) / (nOut + 0.5)),
    asOftenOutside: docsIn + docsOut > 0 && shareOut >= shareIn,
  };
}

function packFigures(
  pack: string,
  entries: readonly EntryRef[],
  articles: readonly LabelledArticle[],
  inA: readonly boolean[],
  options: ValidationOptions,
): PackFigures {
  const weights = new Map(entries.map((e) => [keyOf(e), e.weight]));
  const scores = articles.map((a) => {
    if (a.words === 0) return 0;
    let s = 0;
    for (const [k, h] of a.hits) s += (weights.get(k) ?? 0) * h;
    return (1000 * s) / a.words;
  });
  const labels = articles.map((a) => a.positive);
  const half = (want: boolean) =>
    rocAuc(
      scores.filter((_, i) => inA[i] === want),
      labels.filter((_, i) => inA[i] === want),
    );
  const withHit = (want: boolean) => {
    const members = articles.filter((a) => a.positive === want);
    const hit = members.filter((a) => [...a.hits].some(([k, h]) => h > 0 && weights.has(k))).length;
    return members.length > 0 ? hit / members.length : 0;
  };
  return {
    pack,
    entries: entries.length,
    auc: rocAuc(scores, labels),
    ci: bootstrapAuc(scores, labels, options.resamples, options.seed),
    halfA: half(true),
    halfB: half(false),
    shareInWithHit: withHit(true),
    shareOutWithHit: withHit(false),
  };
}

/** Entry and pack figures of `entries` (in pack order) on labelled articles. */
export function validatePacks(
  articles: readonly LabelledArticle[],
  entries: readonly EntryRef[],
  options: ValidationOptions,
): Validation {
  const nIn = articles.filter((a) => a.positive).length;
  const nOut = articles.length - nIn;
  const inA = splitHalves(
    articles.map((a) => a.id),
    articles.map((a) => a.positive),
    options.seed,
  );
  const packIds = [...new Set(entries.map((e) => e.pack))];
  const packs = packIds.map((p) =>
    packFigures(
      p,
      entries.filter((e) => e.pack === p),
      articles,
      inA,
      options,
    ),
  );
  if (packIds.length > 1) packs.push(packFigures('all', entries, articles, inA, options));
  return {
    nIn,
    nOut,
    entries: entries.map((e) => entryFigures(e, articles, nIn, nOut)),
    packs,
  };
}

export const ENTRY_COLUMNS = [
  'pack',
  'entry',
  'category',
  'weight',
  'hits_in',
  'hits_out',
  'docs_in',
  'docs_out',
  'share_in',
  'share_out',
  'precision',
  'lift',
  'lift_smoothed',
  'as_often_outside',
] as const;

export const PACK_COLUMNS = [
  'pack',
  'entries',
  'roc_auc',
  'ci_low',
  'ci_high',
  'half_a',
  'half_b',
  'share_in_with_hit',
  'share_out_with_hit',
] as const;

const r4 = (x: number | null) => (x === null ? null : Number(x.toFixed(4)));

export function entryRow(e: EntryFigures): (string | number | boolean | null)[] {
  return [
    e.pack,
    e.id,
    e.category,
    e.weight,
    e.hitsIn,
    e.hitsOut,
    e.docsIn,
    e.docsOut,
    r4(e.shareIn),
    r4(e.shareOut),
    r4(e.precision),
    r4(e.lift),
    r4(e.liftSmoothed),
    e.asOftenOutside,
  ];
}

export function packRow(p: PackFigures): (string | number | null)[] {
  return [
    p.pack,
    p.entries,
    r4(p.auc),
    r4(p.ci?.low ?? null),
    r4(p.ci?.high ?? null),
    r4(p.halfA),
    r4(p.halfB),
    r4(p.shareInWithHit),
    r4(p.shareOutWithHit),
  ];
}

/** Entries sorted for reading: those that fire as often outside first, then by lift. */
export function entriesForReading(entries: readonly EntryFigures[]): EntryFigures[] {
  return [...entries].sort(
    (a, b) =>
      Number(b.asOftenOutside) - Number(a.asOftenOutside) ||
      a.liftSmoothed - b.liftSmoothed ||
      compareText(`${a.pack}/${a.id}`, `${b.pack}/${b.id}`),
  );
}
