import { createRequire } from 'node:module';
import { stagePack } from '../lexicon/stagePacks.ts';
import type { Pack } from '../lexicon/types.ts';

/**
 * What tells a person apart for pronoun resolution and what is never a speaker: honorifics and
 * role nouns that give a gender ("Ms. Rice", "his wife, Sandra"), the gender of common first
 * names (the gender-detection-from-name package's lists: English, Italian, Spanish, French,
 * German, Turkish), and time words ("Friday", "this week") that stand left of a cue as a
 * circumstance. The word lists are the person-cues pack (lexicons/sources/person-cues.yaml).
 */

export type Gender = 'male' | 'female';

export interface PersonCues {
  /** Gender by lower-case word without a final period. */
  readonly genderOf: ReadonlyMap<string, Gender>;
  /** Lower-case time words without a final period. */
  readonly timeWords: ReadonlySet<string>;
  /** Lower-case family names written first ("Xi Jinping"): no first name, no gender. */
  readonly familyNameFirst: ReadonlySet<string>;
}

const wordKey = (w: string) => w.toLowerCase().replace(/\.$/, '').replace(/’/g, "'");

/** The cues of a person-cues pack (`kind: sources`). Throws, naming the entry, on an unknown category. */
export function personCuesOf(pack: Pack): PersonCues {
  const genderOf = new Map<string, Gender>();
  const timeWords = new Set<string>();
  const familyNameFirst = new Set<string>();
  for (const e of pack.entries) {
    const patterns = e.patterns.map((p) => wordKey(p.text));
    if (e.category === 'person.gender.male') for (const p of patterns) genderOf.set(p, 'male');
    else if (e.category === 'person.gender.female') for (const p of patterns) genderOf.set(p, 'female');
    else if (e.category === 'non-speaker.time') for (const p of patterns) timeWords.add(p);
    else if (e.category === 'person.family-name-first') for (const p of patterns) familyNameFirst.add(p);
    else
      throw new Error(
        `${pack.file}:${e.line}: expecting a category person.gender.male, person.gender.female, person.family-name-first or non-speaker.time, instead found "${e.category}" in entry ${e.id}`,
      );
  }
  return { genderOf, timeWords, familyNameFirst };
}

let cached: PersonCues | null = null;
/** The built-in person cues, read once per thread. */
export function personCues(): PersonCues {
  cached ??= personCuesOf(stagePack('personCues'));
  return cached;
}

export const isTimeWord = (cues: PersonCues, word: string) => cues.timeWords.has(wordKey(word));
export const genderWord = (cues: PersonCues, word: string): Gender | null =>
  cues.genderOf.get(wordKey(word)) ?? null;

const require = createRequire(import.meta.url);
type FirstNames = { getGender(name: string): string };
// Its name lists take about 5 MB of heap: read when a first name is first looked up, not when a
// run starts (a run that meets no name, or reads only skipped inputs, never needs them).
let firstNames: FirstNames | null = null;
const firstNameMemo = new Map<string, Gender | null>();

/**
 * The gender a first name usually has, or null when the name is not a listed first name. A prior
 * only: "Xi" is listed as a woman's name, so the article's own evidence (an honorific, a role
 * noun) always outranks it.
 */
export function firstNameGender(word: string): Gender | null {
  const key = word.toLowerCase();
  if (personCues().familyNameFirst.has(key)) return null;
  let g = firstNameMemo.get(key);
  if (g === undefined) {
    firstNames ??= require('gender-detection-from-name') as FirstNames;
    const found = /^\p{L}[\p{L}'-]+$/u.test(word) ? firstNames.getGender(key) : 'unknown';
    g = found === 'male' || found === 'female' ? found : null;
    if (firstNameMemo.size > 50_000) firstNameMemo.clear();
    firstNameMemo.set(key, g);
  }
  return g;
}
