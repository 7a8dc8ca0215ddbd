import type { AttributionKind, Document, Quotation, Sentence } from '../types.ts';
import { firstNameGender, isTimeWord, personCues } from './personCues.ts';
import { type ReportVerb, type SourceLexicon, sourceHits } from './sourceLexicon.ts';

/**
 * Reported speech found from its cue: a verb of saying from the report-verbs pack, or "according
 * to". wink gives parts of speech but no parse, so the source and the content are read off the
 * token sequence around the cue with a few bounded patterns, each of which a reader can check:
 *
 *   SOURCE [adverbs] CUE [that|:] CONTENT          Xi said (that) ...; Trump wrote: "..."
 *   SOURCE, APPOSITION, CUE CONTENT                Wang, a professor at X, remarked that ...
 *   "QUOTE," SOURCE CUE. / "QUOTE," CUE SOURCE.    "...," Trump wrote. / "...," said Trump.
 *   CONTENT, SOURCE CUE.                           ..., Xinhua reported.
 *   ..., CUE-ing (that) CONTENT                    ..., stating that ... (source: the clause's subject)
 *   As SOURCE CUE, CONTENT                         As analysts noted, ...
 *   According to SOURCE, CONTENT / CONTENT, according to SOURCE.
 *
 * Every scan stays inside one sentence (a quotation may span several) and looks at most a fixed
 * number of tokens away, so the stage is linear in the article's length.
 */

export interface TokenRange {
  readonly first: number;
  /** One past the last token. */
  readonly end: number;
}

export interface Draft {
  kind: AttributionKind;
  cue: { start: number; end: number; verb: ReportVerb } | null;
  source: TokenRange | null;
  /** The source is the subject of an earlier cue in this sentence (", stating that ..."). */
  sourceFromClause: boolean;
  content: { start: number; end: number } | null;
  /** The content was cut at MAX_CONTENT_CHARS (see draftOf). */
  contentCut?: boolean;
  /** Index of the quotation that is (or is inside) the content, if any. */
  quotation: number;
  sentence: number;
}

/**
 * The most characters an attribution's content holds (about 170 words), and the most tokens the
 * search for it reads past the cue. Reported speech in news seldom comes near them; a run-on text without
 * sentence ends (a scrape gone wrong) gives thousands of cues whose content would otherwise run to
 * the end of the text, one copy each: time, memory and outputs that grow with its square.
 */
export const MAX_CONTENT_CHARS = 1000;
const MAX_CONTENT_TOKENS = 250;

