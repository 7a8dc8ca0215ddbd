import { isModelWord } from '../text/winkModel.ts';
import type { Document } from '../types.ts';
import {
  type Gender,
  type PersonCues,
  firstNameGender,
  genderWord,
  isTimeWord,
  personCues,
} from './personCues.ts';
import {
  OUTLET_CLUES as OUTLET_CLUE_LIST,
  type SourceClue,
  type SourceLexicon,
  TITLE_CLUES as TITLE_CLUE_LIST,
  sourceHits,
} from './sourceLexicon.ts';

/**
 * Who a source phrase names. A source phrase mixes titles, names and bodies ("Russian
 * Presidential Aide Yury Ushakov", "Professor Wang Yiwei from Renmin University"); the speaker is
 * the person's name without its titles, or failing a person, the outlet or body. Names are
 * completed from the rest of the article ("Xi" -> "Xi Jinping") so that one speaker counts once.
 */

export type SpeakerKind = 'person' | 'body';

export interface NamedSpeaker {
  readonly name: string;
  readonly kind: SpeakerKind;
  /** Token range of the name within the document. */
  readonly firstToken: number;
  readonly endToken: number;
}

const TITLE_CLUES = new Set<SourceClue>(TITLE_CLUE_LIST);
const OUTLET_CLUES = new Set<SourceClue>(OUTLET_CLUE_LIST);
/** Words that make a run of capitalised words the name of a body, not a person. */
const BODY_WORD =
  /^(university|institute|academy|ministry|department|office|council|committee|party|government|administration|agency|bank|fund|organi[sz]ation|association|union|court|congress|parliament|senate|house|center|centre|foundation|group|company|corporation|inc|ltd|news|times|daily|post|journal|review|press|tv|radio|network|school|college|kremlin|pentagon|commission|bureau|service|forces?|army|navy|police|campaign|committee|summit|treaty|plan|organization|nations|states|republic|federation|union|social|media)$/i;
/** Abbreviated titles, written out so that "Gov. Asa Hutchinson" is "the governor" later on. */
const TITLE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gov: 'governor',
  sen: 'senator',
  rep: 'representative',
  lt: 'lieutenant',
  gen: 'general',
  sec: 'secretary',
  pres: 'president',
  prof: 'professor',
  atty: 'attorney',
};

