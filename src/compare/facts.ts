import { lineColumnOf } from '../text/positions.ts';
import { isModelWord } from '../text/winkModel.ts';
import type { Document, Span, TextSpan } from '../types.ts';
import type { EventKindLexicon } from './eventKinds.ts';
import { builtinFactWords, unitAlternatives } from './factWords.ts';
import { isStopWord } from './stopwords.ts';

/**
 * Facts an article states that other articles about the same event may state differently: the
 * date of the event, amounts with units, the names of people, and the kind of event. Each fact
 * keeps the text as written, its span and the sentence it came from. Only scored text is read,
 * so a site's date line or a reference list never passes for the article's own statement.
 */

interface FactBase {
  readonly text: string;
  readonly span: Span;
  readonly sentence: TextSpan;
  readonly sentenceIndex: number;
}

export interface DateFact extends FactBase {
  readonly kind: 'date';
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
  /** `event`: the article's date of the main event (one per article at most). */
  readonly role: 'event' | 'other';
}

export interface AmountFact extends FactBase {
  readonly kind: 'amount';
  /** `USD`, `EUR`, `GBP`, `CNY`, `JPY`, `percent`, `minute`, ... */
  readonly unit: string;
  /** The value in base units (dollars, minutes, percent points). */
  readonly value: number;
  /** The written number before its scale word: 228.105 in "$228.105 billion". */
  readonly mantissa: number;
  readonly decimals: number;
  readonly scale: number;
  /** "about", "nearly", "more than": the writer did not claim the exact value. */
  readonly approximate: boolean;
  /** Content lemmas around the amount in its sentence: what it quantifies. Sorted, unique. */
  readonly context: readonly string[];
  /** A year that qualifies the amount ("in 2025"), else null. */
  readonly year: number | null;
  /**
   * What the amount measures: lemmas of the nouns and names right around it ("taxes" in "$43
   * million in federal taxes", "Medicare" in "$716 billion from Medicare"). Sorted, unique.
   */
  readonly heads: readonly string[];
  /** Lower-cased proper nouns of its sentence: whose amount it is ("Yukos", "Halifax"). Sorted, unique. */
  readonly entities: readonly string[];
  /**
   * When its sentence names no one ("Bilateral trade reached $39.9 billion"): the lower-cased
   * proper nouns of the article's lead, whom the article is about. Sorted, unique.
   */
  readonly leadEntities?: readonly string[];
  /** Time words of its sentence that bound what it counts ("december", "weekend", "2014"). Sorted, unique. */
  readonly scope: readonly string[];
  /** One end of a range ("3% to 3.5%", "between $2bn and $3bn"): never a value of its own. */
  readonly inRange?: boolean;
  /**
   * A value that moves from day to day or is part of a compound measure: a market quote ("$1.3652
   * against the euro", "$51.39 a barrel", "104.16 yen") or the seconds and minutes of a time
   * ("one minute, 46.68 seconds", "four hours and 21 minutes"). Two articles giving different
   * such values most often speak of different moments, not of one fact.
   */
  readonly volatile?: boolean;
}

export interface NameFact extends FactBase {
  readonly kind: 'name';
  /** The name as written ("Vladimir Poutine"). */
  readonly name: string;
  /** Lower-case tokens of the name. */
  readonly parts: readonly string[];
  /** The title the name follows ("president"), else null. */
  readonly title?: string | null;
  /** For each part, whether it is a word of the language model's lexicon ("april", "county"): a common word. */
  readonly common?: readonly boolean[];
}

export interface EventKindFact extends FactBase {
  readonly kind: 'event-kind';
  readonly entryId: string;
  readonly category: string;
  readonly generic: boolean;
  /** Lower-case name tokens of the people the exchange was with, as written. */
  readonly counterparts: readonly string[];
}

export type Fact = DateFact | AmountFact | NameFact | EventKindFact;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_RE =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** "Feb. 4", "February 4, 2026", "Feb 6th", "4 February 2026", "2026-02-04". Compiled once. */
const DATE_RE = new RegExp(
  `\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE}(?:,?\\s+(\\d{4}))?\\b|\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`,
  'g',
);

const CURRENCY: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY' };
const SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
};
/**
 * Titles, event verbs, units and the nouns that say nothing about what an amount counts: the
 * built-in fact-words pack (lexicons/fact-words.yaml).
 */