const SKIP_BEFORE_CUE = new Set([
  'also',
  'has',
  'have',
  'had',
  'will',
  'would',
  'reportedly',
  'previously',
  'repeatedly',
  'later',
  'then',
  'once',
  'again',
  'recently',
  'publicly',
  'separately',
  'further',
  'not',
  "n't",
  'never',
  'already',
  'did',
  'does',
  'do',
  'could',
  'may',
  'might',
  'should',
  'must',
  'can',
  'just',
  'even',
  'still',
  'first',
  'earlier',
  'often',
  'long',
  'has',
  'had',
  'too',
  'consistently',
  'clearly',
  'privately',
  'flatly',
]);
const PASSIVE_AUX = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be', "'s"]);
const NP_ADP = new Set(['of', 'from', 'at', 'for']);
/** A pronoun for a thing or a fact as a subject, and verbs that say what a thing shows rather than what a speaker says. */
const THING_PRONOUN = new Set(['it', 'this', 'that']);
const SHOWING = new Set([
  'underscore',
  'underline',
  'highlight',
  'show',
  'demonstrate',
  'illustrate',
  'reflect',
  'signal',
  'prove',
]);
const PERSONAL = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who']);
const CLOSING_MARK = /^["”’'»]$/;
const OPENING_MARK = /^["“‘'«]$/;
const END_PUNCT = new Set(['.', '!', '?', '…']);
/** Parts of speech that a noun phrase is made of, walking left from its head. */
const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM', 'DET']);
const MAX_NP = 14;
const MAX_APPOSITION = 24;
const LOOKAHEAD = 10;

export interface SpeechContext {
  readonly doc: Document;
  readonly lexicon: SourceLexicon;
  readonly quotations: readonly Quotation[];
  /** For each token, the index of the outermost quotation whose content holds it, else -1. */
  readonly quoteOf: Int32Array;
  /** For each token that is the opening mark of an outermost quotation, its index, else -1. */
  readonly quoteOpenedAt: Int32Array;
  /** For each token that is the closing mark of an outermost quotation, its index, else -1. */
  readonly quoteClosedAt: Int32Array;
  /** Whether the article writes this word as (part of) a person's name ("Friday" of "Mike Friday"). */
  readonly personName?: (word: string) => boolean;
}

export function speechContextOf(
  doc: Document,
  lexicon: SourceLexicon,
  quotations: readonly Quotation[],
): SpeechContext {
  const t = doc.tokens;
  const quoteOf = new Int32Array(t.count).fill(-1);
  const quoteOpenedAt = new Int32Array(t.count).fill(-1);
  const quoteClosedAt = new Int32Array(t.count).fill(-1);
  let tok = 0;
  quotations.forEach((q, qi) => {
    if (q.depth !== 0) return;
    while (tok < t.count && (t.end[tok] as number) <= q.start) tok++;
    for (let k = tok; k < t.count && (t.start[k] as number) < q.end; k++) {
      const s = t.start[k] as number;
      if (s === q.start) quoteOpenedAt[k] = qi;
      else if (q.closed && s === q.end - 1) quoteClosedAt[k] = qi;
      else quoteOf[k] = qi;
    }
  });
  return { doc, lexicon, quotations, quoteOf, quoteOpenedAt, quoteClosedAt };
}

/** Normal forms with curly apostrophes made straight, once per document (the stages ask for them often). */
const straightNormals = new WeakMap<Document, string[]>();
function normalsOf(doc: Document): string[] {
  let out = straightNormals.get(doc);
  if (!out) {
    out = doc.tokens.normal.map((n) => (n.includes('’') ? n.replace(/’/g, "'") : n));
    straightNormals.set(doc, out);
  }
  return out;
}
const normalOf = (doc: Document, i: number) => normalsOf(doc)[i] as string;

/** The cue verb of token `i`, if its lemma is a report verb and wink reads it as a verb. */
function verbAt(ctx: SpeechContext, i: number): ReportVerb | null {
  const t = ctx.doc.tokens;
  if (t.pos[i] !== 'VERB') return null;
  return ctx.lexicon.verbs.get((t.lemma[i] as string).toLowerCase()) ?? null;
}

/** The noun phrase whose last token is `head`, walking left but not before `floor`. */
function nounPhraseEndingAt(ctx: SpeechContext, head: number, floor: number): TokenRange | null {
  const { doc } = ctx;
  const t = doc.tokens;
  if (head < floor) return null;
  if (t.pos[head] === 'PRON') {
    const n = normalOf(doc, head);
    return PERSONAL.has(n) || n === 'what' ? (n === 'what' ? null : { first: head, end: head + 1 }) : null;
  }
  const posOf = (k: number) =>
    properLike(doc, k, floor) || (k === floor && nameAtSentenceStart(doc, k))
      ? 'PROPN'
      : (t.pos[k] as string);
  if (!['NOUN', 'PROPN', 'NUM'].includes(posOf(head))) return null;
  let first = head + 1;
  for (let k = head; k >= floor && head - k < MAX_NP; k--) {
    const pos = posOf(k);
    const n = normalOf(doc, k);
    if (NP_POS.has(pos) || n === "'s" || n === "'") {
      first = k;
      // An article ends the phrase unless a name's "of" comes before it: "Professor Aino
      // Halvorsen of the University of Tarsk" is one phrase, whose head is the person.
      if (pos === 'DET' && !(normalOf(doc, k - 1) === 'of' && k - 1 > floor && posOf(k - 2) === 'PROPN'))
        break;
      continue;
    }
    if (pos === 'ADP' && NP_ADP.has(n) && k > floor && NP_POS.has(posOf(k - 1))) {
      first = k;
      continue;
    }
    if (pos === 'PUNCT' && (n === '-' || n === '&' || n === '.') && k > floor && posOf(k - 1) === 'PROPN') {
      first = k;
      continue;
    }
    if (pos === 'CCONJ' && n === 'and' && t.pos[k + 1] === 'PROPN' && k > floor && t.pos[k - 1] === 'PROPN') {
      first = k;
      continue;
    }
    break;
  }
  while (first <= head && (t.pos[first] === 'ADP' || t.pos[first] === 'PUNCT' || t.pos[first] === 'CCONJ'))
    first++;
  if (first > head) return null;
  for (let k = first; k <= head; k++)
    if (posOf(k) === 'NOUN' || posOf(k) === 'PROPN') return { first, end: head + 1 };
  return null;
}

/** The noun phrase starting at `from`, walking right up to `ceiling` (exclusive). */
function nounPhraseStartingAt(ctx: SpeechContext, from: number, ceiling: number): TokenRange | null {
  const { doc } = ctx;
  const t = doc.tokens;
  let end = from;
  for (let k = from; k < ceiling && k - from < MAX_NP; k++) {
    const pos = t.pos[k] as string;
    const n = normalOf(doc, k);
    const ok =
      NP_POS.has(pos) ||
      firstNameLike(doc, k, from - 1) ||
      n === "'s" ||
      (pos === 'PRON' && k === from && PERSONAL.has(n)) ||
      (pos === 'ADP' &&
        NP_ADP.has(n) &&
        k > from &&
        t.pos[k + 1] !== undefined &&
        NP_POS.has(t.pos[k + 1] as string)) ||
      (pos === 'PUNCT' && (n === '-' || n === '.') && t.pos[k - 1] === 'PROPN');
    if (!ok) break;
    end = k + 1;
    if (pos === 'PRON') break;
  }
  while (end > from && (t.pos[end - 1] === 'ADP' || t.pos[end - 1] === 'PUNCT')) end--;
  if (end <= from) return null;
  for (let k = from; k < end; k++)
    if (t.pos[k] === 'NOUN' || t.pos[k] === 'PROPN' || t.pos[k] === 'PRON') return { first: from, end };
  return null;
}

/** Words that, right before a time word, belong to the time phrase ("on Friday", "last week"). */
const TIME_LEADS = new Set([
  'on',
  'this',
  'last',
  'next',
  'late',
  'early',
  'earlier',
  'in',
  'at',
  'the',
  'each',
  'every',
  'that',
  ',',
]);
const NEGATION = new Set(['not', "n't", 'never']);

/**
 * Skips adverbs, auxiliaries, negation and time phrases ("on Friday", "this week") left of a
 * cue; returns the token before them, whether the cue is passive and whether it is negated ("did
 * not say": no statement is reported). A capitalised time word right after a name is part of it
 * ("Mike Friday said").
 */
function skipLeftOfCue(
  ctx: SpeechContext,
  cue: number,
  floor: number,
): { at: number; passive: boolean; negated: boolean } {
  const t = ctx.doc.tokens;
  const cues = personCues();
  let k = cue - 1;
  let passive = false;
  let negated = false;
  while (k >= floor) {
    const n = normalOf(ctx.doc, k);
    const pos = t.pos[k] as string;
    if (k === floor && nameAtSentenceStart(ctx.doc, k)) break;
    // A capitalised word after a proper noun is a name, not a modal or an adverb: "Mrs May said",
    // "Prince Will said".
    const nameWord = k > floor && t.pos[k - 1] === 'PROPN' && /^\p{Lu}/u.test(t.value[k] as string);
    if (
      !nameWord &&
      (SKIP_BEFORE_CUE.has(n) || pos === 'ADV' || pos === 'AUX' || (pos === 'PART' && n !== "'s"))
    ) {
      if (PASSIVE_AUX.has(n)) passive = true;
      if (NEGATION.has(n)) negated = true;
      k--;
      continue;
    }
    if (
      isTimeWord(cues, t.value[k] as string) &&
      !(
        k > floor &&
        t.pos[k - 1] === 'PROPN' &&
        /^\p{Lu}/u.test(t.value[k] as string) &&
        !TIME_LEADS.has(normalOf(ctx.doc, k - 1))
      )
    ) {
      k--;
      while (k >= floor && (TIME_LEADS.has(normalOf(ctx.doc, k)) || isTimeWord(cues, t.value[k] as string)))
        k--;
      continue;
    }
    break;
  }
  return { at: k, passive, negated };
}

/** A phrase of time words only ("Tuesday", "this week"): a circumstance, never a source. */
function isTimePhrase(ctx: SpeechContext, r: TokenRange): boolean {
  const cues = personCues();
  const t = ctx.doc.tokens;
  for (let k = r.first; k < r.end; k++) {
    const v = t.value[k] as string;
    if (ctx.personName?.(v) && /^\p{Lu}/u.test(v)) return false;
    if (!isTimeWord(cues, v) && !TIME_LEADS.has(normalOf(ctx.doc, k))) return false;
  }
  return true;
}

/** First and second person outside quotations are the writer or the reader, not a cited source. */
const WRITER = new Set(['i', 'we', 'you', 'me', 'us']);

/**
 * Whether a source phrase can be a cited source: not a time phrase, not the writer ("we thought"),
 * not one of two pronouns joined by "or" ("if he or she believes": no one in particular).
 */
function canBeSource(ctx: SpeechContext, r: TokenRange): boolean {
  const t = ctx.doc.tokens;
  if (isTimePhrase(ctx, r)) return false;
  if (r.end - r.first === 1 && t.pos[r.first] === 'PRON') {
    if (WRITER.has(normalOf(ctx.doc, r.first))) return false;
    if (r.first >= 2 && t.pos[r.first - 1] === 'CCONJ' && t.pos[r.first - 2] === 'PRON') return false;
  }
  return true;
}

/**
 * The source left of a cue: a noun phrase, a pronoun, or a noun phrase with up to two appositions
 * between commas ("Wang Yiwei, a professor at Renmin University, remarked"; "Scott Pruitt, the
 * attorney general of Oklahoma, one of the states suing, said"), the name perhaps followed by a
 * bracket ("Rep. Jim Jordan (R-Ohio), an oversight panel member, said").
 */
function sourceLeftOf(ctx: SpeechContext, at: number, floor: number): TokenRange | null {
  const t = ctx.doc.tokens;
  if (at < floor) return null;
  if (t.value[at] === ',') {
    const open = appositionOpening(ctx, at, floor);
    if (open === null) return null;
    const head = namedBefore(ctx, open - 1, floor);
    // A second apposition: what the first follows is itself one, after a name ("Scott Pruitt,
    // the attorney general of Oklahoma, one of the states suing, said").
    const described = head !== null && t.pos[head.first] === 'DET' && t.value[head.first - 1] === ',';
    const name = described ? namedBefore(ctx, head.first - 2, floor) : null;
    if (name && t.pos[name.end - 1] === 'PROPN') return { first: name.first, end: at };
    if (head && hasProperOrNoun(ctx, head)) return { first: head.first, end: at };
    return null;
  }
  const named = namedBefore(ctx, at, floor);
  if (named) return named;
  if (normalOf(ctx.doc, at) === 'who' && at - 1 >= floor && t.value[at - 1] === ',') {
    return nounPhraseEndingAt(ctx, at - 2, floor);
  }
  return nounPhraseEndingAt(ctx, at, floor);
}

/**
 * The comma that opens an apposition closed by the comma at `close`: at most MAX_APPOSITION
 * tokens back, outside quotations, with no verb before a relative pronoun ("Huckabee, the
 * minister who became governor, announced"; a verb otherwise means the commas close a clause)
 * but a participle after a noun.
 */
function appositionOpening(ctx: SpeechContext, close: number, floor: number): number | null {
  const t = ctx.doc.tokens;
  let k = close - 1;
  while (k >= floor && close - k <= MAX_APPOSITION && t.value[k] !== ',') {
    if ((ctx.quoteOf[k] as number) >= 0 || (ctx.quoteClosedAt[k] as number) >= 0) return null;
    k--;
  }
  if (k < floor || t.value[k] !== ',' || close - k <= 1) return null;
  for (let m = k + 1; m < close; m++) {
    if (['who', 'which', 'whose'].includes(normalOf(ctx.doc, m))) break;
    // A participle after a noun modifies it ("a lawyer representing the family", "one of the states suing").
    const modifies = /ing$/.test(t.value[m] as string) && ['NOUN', 'PROPN'].includes(t.pos[m - 1] as string);
    if ((t.pos[m] === 'VERB' && !modifies) || t.pos[m] === 'AUX') return null;
  }
  return k;
}

/** A name ending at `at`, with its bracket when one follows it ("Rep. Zoe Lofgren (D-Calif.)"). */
function namedBefore(ctx: SpeechContext, at: number, floor: number): TokenRange | null {
  const t = ctx.doc.tokens;
  if (at < floor) return null;
  if (t.value[at] !== ')') return nounPhraseEndingAt(ctx, at, floor);
  let k = at - 1;
  while (k > floor && at - k <= 8 && t.value[k] !== '(' && t.value[k] !== ')') k--;
  if (t.value[k] !== '(' || k - 1 < floor) return null;
  const head = nounPhraseEndingAt(ctx, k - 1, floor);
  return head ? { first: head.first, end: at + 1 } : null;
}

function hasProperOrNoun(ctx: SpeechContext, r: TokenRange): boolean {
  for (let k = r.first; k < r.end; k++)
    if (ctx.doc.tokens.pos[k] === 'PROPN' || ctx.doc.tokens.pos[k] === 'NOUN') return true;
  return false;
}

/** Index of the first and one past the last token of content, trimmed of final punctuation. */
function trimmedEnd(ctx: SpeechContext, from: number, end: number): number {
  const t = ctx.doc.tokens;
  let e = end;
  while (
    e > from &&
    (END_PUNCT.has(t.value[e - 1] as string) || t.value[e - 1] === ',' || t.value[e - 1] === ';')
  )
    e--;
  return e;
}

/**
 * Where a trailing reporting clause starts (", Xinhua reported." / ", according to X."), so that
 * content before it stops there; the sentence end otherwise.
 */
function tailStart(ctx: SpeechContext, first: number, end: number): number {
  const t = ctx.doc.tokens;
  for (let k = end - 1; k > first && end - k <= MAX_NP + 3; k--) {
    if (t.value[k] !== ',' || (ctx.quoteOf[k] as number) >= 0) continue;
    for (let m = k + 1; m < end; m++) {
      if (verbAt(ctx, m) || (normalOf(ctx.doc, m) === 'according' && normalOf(ctx.doc, m + 1) === 'to'))
        return k;
    }
    return end;
  }
  return end;
}

/** The content span right of a cue: after "that" or ":", a quotation, or the clause that follows. */
function contentRightOf(
  ctx: SpeechContext,
  from: number,
  endOfSentence: number,
  lemma = '',
): { start: number; end: number; quotation: number; introduced: boolean } | null {
  const { doc } = ctx;
  const t = doc.tokens;
  // A bounded stretch after the cue (see MAX_CONTENT_TOKENS).
  const sentenceEnd = Math.min(endOfSentence, from + MAX_CONTENT_TOKENS);
  let start = from;
  let introduced = false;
  for (let k = from; k < sentenceEnd && k - from < LOOKAHEAD; k++) {
    const n = normalOf(doc, k);
    if ((ctx.quoteOpenedAt[k] as number) >= 0) {
      start = k;
      introduced = true;
      break;
    }
    // said, “...”: the comma only leads into the quotation.
    if (n === ',' && (ctx.quoteOpenedAt[k + 1] as number) >= 0) {
      start = k + 1;
      introduced = true;
      break;
    }
    if ((n === 'that' && t.pos[k] !== 'PRON' && t.pos[k] !== 'DET') || n === ':') {
      start = k + 1;
      introduced = true;
      break;
    }
    if (t.pos[k] === 'VERB' || t.pos[k] === 'AUX' || n === ',' || END_PUNCT.has(n)) break;
  }
  while (start < sentenceEnd && (t.value[start] === ',' || t.value[start] === '—')) start++;
  if (start >= sentenceEnd) return null;
  const opened = ctx.quoteOpenedAt[start] as number;
  if (opened >= 0) {
    const q = ctx.quotations[opened] as Quotation;
    const tail = trimmedEnd(ctx, start, sentenceEnd);
    const lastTokenEnd = tail > start ? (t.end[tail - 1] as number) : q.end;
    // The quotation is the whole content when nothing but punctuation follows it in the sentence.
    if (q.end >= lastTokenEnd) return { start: q.start, end: q.end, quotation: opened, introduced };
  }
  // "agreed to plead guilty", "would not comment on the remarks": what
  // follows is an intention or a topic, not what was said. (PolNeAR counts other
  // verbs' "on"/"about" phrases as content, so only these are left out.)
  if (!introduced) {
    const lead = normalOf(doc, start);
    if (lead === 'to' && t.pos[start + 1] === 'VERB') return null;
    if (lemma === 'comment' && (lead === 'about' || lead === 'on')) return null;
  }
  let stop = tailStart(ctx, start, sentenceEnd);
  // A parenthetical reference closes the content: "... (Xinhua, 2026)".
  for (let k = start; k < stop; k++)
    if (
      t.value[k] === '(' &&
      (ctx.quoteOf[k] as number) < 0 &&
      /^\(\p{Lu}[^()]*\d{4}/u.test(doc.text.slice(t.start[k] as number, (t.start[k] as number) + 90))
    )
      stop = k;
  const end = trimmedEnd(ctx, start, stop);
  if (end - start < 2) return null;
  return { start: t.start[start] as number, end: t.end[end - 1] as number, quotation: -1, introduced };
}

/** The quotation that ends just before token `at` (past a comma and its closing mark) within the sentence, if any. */
function quotationEndingBefore(ctx: SpeechContext, at: number, floor: number): number {
  const t = ctx.doc.tokens;
  // A quotation that closed the previous sentence ("... tomorrow.” Gorka said it was ...") is not this cue's.
  for (let k = at - 1; k >= floor && at - k <= 3; k--) {
    if ((ctx.quoteClosedAt[k] as number) >= 0) return ctx.quoteClosedAt[k] as number;
    if (
      !(t.value[k] === ',' || CLOSING_MARK.test(t.value[k] as string) || END_PUNCT.has(t.value[k] as string))
    )
      return -1;
  }
  return -1;
}

/**
 * The quotation a source phrase follows: one that ends just before it, or one that opens the
 * sentence and closes before it with nothing but the source phrase between ("“...,” the
 * bespectacled, 71-year-old diplomat said").
 */
function quotationLeading(ctx: SpeechContext, sourceFirst: number, floor: number): number {
  const near = quotationEndingBefore(ctx, sourceFirst, floor);
  if (near >= 0) return near;
  const opened = ctx.quoteOpenedAt[floor] as number;
  if (opened < 0) return -1;
  const t = ctx.doc.tokens;
  let k = floor + 1;
  while (k < sourceFirst && (ctx.quoteClosedAt[k] as number) !== opened) k++;
  if (k >= sourceFirst || (t.value[k - 1] !== ',' && t.value[k + 1] !== ',')) return -1;
  return holdsVerb(ctx, k + 1, t.end[sourceFirst - 1] as number) ? -1 : opened;
}

/** Whether a token from `from` up to offset `endOffset` is a verb or auxiliary outside quotations. */
function holdsVerb(ctx: SpeechContext, from: number, endOffset: number): boolean {
  const t = ctx.doc.tokens;
  for (let k = from; k < t.count && (t.end[k] as number) <= endOffset; k++)
    if ((t.pos[k] === 'VERB' || t.pos[k] === 'AUX') && (ctx.quoteOf[k] as number) < 0) return true;
  return false;
}

/** The subject of the clause a participle cue hangs from: "X reiterated ..., stating that". */
function clauseSubject(
  ctx: SpeechContext,
  first: number,
  before: number,
  drafts: readonly Draft[],
  sentence: number,
): TokenRange | null {
  for (let d = drafts.length - 1; d >= 0; d--) {
    const draft = drafts[d] as Draft;
    if (draft.sentence !== sentence) break;
    if (draft.source) return draft.source;
  }
  const t = ctx.doc.tokens;
  for (let k = first; k < before; k++) {
    if (t.pos[k] !== 'VERB' || (ctx.quoteOf[k] as number) >= 0) continue;
    const { at } = skipLeftOfCue(ctx, k, first);
    return nounPhraseEndingAt(ctx, at, first);
  }
  // wink sometimes tags the main verb as an adjective ("He also referenced ..."): the sentence's opening noun phrase.
  return nounPhraseStartingAt(ctx, first, before);
}

const isDocumentLike = (ctx: SpeechContext, r: TokenRange) => {
  const t = ctx.doc.tokens;
  const phrase = ctx.doc.text.slice(t.start[r.first] as number, t.end[r.end - 1] as number);
  return sourceHits(ctx.lexicon, phrase).some((h) => h.clue === 'document');
};

/**
 * A source that can speak: a name, a pronoun, or a known kind of source (an official, an expert, a
 * medium, a document, "analysts"). "This event underscores ..." or "The talks highlighted ..."
 * describe, they do not report speech.
 */
const isSpeakerLike = (ctx: SpeechContext, r: TokenRange) => {
  const t = ctx.doc.tokens;
  for (let k = r.first; k < r.end; k++) {
    if (t.pos[k] === 'PROPN' || t.pos[k] === 'PRON') return true;
  }
  const phrase = ctx.doc.text.slice(t.start[r.first] as number, t.end[r.end - 1] as number);
  return sourceHits(ctx.lexicon, phrase).length > 0;
};

/** Every cue-led attribution of one sentence, appended to `drafts`. */
export function speechInSentence(ctx: SpeechContext, sentence: number, drafts: Draft[]): void {
  const { doc } = ctx;
  const t = doc.tokens;
  const s = doc.sentences[sentence];
  if (!s || !s.scored || isHeadline(doc, s.span.start)) return;
  // A fragment split off after an abbreviation was read with the sentence it belongs to.
  if (sentence > 0 && startsLower(doc, sentence)) return;
  const first = s.firstToken;
  const end = sentenceEndOf(doc, sentence);
  for (let i = first; i < end; i++) {
    if ((ctx.quoteOf[i] as number) >= 0) continue;
    const n = normalOf(doc, i);
    if (n === 'according' && i + 1 < end && normalOf(doc, i + 1) === 'to') {
      accordingTo(ctx, sentence, i, drafts);
      continue;
    }
    let verb = verbAt(ctx, i);
    let cueEnd = i + 1;
    if (!verb && t.pos[i] === 'VERB' && i + 1 < end) {
      const phrase = ctx.lexicon.phrases.get(
        `${(t.lemma[i] as string).toLowerCase()} ${normalOf(doc, i + 1)}`,
      );
      if (phrase) {
        verb = phrase;
        cueEnd = i + 2;
      }
    }
    if (!verb) continue;
    const cue = { start: t.start[i] as number, end: t.end[cueEnd - 1] as number, verb };
    const { at, passive } = skipLeftOfCue(ctx, i, first);
    if (passive && /ed$/.test(t.value[i] as string)) continue;
    // "posted a $541 million loss" is a company's result, not a post: only a quotation, a
    // that-clause or a named platform makes "post" a statement.
    if (verb.lemma === 'post' && !postIsStatement(ctx, sentence, cueEnd, end)) continue;
    const participle = /ing$/i.test(t.value[i] as string);
    let source: TokenRange | null = null;
    let sourceFromClause = false;

    // ..., stating that ... : the participle's subject is the clause's subject.
    if (participle && at >= first && t.value[at] === ',') {
      const content = contentRightOf(ctx, cueEnd, end);
      // "..., underscoring the risk" is the event's doing; only a verb of saying or a that-clause reports speech.
      if (!content || (!ctx.lexicon.coreSpeech.has(verb.lemma) && !content.introduced)) continue;
      source = clauseSubject(ctx, first, at, drafts, sentence);
      sourceFromClause = source !== null;
      if (source) drafts.push(draftOf(ctx, cue, source, sourceFromClause, content, sentence));
      continue;
    }
    // Calling X "very positive", Trump said ... : a sentence-initial participle's subject follows its clause.
    if (participle && at < first) {
      let comma = cueEnd;
      while (comma < end && t.value[comma] !== ',' && comma - cueEnd < MAX_APPOSITION) comma++;
      if (t.value[comma] !== ',') continue;
      let subject = comma + 1;
      while (subject < end && (ctx.quoteClosedAt[subject] as number) >= 0) subject++;
      source = nounPhraseStartingAt(ctx, subject, end);
      if (!source || cueEnd >= comma) continue;
      const contentEnd = trimmedEnd(ctx, cueEnd, comma);
      if (contentEnd <= cueEnd) continue;
      // "Showing awesome strength, Henson held ...": a verb that is not one of saying reports nothing here.
      if (!ctx.lexicon.coreSpeech.has(verb.lemma) || !canBeSource(ctx, source)) continue;
      // "Responding to the speech, ..., George Osborne, said: ...": the main cue reports the statement.
      let laterCue = false;
      for (let k = comma + 1; k < end && !laterCue; k++) laterCue = verbAt(ctx, k) !== null;
      if (laterCue) continue;
      pushSpanDraft(ctx, drafts, cue, source, cueEnd, contentEnd, sentence);
      continue;
    }
    // "called Alicia Machado to express gratitude", "prompted NATO at its summit in Warsaw to
    // order": what stands before an infinitive is an object or a place, and nothing was said yet.
    if (i - 1 >= first && normalOf(doc, i - 1) === 'to' && t.pos[i - 1] === 'PART' && t.value[at] !== ',')
      continue;
    // "The story was being told by The Daily Caller": the subject of a passive cue is what was
    // told or whom, not who told it.
    if (
      passive &&
      !participle &&
      (t.value[i] as string).toLowerCase() !== (t.lemma[i] as string).toLowerCase()
    )
      continue;
    source = sourceLeftOf(ctx, at, first);
    if (source && !canBeSource(ctx, source)) continue;
    if (source && verb.evidenceOnly && !isDocumentLike(ctx, source)) continue;
    if (source && !ctx.lexicon.coreSpeech.has(verb.lemma) && !isSpeakerLike(ctx, source)) continue;
    // "She says it underscores that ...", "experts say it underscores ...": a thing shows, no one speaks.
    if (
      source &&
      THING_PRONOUN.has(normalOf(doc, source.first)) &&
      source.end - source.first === 1 &&
      SHOWING.has(verb.lemma)
    )
      continue;

    if (source) {
      const before = source.first - 1;
      // As analysts noted, CONTENT.
      if (before >= first && normalOf(doc, before) === 'as' && t.value[cueEnd] === ',') {
        const contentFirst = cueEnd + 1;
        const contentEnd = trimmedEnd(ctx, contentFirst, end);
        if (contentEnd - contentFirst >= 2) {
          pushSpanDraft(ctx, drafts, cue, source, contentFirst, contentEnd, sentence);
        } else if (before - first >= 2) {
          const e = trimmedEnd(ctx, first, before);
          pushSpanDraft(ctx, drafts, cue, source, first, e, sentence);
        }
        continue;
      }
      const quotedBefore = quotationLeading(ctx, source.first, first);
      let right = contentRightOf(ctx, cueEnd, end, verb.lemma);
      // "..., Smith told POLITICO on Monday.": a clause before the source, and no clause after the cue.
      if (
        right &&
        !right.introduced &&
        before >= first &&
        t.value[before] === ',' &&
        before - first >= 2 &&
        !holdsVerb(ctx, cueEnd, right.end)
      )
        right = null;
      // "...," Mayor Lopez said on Tuesday: what follows the cue is a circumstance, the quote is the content.
      if (right && !(quotedBefore >= 0 && !right.introduced)) {
        // "X," he said, "Y": one statement in two quotations, both the cue's.
        if (quotedBefore >= 0 && right.quotation >= 0) {
          pushQuotationDraft(ctx, drafts, cue, source, quotedBefore, sentence);
        }
        drafts.push(draftOf(ctx, cue, source, false, right, sentence));
        continue;
      }
      // "...," Trump wrote.  /  ..., Xinhua reported.
      if (quotedBefore >= 0) {
        pushQuotationDraft(ctx, drafts, cue, source, quotedBefore, sentence);
        continue;
      }
      if (before >= first && t.value[before] === ',' && before - first >= 2) {
        const e = trimmedEnd(ctx, first, before);
        pushSpanDraft(ctx, drafts, cue, source, first, e, sentence);
      }
      continue;
    }
    // "...," said Trump.
    if (
      !participle &&
      ctx.lexicon.coreSpeech.has(verb.lemma) &&
      at >= first &&
      (t.value[at] === ',' ||
        CLOSING_MARK.test(t.value[at] as string) ||
        (ctx.quoteClosedAt[at] as number) >= 0)
    ) {
      const after = nounPhraseStartingAt(ctx, cueEnd, end);
      if (!after || !canBeSource(ctx, after)) continue;
      const quoted = quotationEndingBefore(ctx, i, first);
      if (quoted >= 0) {
        pushQuotationDraft(ctx, drafts, cue, after, quoted, sentence);
        // "X," said Trump, "Y".
        const rest = contentRightOf(ctx, after.end, end);
        if (rest && rest.quotation >= 0) drafts.push(draftOf(ctx, cue, after, false, rest, sentence));
      } else if (at - first >= 2) {
        const e = trimmedEnd(ctx, first, at);
        pushSpanDraft(ctx, drafts, cue, after, first, e, sentence);
      }
    }
  }
}

/** Whether "post" reports a statement: a quotation or "that"/":" follows, or a platform is named in the sentence. */
function postIsStatement(ctx: SpeechContext, sentence: number, cueEnd: number, end: number): boolean {
  const { doc } = ctx;
  const t = doc.tokens;
  const s = doc.sentences[sentence];
  if (!s) return false;
  for (let k = s.firstToken; k < end; k++) if ((ctx.quoteOpenedAt[k] as number) >= 0) return true;
  const next = normalOf(doc, cueEnd);
  if (next === 'that' || next === ':') return true;
  const text = doc.text.slice(s.span.start, t.end[end - 1] as number);
  return sourceHits(ctx.lexicon, text).some(
    (h) => h.clue === 'social-media' && !/^(post|blog|tweet)$/i.test(text.slice(h.start, h.end)),
  );
}

/** According to SOURCE, CONTENT.  /  CONTENT, according to SOURCE. */
function accordingTo(ctx: SpeechContext, sentence: number, i: number, drafts: Draft[]): void {
  const { doc } = ctx;
  const t = doc.tokens;
  const s = doc.sentences[sentence];
  if (!s) return;
  const verb = ctx.lexicon.phrases.get('according to');
  if (!verb) return;
  const cue = { start: t.start[i] as number, end: t.end[i + 1] as number, verb };
  const source = nounPhraseStartingAt(ctx, i + 2, s.endToken);
  if (!source) return;
  let lead = i - 1;
  while (lead >= s.firstToken && (t.pos[lead] === 'ADV' || t.pos[lead] === 'CCONJ')) lead--;
  let content: { start: number; end: number; quotation: number } | null = null;
  if (lead < s.firstToken || (t.value[lead] === ',' && lead === s.firstToken)) {
    let k = source.end;
    while (k < s.endToken && t.value[k] !== ',') k++;
    const e = trimmedEnd(ctx, k + 1, s.endToken);
    if (e > k + 1) content = { start: t.start[k + 1] as number, end: t.end[e - 1] as number, quotation: -1 };
  } else if (t.value[i - 1] === ',' || i - 1 >= s.firstToken) {
    const e = trimmedEnd(ctx, s.firstToken, i);
    if (e > s.firstToken)
      content = { start: t.start[s.firstToken] as number, end: t.end[e - 1] as number, quotation: -1 };
  }
  if (!content) return;
  const d = draftOf(ctx, cue, source, false, content, sentence);
  d.kind = 'according-to';
  drafts.push(d);
}

/** Records a cue whose content is the unquoted token run [first, end). */
function pushSpanDraft(
  ctx: SpeechContext,
  drafts: Draft[],
  cue: Draft['cue'],
  source: TokenRange,
  first: number,
  end: number,
  sentence: number,
): void {
  const t = ctx.doc.tokens;
  const content = { start: t.start[first] as number, end: t.end[end - 1] as number, quotation: -1 };
  drafts.push(draftOf(ctx, cue, source, false, content, sentence));
}

/** Records a cue whose content is the whole of quotation `quotation`. */
function pushQuotationDraft(
  ctx: SpeechContext,
  drafts: Draft[],
  cue: Draft['cue'],
  source: TokenRange,
  quotation: number,
  sentence: number,
): void {
  const q = ctx.quotations[quotation] as Quotation;
  drafts.push(draftOf(ctx, cue, source, false, { start: q.start, end: q.end, quotation }, sentence));
}

function draftOf(
  ctx: SpeechContext,
  cue: Draft['cue'],
  source: TokenRange,
  sourceFromClause: boolean,
  content: { start: number; end: number; quotation: number },
  sentence: number,
): Draft {
  let kind: AttributionKind = 'indirect';
  let quotation = content.quotation;
  let span = { start: content.start, end: content.end };
  if (quotation >= 0) {
    const q = ctx.quotations[quotation] as Quotation;
    kind = 'direct';
    span = { start: q.content.start, end: q.content.end };
  }
  // At most MAX_CONTENT_CHARS, whole tokens, kept next to the cue (its start, or its end when the
  // content comes before the cue).
  const contentCut = span.end - span.start > MAX_CONTENT_CHARS;
  if (contentCut) span = cutContent(ctx.doc, span, cue !== null && span.end <= cue.start);
  if (quotation < 0) {
    // A quotation inside reported content makes it mixed ("said he had an "excellent" call").
    const t = ctx.doc.tokens;
    for (
      let k = firstTokenAtOrAfter(ctx.doc, span.start);
      k < t.count && (t.end[k] as number) <= span.end;
      k++
    ) {
      if ((ctx.quoteOpenedAt[k] as number) >= 0) {
        kind = 'mixed';
        quotation = ctx.quoteOpenedAt[k] as number;
        break;
      }
    }
  }
  return {
    kind,
    cue,
    source,
    sourceFromClause,
    content: span,
    ...(contentCut ? { contentCut } : {}),
    quotation,
    sentence,
  };
}

/** A content span cut to at most MAX_CONTENT_CHARS of whole tokens, from its start or up to its end. */
function cutContent(
  doc: Document,
  span: { start: number; end: number },
  keepEnd: boolean,
): { start: number; end: number } {
  const t = doc.tokens;
  if (keepEnd) {
    const k = firstTokenAtOrAfter(doc, span.end - MAX_CONTENT_CHARS);
    return { start: Math.min(t.start[k] ?? span.end, span.end), end: span.end };
  }
  // The last token that ends within the bound.
  let k = firstTokenAtOrAfter(doc, span.start + MAX_CONTENT_CHARS) - 1;
  while (k > 0 && (t.end[k] as number) > span.start + MAX_CONTENT_CHARS) k--;
  return { start: span.start, end: Math.max(span.start, Math.min(t.end[k] ?? span.start, span.end)) };
}

/** The first token that starts at or after `offset` (binary search). */
export function firstTokenAtOrAfter(doc: Document, offset: number): number {
  const starts = doc.tokens.start;
  let lo = 0;
  let hi = doc.tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether an offset lies in the title or a heading: headline syntax ("Xi's Calls Highlight ...") is not reported speech. */
function isHeadline(doc: Document, offset: number): boolean {
  const { title, headings } = doc.structure;
  if (title && title.start <= offset && offset < title.end) return true;
  return headings.some((h) => h.start <= offset && offset < h.end);
}

/** For each sentence, 1 when it is a fragment wink split off after an abbreviation; once per document. */
const fragmentFlags = new WeakMap<Document, Uint8Array>();
const UPPER_INITIAL = /^\p{Lu}\.$/u;
const LOWER_OR_DIGIT = /^[\p{Ll}\d]/u;
const SINGLE_UPPER = /^\p{Lu}$/u;
const CONTINUING_PUNCT = /^[),;:\]]$/;

/** A "sentence" wink split off after an abbreviation: it starts in lower case, or with "S." after "U.". */
const startsLower = (doc: Document, sentence: number): boolean => {
  let flags = fragmentFlags.get(doc);
  if (!flags) {
    flags = new Uint8Array(doc.sentences.length);
    for (let k = 1; k < doc.sentences.length; k++) {
      const s = doc.sentences[k] as Sentence;
      const first = doc.tokens.value[s.firstToken] as string;
      const before = doc.tokens.value[s.firstToken - 2] ?? '';
      flags[k] =
        LOWER_OR_DIGIT.test(first) ||
        // "(R-Tenn.), wrote": a bracket or comma cannot open a sentence.
        CONTINUING_PUNCT.test(first) ||
        UPPER_INITIAL.test(first) ||
        (SINGLE_UPPER.test(before) && doc.tokens.value[s.firstToken - 1] === '.')
          ? 1
          : 0;
    }
    fragmentFlags.set(doc, flags);
  }
  return flags[sentence] === 1;
};

/**
 * One past the last token of a sentence, extended over the fragments wink splits off after an
 * abbreviation ("China-U.S. | relations"): a following "sentence" that starts in lower case.
 */
export function sentenceEndOf(doc: Document, sentence: number): number {
  let k = sentence;
  while (k + 1 < doc.sentences.length && startsLower(doc, k + 1)) k++;
  return (doc.sentences[k] as Sentence).endToken;
}

/** Index of the sentence before this one, counting abbreviation fragments as part of their sentence. */
export function previousSentenceOf(doc: Document, sentence: number): number {
  let k = sentence;
  while (k > 0 && startsLower(doc, k)) k--;
  k = Math.max(0, k - 1);
  while (k > 0 && startsLower(doc, k)) k--;
  return k;
}

/**
 * wink tags a surname that opens a sentence as an adverb or adjective ("Jolly said ..."): a
 * capitalised word there that is not a known adverb reads as a name.
 */
function nameAtSentenceStart(doc: Document, k: number): boolean {
  const pos = doc.tokens.pos[k] as string;
  return (
    (pos === 'ADV' || pos === 'ADJ' || pos === 'VERB' || pos === 'X') &&
    /^\p{Lu}\p{Ll}+$/u.test(doc.tokens.value[k] as string) &&
    !SKIP_BEFORE_CUE.has(normalOf(doc, k))
  );
}

/**
 * wink tags some surnames as verbs or adjectives ("Paul Grant said"): a capitalised word inside
 * a sentence that follows a proper noun is read as part of the name.
 */
function properLike(doc: Document, k: number, floor: number): boolean {
  const t = doc.tokens;
  return (
    k > floor &&
    t.pos[k] !== 'PROPN' &&
    (t.pos[k - 1] === 'PROPN' || firstNameLike(doc, k, floor)) &&
    /^\p{Lu}\p{Ll}/u.test(t.value[k] as string)
  );
}

/**
 * wink tags some first names as verbs ("Don Fowler", "Will Hurd"): a common first name inside a
 * sentence, not after a sentence's opening quotation mark, right before a proper noun, is read as
 * the start of the name.
 */
function firstNameLike(doc: Document, k: number, floor: number): boolean {
  const t = doc.tokens;
  return (
    k > floor &&
    t.pos[k] !== 'PROPN' &&
    t.pos[k + 1] === 'PROPN' &&
    !(k - 1 === floor && OPENING_MARK.test(t.value[floor] as string)) &&
    /^\p{Lu}\p{Ll}+$/u.test(t.value[k] as string) &&
    firstNameGender(t.value[k] as string) !== null
  );
}
