import type { CompiledLexicon } from '../../lexicon/compile.ts';
import { compareText } from '../../order.ts';
import type { Cell } from '../../report/format.ts';
import type { Match, Voice } from '../../types.ts';

/** Columns of a dictionary-scoring table: one row per article and lexicon category. */
export const SCORE_HEADER: readonly string[] = Object.freeze([
  'article',
  'pack',
  'category',
  'count',
  'word_count',
]);

/** The voices in the order of their columns when voice is counted. */
const VOICES: readonly Voice[] = ['authorial', 'attributed', 'quoted'];

export const SCORE_VOICE_HEADER: readonly string[] = Object.freeze([
  ...SCORE_HEADER,
  ...VOICES.map((v) => `count_${v}`),
]);

/**
 * The (pack, category) pairs of a lexicon, sorted by pack id then category (by code unit): the
 * rows of each article, in that order. A category is counted per pack, so that two packs using
 * one category name keep their counts apart, as `matches.csv` does.
 */
export interface CategorySlots {
  readonly pack: readonly string[];
  readonly category: readonly string[];
  /** Slot of a pack's category; -1 when the lexicon has no such category. */
  slotOf(pack: string, category: string): number;
}

export function categorySlots(lexicon: CompiledLexicon): CategorySlots {
  const pairs = new Map<string, [string, string]>();
  for (const ce of lexicon.entries) {
    const pack = ce.pack.pack;
    const category = ce.entry.category;
    pairs.set(`${pack}\u0000${category}`, [pack, category]);
  }
  const sorted = [...pairs.values()].sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
  const byPack = new Map<string, Map<string, number>>();
  sorted.forEach(([pack, category], slot) => {
    let categories = byPack.get(pack);
    if (categories === undefined) {
      categories = new Map();
      byPack.set(pack, categories);
    }
    categories.set(category, slot);
  });
  return {
    pack: sorted.map((p) => p[0]),
    category: sorted.map((p) => p[1]),
    slotOf: (pack, category) => byPack.get(pack)?.get(category) ?? -1,
  };
}

/**
 * Hits per slot: `counts[slot]`; with `voice`, the hits per voice follow in
 * `counts[n + slot * 3 + k]` (k in authorial, attributed, quoted; n the number of slots).
 */
export function countBySlot(matches: readonly Match[], slots: CategorySlots, voice: boolean): Int32Array {
  const n = slots.pack.length;
  const counts = new Int32Array(voice ? n * 4 : n);
  for (const m of matches) {
    const slot = slots.slotOf(m.pack, m.category);
    if (slot < 0)
      throw new Error(
        `countBySlot: expecting the hit's category to be one of the lexicon's, instead found ${m.pack} ${m.category}`,
      );
    counts[slot] = (counts[slot] as number) + 1;
    if (voice) {
      const k = n + slot * 3 + VOICES.indexOf(m.voice);
      counts[k] = (counts[k] as number) + 1;
    }
  }
  return counts;
}

/**
 * The rows of one article: every category, or with `nonzero` only the categories it has hits of.
 * An article with no hit at all has a row per category (all zero) unless `nonzero` is set.
 */
export function categoryCountRows(
  article: string,
  counts: Int32Array,
  slots: CategorySlots,
  wordCount: number,
  options: { readonly voice: boolean; readonly nonzero: boolean },
): Cell[][] {
  const n = slots.pack.length;
  const rows: Cell[][] = [];
  for (let slot = 0; slot < n; slot++) {
    const count = counts[slot] as number;
    if (options.nonzero && count === 0) continue;
    const row: Cell[] = [article, slots.pack[slot], slots.category[slot], count, wordCount];
    if (options.voice) for (let k = 0; k < 3; k++) row.push(counts[n + slot * 3 + k] as number);
    rows.push(row);
  }
  return rows;
}