const {
  titles: TITLES,
  eventVerbs: EVENT_VERBS,
  units: UNIT_WORDS,
  unitKinds: UNIT_KINDS,
  notHeads: NOT_HEADS,
} = builtinFactWords();
/** A money amount, or a number followed by a unit word: "$228.1 billion", "about 90 minutes", "43%". */
const AMOUNT_RE = new RegExp(
  '(?:\\b(about|around|approximately|nearly|almost|roughly|some|over|more than|less than|at least|up to)\\s+)?' +
    '(?:(US\\$|\\$|€|£|¥)\\s?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|m|b)\\b)?' +
    `|\\b(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s?(thousand|million|billion|trillion)\\b)?\\s?(${unitAlternatives(UNIT_WORDS)}))`,
  'gi',
);

/**
 * A date in a sentence about a deadline, or about what will happen ("Italy will visit on 17
 * August"), is not the date of the event the article reports.
 */
const DEADLINE_WORDS = new Set([
  'expire',
  'expiration',
  'expiry',
  'lapse',
  'deadline',
  'due',
  'until',
  'will',
]);
const ANAPHORIC = new Set(['the', 'this', 'that', 'their', 'his', 'her', 'its', 'these', 'those']);
const COUNTERPART_LEADS = new Set(['with', 'between', 'to']);
const COUNTERPART_WINDOW = 14;
const AMOUNT_CONTEXT_BEFORE = 8;
const AMOUNT_CONTEXT_AFTER = 4;
/** Tokens before and after an amount searched for the nouns it measures. */
const HEAD_BEFORE = 5;
const HEAD_AFTER = 5;
/** Words of a sentence that bound the time an amount belongs to. */
const SCOPE_WORD =
  /^(january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|quarter|christmas|(19|20)\d\d)$/;
/** Only the first sentences of the body are searched for the date of the main event. */
const EVENT_DATE_SENTENCES = 6;

function tokenAt(doc: Document, offset: number): number {
  const starts = doc.tokens.start;
  let lo = 0;
  let hi = doc.tokens.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function sentenceText(doc: Document, s: number): TextSpan {
  const sentence = doc.sentences[s];
  if (!sentence) throw new Error(`sentence ${s} does not exist (document has ${doc.sentences.length})`);
  return { ...sentence.span, text: doc.text.slice(sentence.span.start, sentence.span.end) };
}

function base(doc: Document, start: number, end: number, firstToken: number): FactBase {
  const sentenceIndex = doc.tokens.sentence[firstToken] as number;
  const { line, column } = lineColumnOf(doc.lineStarts, start);
  return {
    text: doc.text.slice(start, end),
    span: { start, end, line, column },
    sentence: sentenceText(doc, sentenceIndex),
    sentenceIndex,
  };
}

function monthOf(word: string): number {
  return (
    MONTHS[
      word
        .toLowerCase()
        .replace(/\.$/, '')
        .slice(0, word.toLowerCase().startsWith('sept') ? 4 : 3)
    ] ?? 0
  );
}

export function findDates(doc: Document): DateFact[] {
  const out: Omit<DateFact, 'role'>[] = [];
  const text = doc.text;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(text); m; m = DATE_RE.exec(text)) {
    const t = tokenAt(doc, m.index);
    if (!doc.tokens.scored[t]) continue;
    let month: number;
    let day: number;
    let year: number | null;
    if (m[1]) {
      month = monthOf(m[1]);
      day = Number(m[2]);
      year = m[3] ? Number(m[3]) : null;
    } else if (m[5]) {
      month = monthOf(m[5]);
      day = Number(m[4]);
      year = m[6] ? Number(m[6]) : null;
    } else {
      year = Number(m[7]);
      month = Number(m[8]);
      day = Number(m[9]);
    }
    // "May 2" is a date; "may 2" is a modal verb before a number.
    if (m[1] === 'May' && !/^\d/.test(m[2] ?? '')) continue;
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    out.push({ kind: 'date', ...base(doc, m.index, m.index + m[0].length, t), year, month, day });
  }
  const eventIndex = eventDateIndex(doc, out);
  return out.map((d, i) => ({ ...d, role: i === eventIndex ? 'event' : 'other' }));
}

/**
 * The date of the main event: the first date, among the first scored sentences, whose sentence
 * has an event verb or an event noun (held, met, call) and no deadline word (expire, due).
 * News leads state when the event happened in their first sentences; later dates are background.
 */
