import { stemOf } from './stem.ts';

/**
 * The canonical forms that pattern words and document tokens are compared in. Both sides go
 * through the same functions, so that a pack author writes a word once and it matches the
 * spelling variants a newspaper may use: British or American spelling, straight or curly
 * apostrophes, "U.S." or "US".
 */

/** Hyphens and dashes that join or separate words; all are interchangeable with a space. */
export const DASHES = /[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]+/;
const DASHES_ONLY = new RegExp(`^${DASHES.source}$`);
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4\u2032]/g;
/** "u.s.", "u.s.a.", "u.k.", "e.u": single letters each followed by a period. */
const DOTTED_ABBREVIATION = /^(?:\p{L}\.)+\p{L}?\.?$/u;

export function isDashToken(value: string): boolean {
  return DASHES_ONLY.test(value);
}

/**
 * The surface form with apostrophes straightened and abbreviation periods removed, case kept.
 * Used by `exact` and `case_sensitive` matching.
 */
export function canonicalSurface(value: string): string {
  let s = value;
  if (s.length > 1 && s.indexOf('.') >= 0 && DOTTED_ABBREVIATION.test(s)) s = s.replace(/\./g, '');
  return s.replace(APOSTROPHES, "'");
}

/** Whole-word spellings that no suffix rule covers. */
const IRREGULAR: Readonly<Record<string, string>> = {
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  pretence: 'pretense',
  licence: 'license',
  licences: 'licenses',
  programme: 'program',
  programmes: 'programs',
  judgement: 'judgment',
  judgements: 'judgments',
  ageing: 'aging',
  grey: 'gray',
  travelled: 'traveled',
  travelling: 'traveling',
  traveller: 'traveler',
  travellers: 'travelers',
  cancelled: 'canceled',
  cancelling: 'canceling',
  labelled: 'labeled',
  labelling: 'labeling',
  modelled: 'modeled',
  modelling: 'modeling',
  fuelled: 'fueled',
  fuelling: 'fueling',
  signalled: 'signaled',
  signalling: 'signaling',
  levelled: 'leveled',
  channelled: 'channeled',
  counselled: 'counseled',
  sceptic: 'skeptic',
  sceptics: 'skeptics',
  sceptical: 'skeptical',
  scepticism: 'skepticism',
  manoeuvre: 'maneuver',
  manoeuvres: 'maneuvers',
};

/**
 * British-to-American suffix rules, tried in order; the first that applies wins. Each rule keeps
 * enough of the stem before the suffix that short words ("four", "hour", "rise", "rogue") stay as
 * they are: folding is applied to both sides, so a rule only harms when it merges two different
 * words, and the stem-length guards keep those merges out.
 */
const SUFFIX_RULES: readonly (readonly [RegExp, string])[] = [
  [/^(\p{L}{3,})is(ation|ations|ational|e|es|ed|ing|er|ers)$/u, '$1iz$2'],
  [/^(\p{L}{2,})ys(e|es|ed|ing|er|ers)$/u, '$1yz$2'],
  [/^(\p{L}+[^aeou\W])our(s|ed|ing|ite|ites|able|ably|ful|less|er|ers|ist|ists|ism)?$/u, '$1or$2'],
  [/^(\p{L}{4,})ogue(s)?$/u, '$1og$2'],
  [/^(\p{L}{2,})tre(s|d)?$/u, '$1ter$2'],
  [/^(\p{L}{2,})bre(s|d)?$/u, '$1ber$2'],
];

const foldCache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/**
 * American spelling of a lower-case word (-ise/-ize, -isation/-ization, -our/-or, -yse/-yze,
 * -ogue/-og, -tre/-ter, -bre/-ber, and a short list of whole words), memoised.
 */
export function foldSpelling(lower: string): string {
  let folded = foldCache.get(lower);
  if (folded !== undefined) return folded;
  folded = IRREGULAR[lower] ?? lower;
  if (folded === lower && lower.length >= 5) {
    for (const [re, to] of SUFFIX_RULES) {
      if (re.test(lower)) {
        folded = lower.replace(re, to);
        break;
      }
    }
  }
  if (foldCache.size >= CACHE_LIMIT) foldCache.clear();
  foldCache.set(lower, folded);
  return folded;
}

/** The comparable forms of one word unit. */
export interface UnitForms {
  /** Canonical surface form, case kept. */
  readonly raw: string;
  /** `raw` lower-cased. */
  readonly lower: string;
  /** Folded normal form. */
  readonly norm: string;
  /** Folded lemma. */
  readonly lemma: string;
  /** Porter stem of the folded normal form. */
  readonly stem: string;
}

interface CachedForms {
  readonly normal: string;
  readonly lemma: string;
  readonly forms: UnitForms;
}

/** Most words always come with the same normal form and lemma: one look-up by value serves them. */
const byValue = new Map<string, CachedForms>();
/** The rest (a word whose lemma depends on its part of speech), by all three. */
const byAll = new Map<string, UnitForms>();

/**
 * Forms of a word whose stem is computed on first use: only `stem` entries compare stems, and
 * stemming every new word of a corpus costs more than folding it.
 */
class WordForms implements UnitForms {
  #stem: string | undefined = undefined;

  constructor(
    readonly raw: string,
    readonly lower: string,
    readonly norm: string,
    readonly lemma: string,
  ) {}

  get stem(): string {
    this.#stem ??= stemOf(this.norm);
    return this.#stem;
  }
}

function computeForms(value: string, normal: string, lemma: string): UnitForms {
  const raw = canonicalSurface(value);
  const norm = foldSpelling(canonicalSurface(normal).toLowerCase());
  return new WordForms(raw, raw.toLowerCase(), norm, foldSpelling(canonicalSurface(lemma).toLowerCase()));
}

/**
 * Forms as plain data, stem included: for compiled patterns, which cross to worker threads by
 * structured clone (a clone keeps data fields, not getters).
 */
export function plainForms(f: UnitForms): UnitForms {
  return { raw: f.raw, lower: f.lower, norm: f.norm, lemma: f.lemma, stem: f.stem };
}

/**
 * The comparable forms of a word from its value, wink normal form and lemma, memoised because
 * the same word recurs throughout a corpus.
 */
export function formsOf(value: string, normal: string, lemma: string): UnitForms {
  const cached = byValue.get(value);
  if (cached !== undefined) {
    if (cached.normal === normal && cached.lemma === lemma) return cached.forms;
    const key = value + '\u0000' + normal + '\u0000' + lemma;
    let forms = byAll.get(key);
    if (forms === undefined) {
      forms = computeForms(value, normal, lemma);
      if (byAll.size >= CACHE_LIMIT) byAll.clear();
      byAll.set(key, forms);
    }
    return forms;
  }
  const forms = computeForms(value, normal, lemma);
  if (byValue.size >= CACHE_LIMIT) byValue.clear();
  byValue.set(value, { normal, lemma, forms });
  return forms;
}
