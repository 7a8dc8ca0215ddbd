import type { Document } from '../types.ts';
import { type SourceClue, type SourceLexicon, sourceHits } from './sourceLexicon.ts';

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

const TITLE_CLUES = new Set<SourceClue>(['official-title', 'expert-title']);
const OUTLET_CLUES = new Set<SourceClue>(['state-media', 'wire', 'news-outlet', 'social-media']);
/** Words that make a run of capitalised words the name of a body, not a person. */
const BODY_WORD =
  /^(university|institute|academy|ministry|department|office|council|committee|party|government|administration|agency|bank|fund|organi[sz]ation|association|union|court|congress|parliament|senate|house|center|centre|foundation|group|company|corporation|inc|ltd|news|times|daily|post|journal|review|press|tv|radio|network|school|college|kremlin|pentagon|commission|bureau|service|forces?|army|navy|police|campaign|committee|summit|treaty|plan|organization|nations|states|republic|federation|union|social|media)$/i;
const NON_NAME = /^(the|a|an|of|and|from|at|in|for|on|to|'s|’s|s)$/i;

export interface NameBook {
  /** Full name for a shorter form, by lower-cased short form ("xi" -> "Xi Jinping"). */
  readonly fullName: ReadonlyMap<string, string>;
  /** Names that occur after a title somewhere in the article, with the clue of that title. */
  readonly titleOf: ReadonlyMap<string, SourceClue>;
  /** Memo of `sentenceSubject`, by sentence index. */
  readonly subjects: Map<number, NamedSpeaker | null>;
}

const UPPER_START = /^\p{Lu}/u;
const NAME_START = /^\p{Lu}\p{Ll}/u;
const isProper = (doc: Document, t: number) => {
  const pos = doc.tokens.pos[t];
  if (pos === 'PROPN') return true;
  if (pos !== 'NOUN' && !(t > 0 && doc.tokens.pos[t - 1] === 'PROPN')) return false;
  const v = doc.tokens.value[t] as string;
  // wink tags some surnames as verbs ("Paul Grant"): a capitalised word after a proper noun counts.
  return pos === 'NOUN' ? UPPER_START.test(v) : NAME_START.test(v);
};

/**
 * Scans the article once for runs of capitalised words: a title in front types the name, and a
 * multi-word run completes its single-word forms. A single word that never occurs inside a longer
 * run ("Beijing") stays as written.
 */
export function nameBookOf(doc: Document, lexicon: SourceLexicon): NameBook {
  const fullName = new Map<string, string>();
  const titleOf = new Map<string, SourceClue>();
  const t = doc.tokens;
  let i = 0;
  while (i < t.count) {
    if (!isProper(doc, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < t.count && isProper(doc, j) && t.sentence[j] === t.sentence[i]) j++;
    const run = personNameIn(doc, lexicon, i, j);
    if (run) {
      const words = t.value.slice(run.firstToken, run.endToken);
      const name = words.join(' ');
      const title = run.title ?? appositiveTitle(doc, lexicon, j);
      if (title && !titleOf.has(name.toLowerCase())) titleOf.set(name.toLowerCase(), title);
      // Only a titled name completes shorter forms: "Sustainable China" is no one's full name.
      if (title && words.length > 1 && words.length <= 4) {
        for (const w of [words[0] as string, words[words.length - 1] as string]) {
          const known = fullName.get(w.toLowerCase());
          if (!known || known.split(' ').length < words.length) fullName.set(w.toLowerCase(), name);
        }
        fullName.set(name.toLowerCase(), name);
      }
    }
    i = j;
  }
  // A title typed a full name: its short forms bear the same title.
  for (const [short, full] of fullName) {
    const title = titleOf.get(full.toLowerCase());
    if (title && !titleOf.has(short)) titleOf.set(short, title);
  }
  return { fullName, titleOf, subjects: new Map() };
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
): { firstToken: number; endToken: number; title: SourceClue | null } | null {
  const t = doc.tokens;
  const base = t.start[from] as number;
  const stretch = doc.text.slice(base, t.end[to - 1] as number);
  let title: SourceClue | null = null;
  let nameStart = from;
  for (const hit of sourceHits(lexicon, stretch)) {
    if (OUTLET_CLUES.has(hit.clue)) return null;
    if (!TITLE_CLUES.has(hit.clue)) continue;
    title = hit.clue;
    let k = from;
    while (k < to && (t.start[k] as number) < base + hit.end) k++;
    nameStart = Math.max(nameStart, k);
  }
  let end = nameStart;
  while (end < to && !NON_NAME.test(t.value[end] as string) && !BODY_WORD.test(t.value[end] as string)) end++;
  if (end < to && BODY_WORD.test(t.value[end] as string)) return null;
  if (end <= nameStart) return null;
  // A lone all-capital word is an acronym (UN, SCO), not a person.
  if (end - nameStart === 1 && /^[\p{Lu}.]+$/u.test(t.value[nameStart] as string)) return null;
  return { firstToken: nameStart, endToken: end, title };
}

/**
 * The speaker a source phrase names: an outlet or platform it mentions, else the first person
 * name, else the first run of capitalised words (a body). Null for a phrase without names
 * ("analysts", "official figures").
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
  for (const hit of sourceHits(lexicon, phrase)) {
    if (!OUTLET_CLUES.has(hit.clue) || /^\p{Ll}/u.test(phrase.slice(hit.start))) continue;
    let a = from;
    while (a < to && (t.end[a] as number) <= base + hit.start) a++;
    let b = a;
    while (b < to && (t.start[b] as number) < base + hit.end) b++;
    return { name: phrase.slice(hit.start, hit.end), kind: 'body', firstToken: a, endToken: b };
  }
  let body: NamedSpeaker | null = null;
  let i = from;
  while (i < to) {
    if (!isProper(doc, i) || NON_NAME.test(t.value[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j < to && isProper(doc, j)) j++;
    // "Analysts", "Officials" at a sentence start are capitalised, not names.
    if (
      allTitles(doc, lexicon, i, j) &&
      !sourceHits(lexicon, doc.text.slice(t.start[i] as number, t.end[j - 1] as number)).some(
        (h) => h.clue === 'official-title' || h.clue === 'expert-title',
      )
    ) {
      i = j;
      continue;
    }
    const person = personNameIn(doc, lexicon, i, j);
    if (person) {
      const written = t.value.slice(person.firstToken, person.endToken).join(' ');
      const name = names.fullName.get(written.toLowerCase()) ?? written;
      const kind: SpeakerKind =
        person.endToken - person.firstToken > 1 || isPersonName(name, names) ? 'person' : 'body';
      if (kind === 'person') return { name, kind, firstToken: person.firstToken, endToken: person.endToken };
      body ??= { name, kind, firstToken: person.firstToken, endToken: person.endToken };
    } else if (!body && !allTitles(doc, lexicon, i, j)) {
      body = { name: t.value.slice(i, j).join(' '), kind: 'body', firstToken: i, endToken: j };
    }
    i = j;
  }
  return body;
}

function allTitles(doc: Document, lexicon: SourceLexicon, from: number, to: number): boolean {
  const t = doc.tokens;
  const phrase = doc.text.slice(t.start[from] as number, t.end[to - 1] as number);
  const covered = sourceHits(lexicon, phrase).reduce((n, h) => n + (h.end - h.start), 0);
  return covered >= phrase.replace(/\s/g, '').length * 0.6;
}

/** A single word is a person's name when the article writes it as part of a longer name or after a title. */
function isPersonName(name: string, names: NameBook): boolean {
  return name.includes(' ') || names.titleOf.has(name.toLowerCase());
}

/** The title in an apposition right after a name: "Wang Yiwei, a professor at ...". */
function appositiveTitle(doc: Document, lexicon: SourceLexicon, after: number): SourceClue | null {
  const t = doc.tokens;
  if (t.value[after] !== ',' || !/^(a|an|the)$/i.test(t.value[after + 1] ?? '')) return null;
  const last = Math.min(t.count, after + 8);
  if (last <= after + 2) return null;
  const phrase = doc.text.slice(t.start[after + 2] as number, t.end[last - 1] as number);
  const hit = sourceHits(lexicon, phrase).find((h) => TITLE_CLUES.has(h.clue));
  return hit ? hit.clue : null;
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