function eventDateIndex(doc: Document, dates: readonly Omit<DateFact, 'role'>[]): number {
  const scoredSentences = doc.sentences.filter((s) => s.scored).map((s) => s.index);
  const early = new Set(scoredSentences.slice(0, EVENT_DATE_SENTENCES));
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i] as Omit<DateFact, 'role'>;
    if (!early.has(d.sentenceIndex)) continue;
    const s = doc.sentences[d.sentenceIndex];
    if (!s) continue;
    let event = false;
    let deadline = false;
    for (let t = s.firstToken; t < s.endToken; t++) {
      const lemma = (doc.tokens.lemma[t] as string).toLowerCase();
      if (EVENT_VERBS.has(lemma)) event = true;
      if (DEADLINE_WORDS.has(lemma)) deadline = true;
    }
    if (event && !deadline) return i;
  }
  return -1;
}

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

export function findAmounts(doc: Document): AmountFact[] {
  const out: AmountFact[] = [];
  const text = doc.text;
  const tokens = doc.tokens;
  let lead: string[] | undefined;
  AMOUNT_RE.lastIndex = 0;
  for (let m = AMOUNT_RE.exec(text); m; m = AMOUNT_RE.exec(text)) {
    const t = tokenAt(doc, m.index);
    if (!tokens.scored[t]) continue;
    const approximate = Boolean(m[1]);
    let unit: string;
    let numberText: string;
    let scaleWord: string | undefined;
    if (m[2]) {
      unit = CURRENCY[m[2]] ?? m[2];
      numberText = m[3] as string;
      scaleWord = m[4];
    } else {
      numberText = m[5] as string;
      scaleWord = m[6];
      const unitWord = (m[7] as string).toLowerCase();
      unit = UNIT_WORDS[unitWord] ?? unitWord;
    }
    // A bare four-digit year followed by a unit word ("2026 years") is rare; a year alone never matches.
    const mantissa = parseNumber(numberText);
    if (!Number.isFinite(mantissa)) continue;
    const decimals = numberText.includes('.') ? (numberText.split('.')[1] as string).length : 0;
    const scale = scaleWord ? (SCALE[scaleWord.toLowerCase()] ?? 1) : 1;
    const end = m.index + m[0].length;
    const first = tokenAt(doc, m.index);
    const last = tokenAt(doc, end - 1);
    const sentence = tokens.sentence[first] as number;
    const s = doc.sentences[sentence];
    const context = new Set<string>();
    const heads = new Set<string>();
    const entities = new Set<string>();
    const scope = new Set<string>();
    let year: number | null = null;
    if (s) {
      for (let i = Math.max(s.firstToken, first - AMOUNT_CONTEXT_BEFORE); i < first; i++)
        addContext(doc, i, context);
      for (let i = last + 1; i < Math.min(s.endToken, last + 1 + AMOUNT_CONTEXT_AFTER); i++) {
        const v = tokens.value[i] as string;
        if (year === null && /^(19|20)\d\d$/.test(v) && i <= last + 3) year = Number(v);
        else addContext(doc, i, context);
      }
      for (let i = Math.max(s.firstToken, first - HEAD_BEFORE); i < first; i++) addHead(doc, i, heads);
      for (let i = last + 1; i < Math.min(s.endToken, last + 1 + HEAD_AFTER); i++) {
        // Another amount in the window measures something else ("$1.13bn (£600m)" aside).
        if (/^[$€£¥\d]/.test(tokens.value[i] as string) && !/^\($/.test(tokens.value[i - 1] as string)) break;
        addHead(doc, i, heads);
      }
      for (let i = s.firstToken; i < s.endToken; i++) {
        if (i >= first && i <= last) continue;
        const lower = (tokens.value[i] as string).toLowerCase();
        // A year in a citation ("(Northwire, 2031)") dates the source, not the amount.
        if (/^\d/.test(lower) && tokens.value[i - 1] === ',' && tokens.value[i + 1] === ')') continue;
        if (SCOPE_WORD.test(lower))
          scope.add(!/^\d/.test(lower) && MONTHS[lower.slice(0, 3)] ? lower.slice(0, 3) : lower);
        else if (isName(doc, i, s.firstToken)) entities.add(lower);
      }
      // A sentence that names no one ("Bilateral trade reached $39.9 billion") speaks of the
      // article's subject: the names of its lead.
      if (entities.size === 0) lead ??= [...leadNames(doc)].sort();
    }
    out.push({
      kind: 'amount',
      ...base(doc, m.index, end, first),
      unit,
      value: mantissa * scale,
      mantissa,
      decimals,
      scale,
      approximate,
      context: [...context].sort(),
      year,
      heads: [...heads].sort(),
      entities: [...entities].sort(),
      ...(entities.size === 0 && lead && lead.length > 0 ? { leadEntities: lead } : {}),
      scope: [...scope].sort(),
      volatile:
        (UNIT_KINDS[unit] === 'currency' && scale === 1 && decimals >= 2 && mantissa < 1000) ||
        unit === 'second' ||
        (unit === 'minute' &&
          /(?:hours?|minutes?)[\s,]*(?:and\s*)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index))),
      inRange:
        /^\s*(?:to|and|-|–|—)\s*(?:US\$|[$€£¥])?\d/i.test(text.slice(end, end + 12)) ||
        /\d(?:\.\d+)?\s*(?:%|percent|per cent|[a-z]+)?\s*(?:to|and|-|–|—)\s*$/i.test(
          text.slice(Math.max(0, m.index - 20), m.index),
        ),
    });
  }
  return out;
}