/** Entries of known-sources that name bodies (not titles of people): their names are speakers. */
const BODY_ENTRY = /^(government-bodies|.*-names)$/;
const NON_NAME = /^(the|a|an|of|and|from|at|in|for|on|to|'s|’s|s)$/i;
/**
 * Words that make a run led by a first name a place or a body, not a person: "Kent County
 * Republican headquarters" (read on PolNeAR dev), "Austin City Council", "Jackson State University".
 */
const PLACE_OR_BODY_WORD =
  /^(county|city|state|republicans?|democrats?|democratic|party|committee|council|university|college|school|street|avenue|road|park|church|hospital|company|corporation|group|house|senate|department|center|centre|institute|foundation|museum|bank|airport|station|club)$/i;

export interface NameBook {
  /** Full name for a shorter form, by lower-cased short form ("xi" -> "Xi Jinping"). */
  readonly fullName: ReadonlyMap<string, string>;
  /** Names that occur after a title somewhere in the article, with the clue of that title. */
  readonly titleOf: ReadonlyMap<string, SourceClue>;
  /** Memo of `sentenceSubject`, by sentence index. */
  readonly subjects: Map<number, NamedSpeaker | null>;
  /** Lower-cased names (full and short forms) the article shows to be people's. */
  readonly persons: ReadonlySet<string>;
  /**
   * Gender by lower-cased name (full and short forms), from the article's own evidence: an
   * honorific before the name or a role noun in apposition ("Ms. Rice", "his wife, Sandra").
   */
  readonly genderOf: ReadonlyMap<string, Gender>;
  /** People named outside quotations, per sentence, in text order: who a pronoun may refer to. */
  readonly mentions: ReadonlyMap<number, readonly PersonMention[]>;
  /** The lower-cased words of the titles the article gives a name ("governor", "prime minister"). */
  readonly titleWords: ReadonlyMap<string, ReadonlySet<string>>;
  readonly cues: PersonCues;
}

export interface PersonMention {
  /** The name as the article completes it ("Robert Gibbs" for "Gibbs"). */
  readonly name: string;
  readonly firstToken: number;
  /** Named before any verb of its sentence: the sentence's subject, which a pronoun most often continues. */
  readonly subject: boolean;
}

const UPPER_START = /^\p{Lu}/u;
const NAME_START = /^\p{Lu}\p{Ll}/u;
/** The words of tokens [from, to) as written, hyphenated parts kept together ("Mark Lewis-Francis"). */
const wordsOf = (doc: Document, from: number, to: number): string[] =>
  doc.text
    .slice(doc.tokens.start[from] as number, doc.tokens.end[to - 1] as number)
    .split(/\s+/)
    .filter(Boolean);

const isProper = (doc: Document, t: number) => {
  const pos = doc.tokens.pos[t];
  const tokens = doc.tokens;
  // A hyphen inside a name joins its parts: "Lewis-Francis".
  if (
    tokens.value[t] === '-' &&
    t > 0 &&
    tokens.end[t - 1] === tokens.start[t] &&
    tokens.end[t] === tokens.start[t + 1] &&
    UPPER_START.test(tokens.value[t - 1] as string) &&
    UPPER_START.test(tokens.value[t + 1] ?? '')
  )
    return true;
  // A plural common noun that opens a sentence is capitalised, not a name ("Lawmakers said"):
  // it and its singular are words of the language model ("Jones", "Reyes" are not).
  if (
    (pos === 'NOUN' || pos === 'PROPN') &&
    (doc.sentences[tokens.sentence[t] as number]?.firstToken ?? -1) === t &&
    /\p{Ll}s$/u.test(tokens.value[t] as string) &&
    isModelWord((tokens.value[t] as string).toLowerCase()) &&
    isModelWord((tokens.value[t] as string).toLowerCase().slice(0, -1))
  )
    return false;
  if (pos === 'PROPN') return true;
  const v = doc.tokens.value[t] as string;
  // wink tags some first names as verbs ("Don Fowler", "Will Hurd"): a common first name before a proper noun counts.
  if (doc.tokens.pos[t + 1] === 'PROPN' && NAME_START.test(v) && firstNameGender(v) !== null) return true;
  if (pos !== 'NOUN' && !(t > 0 && doc.tokens.pos[t - 1] === 'PROPN')) return false;
  // wink tags some surnames as verbs ("Paul Grant"): a capitalised word after a proper noun counts.
  return pos === 'NOUN' ? UPPER_START.test(v) : NAME_START.test(v);
};

/**
 * Scans the article once for runs of capitalised words: a title in front types the name, and a
 * name that is a person's (titled, led by an honorific or a common first name) completes its
 * single-word forms. A single word that never occurs inside a longer run ("Beijing") stays as
 * written. `inQuote` tells the tokens inside quotations, whose names are no pronoun's referent.
 */
export function nameBookOf(
  doc: Document,
  lexicon: SourceLexicon,
  inQuote: (token: number) => boolean = () => false,
): NameBook {
  const cues = personCues();
  const fullName = new Map<string, string>();
  const titleOf = new Map<string, SourceClue>();
  const persons = new Set<string>();
  const genderOf = new Map<string, Gender>();
  const titleWords = new Map<string, Set<string>>();
  const runs: { first: number; end: number; name: string; person: boolean }[] = [];
  const t = doc.tokens;
  let i = 0;
  while (i < t.count) {
    if (!isProper(doc, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < t.count && isProper(doc, j) && t.sentence[j] === t.sentence[i]) j++;
    const before = titleBefore(doc, lexicon, i, j);
    const run = personNameIn(doc, lexicon, before?.nameStart ?? i, j);
    if (run) {
      const words = wordsOf(doc, run.firstToken, run.endToken);
      const name = words.join(' ');
      const key = name.toLowerCase();
      // A time word's comma leads into the sentence, not an apposition: "On Tuesday, the central
      // bank said", "in December, according to the government".
      const timeOnly = words.every((w) => isTimeWord(cues, w));
      const found =
        (run.title && run.titleText ? { clue: run.title, text: run.titleText } : null) ??
        before ??
        (timeOnly ? null : appositiveTitle(doc, lexicon, j));
      const title = found?.clue ?? null;
      if (found && !titleOf.has(key)) titleOf.set(key, found.clue);
      if (found) {
        const set = titleWords.get(key) ?? new Set<string>();
        for (const w of found.text
          .toLowerCase()
          .replace(/\./g, '')
          .split(/[\s-]+/))
          set.add(TITLE_ABBREVIATIONS[w] ?? w);
        titleWords.set(key, set);
      }
      const gender = run.gender ?? genderBefore(doc, cues, i) ?? appositiveGender(doc, cues, j);
      if (gender && !genderOf.has(key)) genderOf.set(key, gender);
      // A person's name: titled, led by an honorific, or two to four words led by a first name.
      // Only such a name completes shorter forms: "Sustainable China" is no one's full name.
      const person = title !== null || run.gender !== null || ledByFirstName(words);
      if (person) {
        persons.add(key);
        if (words.length > 1 && words.length <= 4) {
          for (const w of [words[0] as string, words[words.length - 1] as string]) {
            const known = fullName.get(w.toLowerCase());
            if (!known || known.split(' ').length < words.length) fullName.set(w.toLowerCase(), name);
          }
          fullName.set(key, name);
        }
      }
      if (!inQuote(run.firstToken) && doc.tokens.scored[run.firstToken])
        runs.push({ first: run.firstToken, end: run.endToken, name, person });
    }
    i = j;
  }
  // A title or gender found for a full name holds for its short forms, and the reverse.
  for (const [short, full] of fullName) {
    const fullKey = full.toLowerCase();
    persons.add(short);
    const title = titleOf.get(fullKey) ?? titleOf.get(short);
    if (title) {
      if (!titleOf.has(short)) titleOf.set(short, title);
      if (!titleOf.has(fullKey)) titleOf.set(fullKey, title);
    }
    const gender = genderOf.get(fullKey) ?? genderOf.get(short);
    if (gender) {
      if (!genderOf.has(short)) genderOf.set(short, gender);
      if (!genderOf.has(fullKey)) genderOf.set(fullKey, gender);
    }
    const words = new Set([...(titleWords.get(fullKey) ?? []), ...(titleWords.get(short) ?? [])]);
    if (words.size > 0) titleWords.set(fullKey, words);
  }
  const mentions = new Map<number, PersonMention[]>();
  for (const r of runs) {
    const name = fullName.get(r.name.toLowerCase()) ?? r.name;
    if (!r.person && !persons.has(name.toLowerCase())) continue;
    const s = t.sentence[r.first] as number;
    const list = mentions.get(s);
    let subject = true;
    for (let k = doc.sentences[s]?.firstToken ?? r.first; k < r.first && subject; k++)
      if (t.pos[k] === 'VERB' || t.pos[k] === 'AUX') subject = false;
    const m = { name, firstToken: r.first, subject };
    if (list) list.push(m);
    else mentions.set(s, [m]);
  }
  return { fullName, titleOf, subjects: new Map(), persons, genderOf, mentions, titleWords, cues };
}

/** The gender of a name: the article's evidence first, then the usual gender of its first name. */
export function genderOfName(names: NameBook, name: string): Gender | null {
  const known = names.genderOf.get(name.toLowerCase());
  if (known) return known;
  const words = name.split(' ');
  return words.length > 1 ? firstNameGender(words[0] as string) : null;
}

/**
 * A title right before a run of capitalised words, or ending inside it: "campaign aide Robert
 * Gibbs", "police chief Andy Hayman", "Secretary of State Hillary Clinton" (whose run starts at
 * "State"). Returns the title and the token where the name starts.
 */
function titleBefore(
  doc: Document,
  lexicon: SourceLexicon,
  first: number,
  end: number,
): { clue: SourceClue; text: string; nameStart: number } | null {
  const t = doc.tokens;
  let k = first;
  while (
    k > 0 &&
    first - k < 4 &&
    t.sentence[k - 1] === t.sentence[first] &&
    /^[\p{L}.]/u.test(t.value[k - 1] as string)
  )
    k--;
  if (k === first) return null;
  const base = t.start[k] as number;
  const phrase = doc.text.slice(base, t.end[end - 1] as number);
  const runStart = (t.start[first] as number) - base;
  const hit = sourceHits(lexicon, phrase).findLast(
    (h) => TITLE_CLUES.has(h.clue) && h.start < runStart && h.end >= runStart - 1,
  );
  if (!hit) return null;
  let nameStart = first;
  while (nameStart < end && (t.start[nameStart] as number) < base + hit.end) nameStart++;
  return nameStart < end ? { clue: hit.clue, text: phrase.slice(hit.start, hit.end), nameStart } : null;
}

/** An honorific right before a name: "Ms. Rice", "Sir Alex Ferguson" (when outside the run). */
function genderBefore(doc: Document, cues: PersonCues, first: number): Gender | null {
  const t = doc.tokens;
  let k = first - 1;
  if (k >= 0 && t.value[k] === '.') k--;
  return k >= 0 && t.sentence[k] === t.sentence[first] ? genderWord(cues, t.value[k] as string) : null;
}

/** A gendered role noun in an apposition right after a name: "Jo Lee, a spokeswoman for ...". */
function appositiveGender(doc: Document, cues: PersonCues, after: number): Gender | null {
  const t = doc.tokens;
  if (t.value[after] !== ',') return null;
  for (let k = after + 1; k < Math.min(t.count, after + 6); k++) {
    const v = t.value[k] as string;
    if (v === ',' || v === '.') break;
    const g = genderWord(cues, v);
    if (g && /^\p{Ll}/u.test(v)) return g;
  }
  return null;
}

/**
 * Within tokens [from, to) of capitalised words, the person name after the last title word, and
 * that title. Null when the run is a body ("Renmin University") or only titles.
 */
export function personNameIn(
  doc: Document,
  lexicon: SourceLexicon,
  from: number,
  to: number,
): {
  firstToken: number;
  endToken: number;
  title: SourceClue | null;
  titleText: string | null;
  gender: Gender | null;
} | null {
  const t = doc.tokens;
  const cues = personCues();
  const base = t.start[from] as number;
  const stretch = doc.text.slice(base, t.end[to - 1] as number);
  let title: SourceClue | null = null;
  let titleText: string | null = null;
  let nameStart = from;
  for (const hit of sourceHits(lexicon, stretch)) {
    if (OUTLET_CLUES.has(hit.clue)) return null;
    if (!TITLE_CLUES.has(hit.clue)) continue;
    title = hit.clue;
    titleText = stretch.slice(hit.start, hit.end);
    let k = from;
    while (k < to && (t.start[k] as number) < base + hit.end) k++;
    nameStart = Math.max(nameStart, k);
  }
  // A time word that opens the run is a circumstance, not part of the name: "(on) Wednesday Mr Straw".
  while (nameStart < to - 1 && isTimeWord(cues, t.value[nameStart] as string)) nameStart++;
  // Honorifics are not part of the name, but tell its bearer's gender: "Mr. Trump", "Ms Blears".
  let gender: Gender | null = null;
  while (nameStart < to - 1) {
    const g = genderWord(cues, t.value[nameStart] as string);
    const courtesy = /^(dr|prof|mx)\.?$/i.test(t.value[nameStart] as string);
    if (!g && !courtesy) break;
    gender ??= g;
    nameStart++;
    if (t.value[nameStart] === '.') nameStart++;
  }
  let end = nameStart;
  while (end < to && !NON_NAME.test(t.value[end] as string) && !BODY_WORD.test(t.value[end] as string)) end++;
  if (end < to && BODY_WORD.test(t.value[end] as string)) return null;
  if (end <= nameStart) return null;
  // A lone all-capital word is an acronym (UN, SCO), not a person.
  if (end - nameStart === 1 && /^[\p{Lu}.]+$/u.test(t.value[nameStart] as string)) return null;
  return { firstToken: nameStart, endToken: end, title, titleText, gender };
}

/**
 * The speaker a source phrase names. The head of an English noun phrase is its last noun before
 * a preposition, so the speaker is the last person named before one ("Obama campaign aide
 * Robert Gibbs"), not a possessor ("Kenteris's lawyer, Gregory Ioannidis" names Ioannidis in
 * apposition) or the body after "for"/"at" ("a spokesman for Delta": Delta, when no person is
 * named). Failing a person: an outlet or platform named in the phrase, else the first body.
 * Time words ("Friday", "this week") are never a speaker unless the article writes them as part of
 * a person's name ("Mike Friday"). Null for a phrase without names ("analysts").
 */
export function speakerIn(
  doc: Document,
  lexicon: SourceLexicon,
  from: number,
  to: number,
  names: NameBook,
): NamedSpeaker | null {
  const t = doc.tokens;
  const base = t.start[from] as number;
  const phrase = doc.text.slice(base, t.end[to - 1] as number);
  let outlet: NamedSpeaker | null = null;
  for (const hit of sourceHits(lexicon, phrase)) {
    if (!OUTLET_CLUES.has(hit.clue) || /^\p{Ll}/u.test(phrase.slice(hit.start))) continue;
    let a = from;
    while (a < to && (t.end[a] as number) <= base + hit.start) a++;
    let b = a;
    while (b < to && (t.start[b] as number) < base + hit.end) b++;
    outlet = { name: phrase.slice(hit.start, hit.end), kind: 'body', firstToken: a, endToken: b };
    break;
  }
  // A body the lexicon names in full ("the Centers for Disease Control and Prevention", "the
  // White House"): capitalised, several words or an acronym.
  let namedBody: NamedSpeaker | null = null;
  for (const hit of sourceHits(lexicon, phrase)) {
    const written = phrase.slice(hit.start, hit.end);
    if (!TITLE_CLUES.has(hit.clue) || !BODY_ENTRY.test(hit.entryId) || !/^\p{Lu}/u.test(written)) continue;
    if (!/\s/.test(written) && !/^(?:\p{Lu}\.?){2,}$/u.test(written)) continue;
    if (namedBody && namedBody.name.length >= written.length) continue;
    let a = from;
    while (a < to && (t.end[a] as number) <= base + hit.start) a++;
    let b = a;
    while (b < to && (t.start[b] as number) < base + hit.end) b++;
    namedBody = { name: written.replace(/\s+/g, ' '), kind: 'body', firstToken: a, endToken: b };
  }
  let person: NamedSpeaker | null = null;
  let possessor: NamedSpeaker | null = null;
  let body: NamedSpeaker | null = null;
  let complementBody: NamedSpeaker | null = null;
  // Where the phrase is: 0 in the head part, 1 after a preposition ("for Delta").
  let afterPreposition = false;
  let personSegmentDone = false;
  let i = from;
  while (i < to) {
    const v = t.value[i] as string;
    if (v === ',') {
      // A comma closes the head noun phrase: a person named in it is the speaker.
      if (person) personSegmentDone = true;
      afterPreposition = false;
      i++;
      continue;
    }
    if (/^(of|for|at|from|with|in|on|by)$/i.test(v) && t.pos[i] === 'ADP') afterPreposition = true;
    if (!isProper(doc, i) || NON_NAME.test(v)) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && isProper(doc, j)) j++;
    let named = nameOfRun(doc, lexicon, names, i, j);
    // A body's name goes on over "of" and the name after it: "the Bank of Japan", "the University
    // of Oxford" (BBC: "Bank" was the speaker of "the Bank of Mexico"). A person's does not
    // ("Smith of Reuters").
    if (named?.kind === 'body' && t.value[j] === 'of' && j + 1 < to && isProper(doc, j + 1)) {
      let k = j + 1;
      while (k < to && isProper(doc, k)) k++;
      named = { name: wordsOf(doc, i, k).join(' '), kind: 'body', firstToken: i, endToken: k };
      j = k;
    }
    const possessive = /^['’]s?$/.test(t.value[j] ?? '') || /['’]s$/.test(t.value[j - 1] as string);
    if (possessive && named) named = { ...named, name: named.name.replace(/['’]s?$/, '') };
    i = j;
    if (named && possessive) possessor ??= named;
    if (!named || possessive || personSegmentDone) continue;
    if (named.kind === 'person') {
      if (!afterPreposition) person = named;
      continue;
    }
    // A name that modifies the noun after it is not the head: "A U.S. intelligence official".
    if (t.pos[j] === 'NOUN' && /^\p{Ll}/u.test(t.value[j] ?? '')) continue;
    if (afterPreposition) complementBody ??= named;
    else body ??= named;
  }
  // A document is the head ("Oxfam's Paying the Price report"): its possessor speaks, or no one named.
  const head = to - 1;
  if (
    !person &&
    /^\p{Ll}/u.test(t.value[head] as string) &&
    sourceHits(lexicon, t.value[head] as string).some((h) => h.clue === 'document')
  )
    return possessor;
  return person ?? outlet ?? namedBody ?? body ?? complementBody;
}

/** What a run of capitalised words [from, to) names: a person, a body, or nothing (titles, time words). */
function nameOfRun(
  doc: Document,
  lexicon: SourceLexicon,
  names: NameBook,
  from: number,
  to: number,
): NamedSpeaker | null {
  const t = doc.tokens;
  const person = personNameIn(doc, lexicon, from, to);
  if (person) {
    let first = person.firstToken;
    let written = wordsOf(doc, first, person.endToken).join(' ');
    // A known surname at the end of a run that is not that person's full name ("Thailand Hingis").
    while (!names.fullName.has(written.toLowerCase()) && person.endToken - first > 1) {
      const rest = wordsOf(doc, first + 1, person.endToken).join(' ');
      if (!names.fullName.has(rest.toLowerCase())) break;
      first++;
      written = rest;
    }
    const name = names.fullName.get(written.toLowerCase()) ?? written;
    if (isTimeName(names, name)) return null;
    const isPerson = person.title !== null || person.gender !== null || isPersonName(name, names);
    if (isPerson || !allTitles(doc, lexicon, from, to))
      return { name, kind: isPerson ? 'person' : 'body', firstToken: first, endToken: person.endToken };
  }
  if (allTitles(doc, lexicon, from, to)) {
    // A body the lexicon names ("the White House", "the C.D.C.", "Oxfam") is a speaker; a
    // capitalised common noun at a sentence start ("Officials", "Analysts") is not.
    const sentenceStart = (doc.sentences[t.sentence[from] as number]?.firstToken ?? -1) === from;
    const acronym = /^(?:\p{Lu}\.?){2,}$/u.test(t.value[from] as string);
    const bodyName = sourceHits(lexicon, wordsOf(doc, from, to).join(' ')).some((h) =>
      BODY_ENTRY.test(h.entryId),
    );
    if (to - from > 1 || acronym || !sentenceStart || bodyName)
      return { name: wordsOf(doc, from, to).join(' '), kind: 'body', firstToken: from, endToken: to };
    return null;
  }
  const name = wordsOf(doc, from, to).join(' ');
  return isTimeName(names, name) ? null : { name, kind: 'body', firstToken: from, endToken: to };
}

/** A run made only of time words ("Friday", "Tuesday Night") that the article never gives a person. */
function isTimeName(names: NameBook, name: string): boolean {
  if (names.persons.has(name.toLowerCase())) return false;
  return name.split(/\s+/).every((w) => isTimeWord(names.cues, w));
}

function allTitles(doc: Document, lexicon: SourceLexicon, from: number, to: number): boolean {
  const t = doc.tokens;
  const phrase = doc.text.slice(t.start[from] as number, t.end[to - 1] as number);
  const covered = sourceHits(lexicon, phrase).reduce((n, h) => n + (h.end - h.start), 0);
  return covered >= phrase.replace(/\s/g, '').length * 0.6;
}

/** A single word is a person's name when the article writes it as part of a person's longer name or after a title. */
function isPersonName(name: string, names: NameBook): boolean {
  const key = name.toLowerCase();
  if (names.titleOf.has(key) || names.persons.has(key)) return true;
  // Several words are a person's name when a first name leads them ("Tama Umaga"), not
  // "International Tennis Writers" or "Real Madrid".
  return ledByFirstName(name.split(' '));
}

/** Two to four words led by a common first name, none of them a place's or a body's word. */
function ledByFirstName(words: readonly string[]): boolean {
  return (
    words.length > 1 &&
    words.length <= 4 &&
    firstNameGender(words[0] as string) !== null &&
    !words.some((w) => PLACE_OR_BODY_WORD.test(w))
  );
}

/**
 * The title in an apposition right after a name, up to the next comma: "Wang Yiwei, a professor
 * at ...", "Ian Fogg, broadband analyst at Jupiter Research", "Anne Borthwick, of Campaign for
 * Borders Rail". The last title there is the one nearest what the person is.
 */
function appositiveTitle(
  doc: Document,
  lexicon: SourceLexicon,
  after: number,
  depth = 0,
): { clue: SourceClue; text: string } | null {
  const t = doc.tokens;
  if (t.value[after] !== ',') return null;
  // "Experts, such as Wang Yiwei from Renmin University": a list of examples, not an apposition.
  if (
    /^(such|including|like|especially|notably|who|which|where|whose|when|and|or|but)$/i.test(
      t.value[after + 1] ?? '',
    )
  )
    return null;
  let last = after + 1;
  while (
    last < t.count &&
    last - after <= 16 &&
    t.sentence[last] === t.sentence[after] &&
    // A quotation mark ends it too: in '... and March," the company added' the words after the
    // closing mark are the quotation's speaker, not a title of "March" (BBC: 34 of 17,434
    // speakers were months or weekdays so).
    !/^[,;.:("“”]$/.test(t.value[last] as string)
  )
    last++;
  if (last <= after + 1) return null;
  const phrase = doc.text.slice(t.start[after + 1] as number, t.end[last - 1] as number);
  const hit = sourceHits(lexicon, phrase).findLast((h) => TITLE_CLUES.has(h.clue));
  const found = hit ? { clue: hit.clue, text: phrase.slice(hit.start, hit.end) } : null;
  if (depth >= MAX_STACKED_APPOSITIONS || (found && !yieldsToNextApposition(found))) return found;
  // Stacked appositions: a role outranks a private description ("Raul Labrador, a Mormon father
  // of five, tea party congressman"), and the kind of body outranks an officer's title, which any
  // body has ("Max Richtman, executive vice president of the National Committee ..., an advocacy
  // group").
  const next = t.value[last] === ',' ? appositiveTitle(doc, lexicon, last, depth + 1) : null;
  if (!found) return next;
  if (!next || next.clue === 'citizen') return found;
  if (found.clue === 'citizen' || next.clue !== 'official-title') return next;
  return found;
}

const MAX_STACKED_APPOSITIONS = 2;
/** Officer titles that every kind of body has: the body they serve tells the type. */
const OFFICER_TITLE =
  /^(?:(?:executive |senior )?vice president|president|chairman|chairwoman|director|executive director|spokes(?:man|woman|person)|leader|head)$/i;

function yieldsToNextApposition(found: { clue: SourceClue; text: string }): boolean {
  return found.clue === 'citizen' || (found.clue === 'official-title' && OFFICER_TITLE.test(found.text));
}

/**
 * The person a sentence opens with ("Clinton criticized ...", "But Rep. Dana Rohrabacher said"):
 * the name a following "she said" most likely points back to when no speaker is nearer.
 */
export function sentenceSubject(
  doc: Document,
  lexicon: SourceLexicon,
  names: NameBook,
  sentence: number,
): NamedSpeaker | null {
  const memo = names.subjects.get(sentence);
  if (memo !== undefined) return memo;
  const s = doc.sentences[sentence];
  let found: NamedSpeaker | null = null;
  if (s) {
    const t = doc.tokens;
    let i = s.firstToken;
    while (i < s.endToken && (t.pos[i] === 'CCONJ' || t.pos[i] === 'PUNCT')) i++;
    let j = i;
    while (j < s.endToken && j - i < 8 && (isProper(doc, j) || t.value[j] === '.')) j++;
    if (j > i && t.pos[j] !== 'PUNCT') {
      const named = speakerIn(doc, lexicon, i, j, names);
      if (named && named.kind === 'person') found = named;
    }
  }
  names.subjects.set(sentence, found);
  return found;
}
