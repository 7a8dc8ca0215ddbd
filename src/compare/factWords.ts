import { escapeRegex } from '../lexicon/pattern.ts';
import { stagePack } from '../lexicon/stagePacks.ts';
import type { Pack } from '../lexicon/types.ts';

/**
 * The words the facts of an article are read with (facts.ts), from the fact-words pack
 * (`lexicons/fact-words.yaml`, `kind: facts`): titles that mark a person's name, verbs that state
 * an event happened, unit words with the canonical unit of each, and nouns that are never what an
 * amount measures.
 */
export interface FactWords {
  /** Lower-case titles, without a final period ("prof", "president"). */
  readonly titles: ReadonlySet<string>;
  /** The titles that stand before a surname only ("mr", "ms"): the `fact.title.honorific` entries. */
  readonly honorifics: ReadonlySet<string>;
  /** Lemmas of verbs that state the main event took place. */
  readonly eventVerbs: ReadonlySet<string>;
  /** Lower-case unit word -> canonical unit ("dollars" -> "USD"), in the pack's order. */
  readonly units: Readonly<Record<string, string>>;
  /** Canonical unit -> the kind of measure its pack category names ("USD" -> "currency", "percent" -> "share"). */
  readonly unitKinds: Readonly<Record<string, string>>;
  /** Lower-case nouns that say nothing about what an amount counts ("percent", "million", "total"). */
  readonly notHeads: ReadonlySet<string>;
}

/** The words of a fact-words pack. Throws when a unit entry has no `unit` (a broken pack). */
export function factWordsOf(pack: Pack): FactWords {
  const titles = new Set<string>();
  const honorifics = new Set<string>();
  const eventVerbs = new Set<string>();
  const units: Record<string, string> = {};
  const unitKinds: Record<string, string> = {};
  const notHeads = new Set<string>();
  for (const e of pack.entries) {
    const words = e.patterns.map((p) => p.text.toLowerCase());
    if (e.category.startsWith('fact.title')) for (const w of words) titles.add(w);
    if (e.category.startsWith('fact.title.honorific')) for (const w of words) honorifics.add(w);
    else if (e.category.startsWith('fact.event-verb')) for (const w of words) eventVerbs.add(w);
    else if (e.category.startsWith('fact.not-head')) for (const w of words) notHeads.add(w);
    else if (e.category.startsWith('fact.unit')) {
      const unit = e.extra['unit'];
      if (typeof unit !== 'string' || unit === '')
        throw new Error(
          `${pack.file}:${e.line}: expecting entry \`${e.id}\` to name its \`unit\`, instead found ${JSON.stringify(unit)}`,
        );
      for (const w of words) units[w] = unit;
      unitKinds[unit] = e.category.split('.')[2] ?? '';
    }
  }
  return { titles, honorifics, eventVerbs, units, unitKinds, notHeads };
}

/**
 * The unit words as regex alternatives: a one-word unit ends at a word boundary ("days", not
 * "daysail"); "%" and units of several words are matched as written.
 */
export function unitAlternatives(units: Readonly<Record<string, string>>): string {
  return Object.keys(units)
    .map((w) => escapeRegex(w) + (/^\w+$/.test(w) ? '\\b' : ''))
    .join('|');
}

let builtin: FactWords | null = null;

/** The built-in fact words, read once per thread. */
export function builtinFactWords(): FactWords {
  builtin ??= factWordsOf(stagePack('factWords'));
  return builtin;
}