/** Whether token i is a proper noun; a sentence's first word is capitalised anyway, so a name there only if it is no common word. */
function isName(doc: Document, i: number, sentenceStart: number): boolean {
  const v = doc.tokens.value[i] as string;
  return (
    doc.tokens.pos[i] === 'PROPN' &&
    /^\p{Lu}/u.test(v) &&
    v.length > 1 &&
    !SCOPE_WORD.test(v.toLowerCase()) &&
    !(i === sentenceStart && isModelWord(v.toLowerCase()))
  );
}

/** Sentences read as the article's lead: the headline or first sentence, and the one after it. */
const LEAD_SENTENCES = 2;

/** Lower-cased names of the article's lead: whom the article is about. */
function leadNames(doc: Document): Set<string> {
  const names = new Set<string>();
  for (const s of doc.sentences.slice(0, LEAD_SENTENCES))
    for (let i = s.firstToken; i < s.endToken; i++)
      if (isName(doc, i, s.firstToken)) names.add((doc.tokens.value[i] as string).toLowerCase());
  return names;
}

function addContext(doc: Document, i: number, into: Set<string>): void {
  const pos = doc.tokens.pos[i];
  if (pos !== 'NOUN' && pos !== 'PROPN' && pos !== 'VERB' && pos !== 'ADJ') return;
  const normal = doc.tokens.normal[i] as string;
  if (isStopWord(normal) || !/[a-z]/.test(normal)) return;
  into.add((doc.tokens.lemma[i] as string).toLowerCase());
}

/** A noun or name near an amount, as a lemma: a candidate for what the amount measures. */
function addHead(doc: Document, i: number, into: Set<string>): void {
  const pos = doc.tokens.pos[i];
  if (pos !== 'NOUN' && pos !== 'PROPN') return;
  const lemma = (doc.tokens.lemma[i] as string).toLowerCase();
  if (isStopWord(lemma) || !/^\p{L}[\p{L}'-]+$/u.test(lemma) || NOT_HEADS.has(lemma)) return;
  into.add(lemma);
}

/** Both tokens in one sentence with no line break between them: a name never spans a heading and a paragraph. */
function sameLine(doc: Document, a: number, b: number): boolean {
  if (doc.tokens.sentence[a] !== doc.tokens.sentence[b]) return false;
  const between = doc.text.slice(doc.tokens.end[a] as number, doc.tokens.start[b] as number);
  return !between.includes('\n') && !between.includes('\r');
}

function isNameToken(doc: Document, i: number): boolean {
  const v = doc.tokens.value[i] as string;
  return doc.tokens.pos[i] === 'PROPN' && /^\p{Lu}[\p{L}'’-]*$/u.test(v) && !/[’']s$/.test(v);
}

/**
 * People's names: runs of capitalised proper nouns after a title ("President Vladimir Putin",
 * "Prime Minister Mark Carney"), then every later mention of a known name part ("Putin's").
 * wink's light model has no person tagger, so the title is the evidence that a run names a person.
 */
export function findNames(doc: Document): NameFact[] {
  const tokens = doc.tokens;
  const runs: { first: number; end: number; title: string | null }[] = [];
  const known = new Set<string>();
  for (let i = 0; i < tokens.count; i++) {
    if (!tokens.scored[i]) continue;
    const raw = tokens.normal[i] as string;
    const normal = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    if (!TITLES.has(normal)) continue;
    let j = i + 1;
    if (tokens.value[j] === '.') j++;
    // Titles in a row ("Supreme Leader Ayatollah Ali Khamenei"): the last is the title, the name follows it.
    let title = normal;
    for (
      let next = (tokens.normal[j] ?? '').replace(/\.$/, '');
      TITLES.has(next);
      next = (tokens.normal[j] ?? '').replace(/\.$/, '')
    ) {
      title = next;
      j++;
      if (tokens.value[j] === '.') j++;
    }
    let end = j;
    while (end < tokens.count && end - j < 4 && isNameToken(doc, end) && sameLine(doc, i, end)) end++;
    if (end > j) {
      runs.push({ first: j, end, title });
      for (let k = j; k < end; k++) known.add((tokens.normal[k] as string).toLowerCase());
      i = end - 1;
    }
  }
  // Later mentions: a run of name tokens that contains a known part.
  const covered = new Uint8Array(tokens.count);
  for (const r of runs) for (let k = r.first; k < r.end; k++) covered[k] = 1;
  for (let i = 0; i < tokens.count; i++) {
    if (covered[i] || !tokens.scored[i] || !isNameToken(doc, i)) continue;
    let end = i;
    while (
      end < tokens.count &&
      end - i < 4 &&
      isNameToken(doc, end) &&
      !covered[end] &&
      sameLine(doc, i, end)
    )
      end++;
    let hit = false;
    for (let k = i; k < end; k++) if (known.has((tokens.normal[k] as string).toLowerCase())) hit = true;
    if (hit) {
      runs.push({ first: i, end, title: null });
      for (let k = i; k < end; k++) covered[k] = 1;
    }
    i = Math.max(i, end - 1);
  }
  runs.sort((a, b) => a.first - b.first);
  return runs.map(({ first, end, title }) => {
    const start = tokens.start[first] as number;
    const stop = tokens.end[end - 1] as number;
    const parts: string[] = [];
    const common: boolean[] = [];
    for (let k = first; k < end; k++) {
      parts.push((tokens.normal[k] as string).toLowerCase());
      common.push(isModelWord(tokens.value[k] as string));
    }
    return {
      kind: 'name',
      ...base(doc, start, stop, first),
      name: doc.text.slice(start, stop),
      parts,
      title,
      common,
    };
  });
}

/**
 * How the article describes the event: each hit of an event-kinds entry, with the people it was
 * "with". A definite mention without a counterpart ("the video conference") refers back to the
 * latest earlier mention of the same channel and takes its counterparts.
 */
/** One pattern of an event-kinds entry, with its rank in pack order (entry, then pattern). */
interface EventKindPattern {
  readonly entry: EventKindLexicon['entries'][number];
  readonly words: readonly string[];
  readonly rank: number;
}

interface EventKindIndex {
  /** Patterns by their first word. */
  readonly byFirst: ReadonlyMap<string, readonly EventKindPattern[]>;
  /** Patterns without words, which a hit at any word could take. */
  readonly empty: readonly EventKindPattern[];
}

const eventKindIndexes = new WeakMap<EventKindLexicon, EventKindIndex>();

/**
 * A pattern can only match where its first word is the token's normal form or lemma, so the
 * patterns are indexed by first word once per lexicon instead of being tried at every token.
 */
function eventKindIndexOf(lexicon: EventKindLexicon): EventKindIndex {
  let index = eventKindIndexes.get(lexicon);
  if (index) return index;
  const byFirst = new Map<string, EventKindPattern[]>();
  const empty: EventKindPattern[] = [];
  let rank = 0;
  for (const entry of lexicon.entries)
    for (const words of entry.patterns) {
      const p = { entry, words, rank: rank++ };
      const first = words[0];
      if (first === undefined) empty.push(p);
      else {
        const list = byFirst.get(first);
        if (list) list.push(p);
        else byFirst.set(first, [p]);
      }
    }
  index = { byFirst, empty };
  eventKindIndexes.set(lexicon, index);
  return index;
}

/**
 * How the article describes the event: each hit of an event-kinds entry, with the people it was
 * "with". A definite mention without a counterpart ("the video conference") refers back to the
 * latest earlier mention of the same channel and takes its counterparts.
 */
export function findEventKinds(
  doc: Document,
  lexicon: EventKindLexicon,
  names: readonly NameFact[],
): EventKindFact[] {
  const tokens = doc.tokens;
  const { byFirst, empty } = eventKindIndexOf(lexicon);
  const nameParts = new Set<string>();
  for (const n of names) for (const p of n.parts) nameParts.add(p);
  // Word tokens only, hyphens skipped, so that "video-conference" and "video conference" match alike.
  const words: number[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (!tokens.scored[i]) continue;
    const v = tokens.value[i] as string;
    if (v.length === 1 && (v === '-' || v === '–' || v === '—')) continue;
    words.push(i);
  }
  const same = (w: number, word: string) =>
    (tokens.normal[w] as string) === word || (tokens.lemma[w] as string).toLowerCase() === word;
  const out: EventKindFact[] = [];
  const latestByChannel = new Map<string, readonly string[]>();
  let best: EventKindPattern | null = null;
  // The longest pattern that matches at word w; among equally long ones, the first in pack order.
  const consider = (list: readonly EventKindPattern[] | undefined, w: number) => {
    if (list === undefined) return;
    const first = words[w] as number;
    const sentence = tokens.sentence[first];
    for (const p of list) {
      const pattern = p.words;
      if (
        best &&
        (pattern.length < best.words.length || (pattern.length === best.words.length && p.rank > best.rank))
      )
        continue;
      if (best === p) continue;
      if (w + pattern.length > words.length) continue;
      let ok = true;
      for (let k = 0; k < pattern.length && ok; k++) {
        const t = words[w + k] as number;
        ok = tokens.sentence[t] === sentence && same(t, pattern[k] as string);
      }
      if (ok && pattern.length === 1 && p.entry.pos && tokens.pos[first] !== p.entry.pos) ok = false;
      if (ok) best = p;
    }
  };
  for (let w = 0; w < words.length; w++) {
    const t = words[w] as number;
    const normal = tokens.normal[t] as string;
    const lemma = (tokens.lemma[t] as string).toLowerCase();
    best = null;
    consider(byFirst.get(normal), w);
    if (lemma !== normal) consider(byFirst.get(lemma), w);
    if (empty.length > 0) consider(empty, w);
    if (best === null) continue;
    const found = best as EventKindPattern;
    const length = found.words.length;
    const first = words[w] as number;
    const last = words[w + length - 1] as number;
    const counterparts = counterpartsAfter(doc, last, nameParts);
    const channel = found.entry.category;
    let resolved: readonly string[] = counterparts;
    if (resolved.length === 0 && first > 0 && ANAPHORIC.has(tokens.normal[first - 1] as string))
      resolved = latestByChannel.get(channel) ?? [];
    if (counterparts.length > 0) latestByChannel.set(channel, counterparts);
    out.push({
      kind: 'event-kind',
      ...base(doc, tokens.start[first] as number, tokens.end[last] as number, first),
      entryId: found.entry.id,
      category: channel,
      generic: found.entry.generic,
      counterparts: resolved,
    });
    w += length - 1;
  }
  return out;
}

/** Name parts in the phrase after an event noun that starts with "with", "between" or "to". */
function counterpartsAfter(doc: Document, last: number, nameParts: ReadonlySet<string>): string[] {
  const tokens = doc.tokens;
  const next = last + 1;
  if (next >= tokens.count || !COUNTERPART_LEADS.has(tokens.normal[next] as string)) return [];
  const sentence = tokens.sentence[last];
  const found: string[] = [];
  for (let i = next + 1; i < Math.min(tokens.count, next + 1 + COUNTERPART_WINDOW); i++) {
    if (tokens.sentence[i] !== sentence) break;
    const pos = tokens.pos[i];
    const v = tokens.value[i] as string;
    // A comma ends the phrase: "with Putin, Xi emphasized" names Putin alone.
    if (pos === 'VERB' || pos === 'AUX' || v === ';' || v === ':' || v === '.' || v === ',') break;
    const normal = (tokens.normal[i] as string).toLowerCase();
    // The surname: the last name part of a run of name tokens.
    if (nameParts.has(normal) && !(i + 1 < tokens.count && nameParts.has(tokens.normal[i + 1] as string)))
      found.push(normal);
  }
  return found;
}

export function findFacts(doc: Document, eventKinds: EventKindLexicon | null): Fact[] {
  const names = findNames(doc);
  return [
    ...findDates(doc),
    ...findAmounts(doc),
    ...names,
    ...(eventKinds ? findEventKinds(doc, eventKinds, names) : []),
  ];
}
