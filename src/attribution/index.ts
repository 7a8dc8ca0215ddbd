import { compareText } from '../order.ts';
import { textSpanOf } from '../text/positions.ts';
import type { Attribution, AttributionChannel, Document, Quotation, SourceType, TextSpan } from '../types.ts';
import { channelLexicon, channelOf } from './channels.ts';
import { type NameBook, type SpeakerKind, genderOfName, nameBookOf, speakerIn } from './names.ts';
import type { Gender } from './personCues.ts';
import { type CitationDraft, citationsOf, hostOf } from './references.ts';
import {
  OUTLET_CLUES,
  type SourceLexicon,
  TITLE_CLUES,
  TYPE_OF_CLUE,
  sourceHits,
  speakerKey,
} from './sourceLexicon.ts';
import {
  type Draft,
  MAX_CONTENT_CHARS,
  type SpeechContext,
  type TokenRange,
  firstTokenAtOrAfter,
  previousSentenceOf,
  speechContextOf,
  speechInSentence,
} from './speech.ts';

export type { SourceLexicon } from './sourceLexicon.ts';
export { loadSourceLexicon, sourceLexiconOf } from './sourceLexicon.ts';
export { MAX_CONTENT_CHARS } from './speech.ts';

/**
 * Who an article cites and how: reported speech led by a cue (direct, indirect, mixed,
 * according to), quotations that continue an attributed speaker, parenthetical references, a
 * references list and links. Each attribution names its source as written, the speaker it
 * resolves to, the kind of source, and, for state media, whether the text says so.
 */

/** Words that label an outlet as the state's: "state news agency", "Kremlin-controlled", "official news agency". */
const STATE_LABEL =
  /\bstate[-\s](?:run|owned|controlled|backed|affiliated|funded|sponsored|media|news|broadcaster|television|tv|agency|outlet|newspaper|press|mouthpiece)|\bofficial (?:news agency|newspaper|media|mouthpiece|outlet|broadcaster)|\b(?:kremlin|party|government|communist party)[-\s](?:controlled|run|owned|backed|affiliated|funded|mouthpiece)|\bmouthpiece\b|\bpropaganda (?:outlet|organ)/i;
const LABEL_WINDOW_BEFORE = 120;
const LABEL_WINDOW_AFTER = 60;
/** Sentences back within which a pronoun, a continued quotation or a platform may reach. */
const REACH = 2;
const MIN_QUOTE_WORDS = 4;
/** Sentences back within which a pronoun looks for its speaker ("..., he said" two paragraphs on). */
const PRONOUN_REACH = 6;
/** Sentences back within which a definite description ("the governor") looks for its referent. */
const DESCRIPTION_REACH = 40;

interface Resolved {
  readonly speaker: string | null;
  readonly kind: SpeakerKind | 'vague' | null;
  readonly resolution: Attribution['resolution'];
  /** The source's type before any platform of the statement is taken into account. */
  readonly baseType: SourceType;
  readonly outletAt: { start: number; end: number } | null;
}

interface Built {
  readonly attribution: Omit<Attribution, 'index'>;
  readonly kind: Resolved['kind'];
  readonly baseType: SourceType;
  readonly position: number;
}

export function findAttributions(
  doc: Document,
  quotations: readonly Quotation[],
  sources: SourceLexicon,
): Attribution[] {
  const quoted = speechContextOf(doc, sources, quotations);
  const names = nameBookOf(doc, sources, (k) => (quoted.quoteOf[k] as number) >= 0);
  const ctx: SpeechContext = { ...quoted, personName: (word) => names.persons.has(word.toLowerCase()) };
  const drafts: Draft[] = [];
  for (let s = 0; s < doc.sentences.length; s++) speechInSentence(ctx, s, drafts);
  const citations = citationsOf(doc);
  addContinuedQuotations(ctx, drafts, citations);
  drafts.sort((a, b) => positionOf(doc, a) - positionOf(doc, b));

  const turns = transcriptTurns(ctx, names);
  const built: Built[] = [];
  for (const d of drafts) if (!insideTurn(d, turns)) built.push(buildSpeech(ctx, names, d, built));
  for (const c of citations) built.push(buildCitation(ctx, names, c));
  built.push(...turns);
  built.sort((a, b) => a.position - b.position || kindOrder(a) - kindOrder(b));
  canonicalSpeakers(doc, built);
  const seen = new Set<string>();
  const out: Attribution[] = [];
  for (const b of built) {
    const a = b.attribution;
    const key = `${a.kind}|${a.cue?.start}|${a.source?.start}|${a.content?.start}|${a.content?.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ index: out.length, ...a });
  }
  return out;
}

/**
 * A quotation without a cue that covers a transcript turn (the turn's line opens with a
 * quotation mark) is that turn: the label, not the speaker quoted before, says who speaks.
 */
function insideTurn(d: Draft, turns: readonly Built[]): boolean {
  if (d.cue || !d.content) return false;
  const { start, end } = d.content;
  return turns.some((b) => {
    const c = b.attribution.content;
    return c !== null && start <= c.start && c.start - start <= 40 && end <= c.end + 1;
  });
}

const kindOrder = (b: Built) =>
  ['direct', 'mixed', 'indirect', 'according-to', 'parenthetical', 'reference', 'link'].indexOf(
    b.attribution.kind,
  );

function positionOf(doc: Document, d: Draft): number {
  const starts = [
    d.cue?.start,
    d.content?.start,
    d.source ? (doc.tokens.start[d.source.first] as number) : undefined,
  ];
  return Math.min(...starts.filter((x): x is number => x !== undefined));
}

/**
 * A quotation of several words that opens a sentence and no cue claims continues the speaker
 * quoted just before (`"...," he said. "..."`); without one nearby it is a direct quotation of
 * an unknown speaker.
 */
function addContinuedQuotations(
  ctx: SpeechContext,
  drafts: Draft[],
  citations: readonly CitationDraft[],
): void {
  const { doc, quotations } = ctx;
  const covered: Array<{ start: number; end: number }> = [];
  for (const d of drafts) if (d.content) covered.push(d.content);
  for (const c of citations) if (c.content) covered.push(c.content);
  const used = new Set(drafts.map((d) => d.quotation));
  const ordered = [...drafts].sort((a, b) => (a.content?.start ?? 0) - (b.content?.start ?? 0));
  const extra: Draft[] = [];
  let p = 0;
  let previous: Draft | null = null;
  quotations.forEach((q, qi) => {
    while (p < ordered.length && ((ordered[p] as Draft).content?.end ?? 0) <= q.start)
      previous = ordered[p++] as Draft;
    if (q.depth !== 0 || used.has(qi)) return;
    if (covered.some((c) => c.start <= q.content.start && q.content.end <= c.end + 1)) return;
    if (q.content.text.trim().split(/\s+/).length < MIN_QUOTE_WORDS) return;
    const k = firstTokenAtOrAfter(doc, q.start);
    const sentence = doc.sentences[doc.tokens.sentence[k] as number];
    if (!sentence || !sentence.scored || sentence.firstToken !== k) return;
    const prev = previous as Draft | null;
    // Counted from where the previous statement ends: a quotation of several sentences ("What's
    // their range? How ...? What ...") is followed by the same speaker's next paragraph.
    const prevEnd =
      prev?.content && prev.content.end > 0
        ? (doc.tokens.sentence[Math.max(0, firstTokenAtOrAfter(doc, prev.content.end) - 1)] as number)
        : (prev?.sentence ?? 0);
    const continues =
      prev !== null && prev.source !== null && sentence.index - Math.max(prev.sentence, prevEnd) <= REACH;
    const draft: Draft = {
      kind: 'direct',
      cue: null,
      source: continues ? prev.source : null,
      sourceFromClause: continues ? prev.sourceFromClause : false,
      content: { start: q.content.start, end: q.content.end },
      quotation: qi,
      sentence: sentence.index,
    };
    extra.push(draft);
    // The next quotation may continue this one.
    previous = draft;
  });
  drafts.push(...extra);
}

function textSpan(doc: Document, start: number, end: number): TextSpan {
  return textSpanOf(doc.text, doc.lineStarts, start, end);
}

function rangeText(doc: Document, r: TokenRange): { start: number; end: number; text: string } {
  const start = doc.tokens.start[r.first] as number;
  const end = doc.tokens.end[r.end - 1] as number;
  return { start, end, text: doc.text.slice(start, end) };
}

/** What a pronoun can refer to: a person of a gender, or a body or group. */
const PRONOUN_REFERENT: Readonly<Record<string, { kind: SpeakerKind; gender: Gender | null }>> = {
  he: { kind: 'person', gender: 'male' },
  she: { kind: 'person', gender: 'female' },
  it: { kind: 'body', gender: null },
  they: { kind: 'body', gender: null },
};

const UNRESOLVED: Resolved = {
  speaker: null,
  kind: null,
  resolution: 'unresolved',
  baseType: 'unknown',
  outletAt: null,
};

/** Speaker, resolution and type of a source phrase written as tokens. */
function resolveSource(
  ctx: SpeechContext,
  names: NameBook,
  range: TokenRange,
  sentence: number,
  earlier: readonly Built[],
): Resolved {
  const { doc, lexicon } = ctx;
  const phrase = rangeText(doc, range);
  const hits = sourceHits(lexicon, phrase.text);
  // A named outlet outranks a generic noun ("state news agency Xinhua" is state media, not "news agency").
  const outlet = OUTLET_CLUES.map((clue) => hits.find((h) => h.clue === clue)).find((h) => h !== undefined);
  const outletAt =
    outlet && outlet.clue === 'state-media'
      ? { start: phrase.start + outlet.start, end: phrase.start + outlet.end }
      : null;
  if (range.end - range.first === 1 && doc.tokens.pos[range.first] === 'PRON') {
    const wanted = PRONOUN_REFERENT[(doc.tokens.normal[range.first] as string).toLowerCase()];
    if (!wanted) return UNRESOLVED;
    const gender = wanted.gender as Gender;
    // First a person whose gender, from the article or else the first name, agrees; failing
    // that, one whose gender only the article could rule out (a first name is a prior, not proof).
    const found =
      wanted.kind === 'person'
        ? (personReferent(
            ctx,
            names,
            range.first,
            sentence,
            earlier,
            (name) => (genderOfName(names, name) ?? gender) === gender,
          ) ??
          personReferent(
            ctx,
            names,
            range.first,
            sentence,
            earlier,
            (name) => (names.genderOf.get(name.toLowerCase()) ?? gender) === gender,
          ))
        : bodyReferent(doc, sentence, earlier);
    if (!found) return UNRESOLVED;
    return {
      speaker: found.speaker,
      kind: wanted.kind,
      resolution: 'pronoun',
      baseType: found.baseType,
      outletAt: null,
    };
  }
  const described = definiteDescription(doc, range);
  if (described) {
    // "The president" may refer to a person named many paragraphs before.
    const found = personReferent(
      ctx,
      names,
      range.first,
      sentence,
      earlier,
      (name) => names.titleWords.get(name.toLowerCase())?.has(described) === true,
      DESCRIPTION_REACH,
    );
    if (found)
      return {
        speaker: found.speaker,
        kind: 'person',
        resolution: 'pronoun',
        baseType: found.baseType,
        outletAt,
      };
  }
  const speaker = speakerIn(doc, lexicon, range.first, range.end, names);
  // The title nearest the name is the one it bears: "the band's record company Universal" is a company.
  // A relative clause describes the source, it does not title it: "the self-titled Toughest
  // Sheriff, who ... has been a major supporter of" is no supporter (citizen).
  const relative = phrase.text.search(/,\s*(?:who|whose|which)\b/i);
  const titles = hits.filter((h) => TITLE_CLUES.includes(h.clue) && (relative < 0 || h.start < relative));
  // A profession or office outranks a private description in the same phrase: "Professor ...,
  // a long-time student of the basin" speaks as an expert, not as a citizen.
  const title = titles.findLast((h) => TYPE_OF_CLUE[h.clue] !== 'citizen') ?? titles.at(-1);
  let baseType: SourceType = 'unknown';
  if (outlet) baseType = TYPE_OF_CLUE[outlet.clue];
  else if (title) baseType = TYPE_OF_CLUE[title.clue];
  else if (speaker) baseType = typeOfName(lexicon, names, speaker.name, phrase.text) ?? 'other';
  else if (hits.some((h) => h.clue === 'document')) baseType = 'document';
  else if (hits.some((h) => h.clue === 'vague')) baseType = 'vague';
  // The head noun decides: "the latest Fox News poll" is a poll, "a Treasury report" a report.
  const head = hits.at(-1);
  if (head?.clue === 'document' && hits.length > 1 && (outlet || title)) baseType = 'document';
  if (speaker) return { speaker: speaker.name, kind: speaker.kind, resolution: 'named', baseType, outletAt };
  if (baseType === 'vague') return { speaker: null, kind: 'vague', resolution: 'vague', baseType, outletAt };
  const written = WRITTEN_HEAD.test(doc.tokens.value[range.end - 1] as string);
  if (baseType === 'document' || (written && !speaker)) {
    // "Trump unleashed a series of tweets saying ...": the person whose clause the document is the
    // object of wrote it.
    const author = documentAuthor(doc, names, range, sentence);
    if (author)
      return {
        speaker: author,
        kind: 'person',
        resolution: 'named',
        baseType: typeOfName(lexicon, names, author) ?? 'other',
        outletAt,
      };
    return { speaker: null, kind: 'body', resolution: 'vague', baseType, outletAt };
  }
  return { speaker: null, kind: null, resolution: 'unresolved', baseType, outletAt };
}

/** Head nouns of a text someone wrote or posted, which speaks for its author ("a series of tweets"). */
const WRITTEN_HEAD =
  /^(tweets?|posts?|statements?|letters?|e-?mails?|memos?|messages?|op-eds?|columns?|essays?|filings?)$/i;

/**
 * The author of a document named as a source without one ("a series of tweets"): the person named
 * as the subject of the same sentence, before the document, with a verb between them (the document
 * is that verb's object, not the subject: "The report said" has no author here).
 */
function documentAuthor(doc: Document, names: NameBook, range: TokenRange, sentence: number): string | null {
  const subject = (names.mentions.get(sentence) ?? []).find((m) => m.subject && m.firstToken < range.first);
  if (!subject) return null;
  const t = doc.tokens;
  for (let k = subject.firstToken + 1; k < range.first; k++) {
    if (t.value[k] === ',' || t.value[k] === ';') return null;
    if (t.pos[k] === 'VERB') return subject.name;
  }
  return null;
}

/**
 * The title word of a definite description without a name ("the governor", "the former senator"):
 * like a pronoun, it refers back to the person the article gave that title.
 */
function definiteDescription(doc: Document, range: TokenRange): string | null {
  const t = doc.tokens;
  if (range.end - range.first < 2 || (t.normal[range.first] as string).toLowerCase() !== 'the') return null;
  for (let k = range.first + 1; k < range.end; k++) {
    const v = t.value[k] as string;
    if (t.pos[k] === 'PROPN' || /^\p{Lu}/u.test(v) || !/^\p{Ll}+$/u.test(v)) return null;
  }
  return (t.normal[range.end - 1] as string).toLowerCase();
}

interface Referent {
  readonly speaker: string;
  readonly baseType: SourceType;
}

/**
 * The person "he" or "she" (or a definite description, "the governor") refers to. Walking back
 * from it sentence by sentence (up to PRONOUN_REACH, never into a byline, a sign-off or other
 * unscored lines), the first sentence decides that has a compatible speaker of an attribution (the
 * first of them) or a compatible person as its subject (named before any verb); failing both, the
 * nearest compatible person named at all. Compatible: of the pronoun's gender when the article
 * gives one ("Ms. Rice" is no "he"); for a description, a person the article gives that title.
 * Names inside quotations are not referents.
 */
function personReferent(
  ctx: SpeechContext,
  names: NameBook,
  pronoun: number,
  sentence: number,
  earlier: readonly Built[],
  fits: (name: string) => boolean,
  reach: number = PRONOUN_REACH,
): Referent | null {
  const { doc } = ctx;
  const typeOf = (name: string, fallback?: SourceType): SourceType => {
    if (fallback && fallback !== 'unknown' && fallback !== 'other') return fallback;
    return typeOfName(ctx.lexicon, names, name) ?? fallback ?? 'other';
  };
  const pick = <T extends { name: string }>(list: readonly T[]): T | undefined => list[0];
  let nearest: string | null = null;
  let i = earlier.length - 1;
  for (let at = sentence, n = 0; n <= reach; n++) {
    const s = doc.sentences[at];
    if (!s || (at !== sentence && !s.scored)) break;
    const speakers: { name: string; baseType: SourceType }[] = [];
    while (i >= 0 && (earlier[i] as Built).attribution.sentence > at) i--;
    for (; i >= 0 && (earlier[i] as Built).attribution.sentence === at; i--) {
      const b = earlier[i] as Built;
      const name = b.attribution.speaker;
      if (b.kind !== 'person' || !name || b.attribution.resolution === 'vague' || !fits(name)) continue;
      speakers.unshift({ name, baseType: b.baseType });
    }
    const speaker = pick(speakers);
    if (speaker) return { speaker: speaker.name, baseType: typeOf(speaker.name, speaker.baseType) };
    const mentions = (names.mentions.get(at) ?? []).filter(
      (m) => (at !== sentence || m.firstToken < pronoun) && fits(m.name),
    );
    const subject = pick(mentions.filter((m) => m.subject));
    if (subject) return { speaker: subject.name, baseType: typeOf(subject.name) };
    nearest ??= pick(mentions)?.name ?? null;
    if (at === 0) break;
    at = previousSentenceOf(doc, at);
  }
  return nearest ? { speaker: nearest, baseType: typeOf(nearest) } : null;
}

/**
 * The body or group "it" or "they" refers to: the nearest sentence (this one or up to
 * PRONOUN_REACH back) that has an attribution to a body decides; one there resolves the pronoun,
 * two leave it open.
 */
function bodyReferent(doc: Document, sentence: number, earlier: readonly Built[]): Referent | null {
  const candidates = new Map<string, Referent>();
  let i = earlier.length - 1;
  for (let at = sentence, n = 0; n <= PRONOUN_REACH && candidates.size === 0; n++) {
    const s = doc.sentences[at];
    if (!s || (at !== sentence && !s.scored)) return null;
    while (i >= 0 && (earlier[i] as Built).attribution.sentence > at) i--;
    for (; i >= 0 && (earlier[i] as Built).attribution.sentence === at; i--) {
      const b = earlier[i] as Built;
      if (b.kind === 'body' && b.attribution.speaker && b.attribution.resolution !== 'vague')
        candidates.set(b.attribution.speaker, { speaker: b.attribution.speaker, baseType: b.baseType });
    }
    if (at === 0) break;
    at = previousSentenceOf(doc, at);
  }
  return candidates.size === 1 ? ([...candidates.values()][0] as Referent) : null;
}

/**
 * The channel of a statement: its sentence outside the content is searched for a platform, an
 * agency or outlet the speaker told, or a channel phrase ("in a statement"). A cue like "tweeted",
 * or a write/add/say by a speaker whose statement a sentence or two back was a post, is a post.
 */
function statementChannel(
  ctx: SpeechContext,
  d: Draft,
  earlier: readonly Built[],
  speaker: string | null,
): AttributionChannel | null {
  const { doc, lexicon } = ctx;
  const s = doc.sentences[d.sentence];
  if (!s) return null;
  const content = d.content ?? { start: s.span.end, end: s.span.end };
  // At most MAX_CONTENT_CHARS either side: in a run-on text the content lies far past the sentence's start.
  const around = `${doc.text.slice(Math.max(s.span.start, content.start - MAX_CONTENT_CHARS), content.start)} ${doc.text.slice(content.end, Math.min(s.span.end, content.end + MAX_CONTENT_CHARS))}`;
  const source = d.source ? rangeText(doc, d.source).text : '';
  const posted = d.cue !== null && ['tweet', 'post'].includes(d.cue.verb.lemma);
  if (!posted && speaker && d.cue && ['write', 'add', 'say', 'post'].includes(d.cue.verb.lemma)) {
    // The speaker's previous statement, a sentence or two back, was a post: so is this one.
    for (let i = earlier.length - 1; i >= 0; i--) {
      const b = earlier[i] as Built;
      if (b.attribution.sentence < d.sentence - REACH) break;
      if (b.attribution.speaker !== speaker) continue;
      if (b.attribution.channel?.kind === 'social-media') {
        const found = channelOf(lexicon, channelLexicon(), around, source, true);
        return found?.kind === 'social-media' && found.platform ? found : b.attribution.channel;
      }
      break;
    }
  }
  return channelOf(lexicon, channelLexicon(), around, source, posted);
}

/** Whether the outlet at `at` is labelled as state media there, or was at an earlier mention. */
function stateLabelDisclosed(doc: Document, at: { start: number; end: number }): boolean {
  const name = doc.text.slice(at.start, at.end);
  const text = doc.text;
  for (let from = text.indexOf(name); from >= 0 && from <= at.start; from = text.indexOf(name, from + 1)) {
    const k = firstTokenAtOrAfter(doc, from);
    const sentence = doc.sentences[doc.tokens.sentence[Math.min(k, doc.tokens.count - 1)] as number];
    const lo = Math.max(sentence ? sentence.span.start : 0, from - LABEL_WINDOW_BEFORE);
    const hi = Math.min(sentence ? sentence.span.end : text.length, from + name.length + LABEL_WINDOW_AFTER);
    if (STATE_LABEL.test(text.slice(lo, hi))) return true;
  }
  return false;
}

function cueSpan(doc: Document, d: Draft): Attribution['cue'] {
  if (!d.cue) return null;
  return { ...textSpan(doc, d.cue.start, d.cue.end), lemma: d.cue.verb.lemma, loaded: d.cue.verb.loaded };
}

function buildSpeech(ctx: SpeechContext, names: NameBook, d: Draft, earlier: readonly Built[]): Built {
  const { doc } = ctx;
  const resolved: Resolved = d.source
    ? (continuedFrom(doc, d, earlier) ?? resolveSource(ctx, names, d.source, d.sentence, earlier))
    : { speaker: null, kind: null, resolution: 'unresolved', baseType: 'unknown', outletAt: null };
  // The channel is not the kind of source: an official posting on Truth Social stays an official.
  const channel = statementChannel(ctx, d, earlier, resolved.speaker);
  const sourceType: SourceType = resolved.baseType;
  const source = d.source ? rangeText(doc, d.source) : null;
  return {
    attribution: {
      kind: d.kind,
      cue: cueSpan(doc, d),
      source: source ? textSpan(doc, source.start, source.end) : null,
      speaker: resolved.speaker,
      resolution: resolved.resolution,
      sourceType,
      stateLabelDisclosed:
        sourceType === 'state-media' && resolved.outletAt
          ? stateLabelDisclosed(doc, resolved.outletAt)
          : null,
      channel,
      content: d.content ? textSpan(doc, d.content.start, d.content.end) : null,
      ...(d.contentCut ? { contentCut: true } : {}),
      sentence: d.sentence,
    },
    kind: resolved.kind,
    baseType: resolved.baseType,
    position: positionOf(doc, d),
  };
}

/** A quotation that continues a statement speaks with the voice that statement was resolved to. */
function continuedFrom(doc: Document, d: Draft, earlier: readonly Built[]): Resolved | null {
  if (d.cue || !d.source) return null;
  const start = doc.tokens.start[d.source.first] as number;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const b = earlier[i] as Built;
    if (b.attribution.source?.start !== start) continue;
    const a = b.attribution;
    return {
      speaker: a.speaker,
      kind: b.kind,
      resolution: a.resolution,
      baseType: b.baseType,
      outletAt: null,
    };
  }
  return null;
}

function buildCitation(ctx: SpeechContext, names: NameBook, c: CitationDraft): Built {
  const { doc, lexicon } = ctx;
  let resolved: Resolved;
  if (c.kind === 'link') {
    const host = hostOf(doc.text.slice(c.source.start, c.source.end));
    const label = host.split('.').slice(0, -1).join('.') || host;
    const squeezed = label.replace(/[^a-z0-9]/gi, '').toLowerCase();
    let baseType: SourceType = 'unknown';
    for (const clue of OUTLET_CLUES) {
      const re = lexicon.clues.find((x) => x.clue === clue);
      if (
        re &&
        [...re.ids.keys()].some((k) => k.length >= 4 && squeezed.includes(k.replace(/[^a-z0-9]/g, '')))
      ) {
        baseType = TYPE_OF_CLUE[clue];
        break;
      }
    }
    resolved = { speaker: host, kind: 'body', resolution: 'named', baseType, outletAt: null };
  } else {
    const first = firstTokenAtOrAfter(doc, c.source.start);
    let end = first;
    while (end < doc.tokens.count && (doc.tokens.end[end] as number) <= c.source.end) end++;
    resolved =
      end > first
        ? resolveSource(ctx, names, { first, end }, c.sentence, [])
        : { speaker: null, kind: null, resolution: 'unresolved', baseType: 'unknown', outletAt: null };
  }
  const outletAt = resolved.baseType === 'state-media' ? (resolved.outletAt ?? c.source) : null;
  return {
    attribution: {
      kind: c.kind,
      cue: null,
      source: textSpan(doc, c.source.start, c.source.end),
      speaker: resolved.speaker,
      resolution: resolved.resolution,
      sourceType: resolved.baseType,
      stateLabelDisclosed: outletAt ? stateLabelDisclosed(doc, outletAt) : null,
      channel: c.kind === 'reference' ? { kind: 'document', platform: null } : null,
      content: c.content ? textSpan(doc, c.content.start, c.content.end) : null,
      sentence: c.sentence,
    },
    kind: resolved.kind,
    baseType: resolved.baseType,
    position: Math.min(c.source.start, c.content?.start ?? c.source.start),
  };
}

/** A line of a transcript that is a stage direction, not speech: "(CROSSTALK.)", "[LAUGHTER]". */
const STAGE_DIRECTION = /^[(\[][^)\]]*[)\]][.\s]*$/;
/** An outlet's initials as a question label ("RT:", "BBC:"): the outlet asks in its own voice. */
const OUTLET_LABEL = /^\p{Lu}{2,4}$/u;

/** A speaker label as a name: "Lavrov" stays, "WALLACE" becomes "Wallace". */
function labelAsName(label: string): string {
  return label.replace(/\p{Lu}+/gu, (w) => (w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w));
}

/**
 * The turns of a Q&A transcript (structure parts `question` and `answer`) that are someone's
 * words, each a direct attribution whose source is its label, channel interview. Answers are the
 * interviewee's: a name label ("Lavrov:", "PENCE:") is the speaker; for "A:" the speaker is the
 * person the title or lead names first, if any. Questions under a name label are the
 * interviewer's ("WALLACE:" in a TV interview the article reprints); under "Q:", or an outlet's
 * initials written outside quotation marks ("RT:"), they are the outlet's own voice. Stage
 * directions ("(CROSSTALK.)") are no one's words.
 */
function transcriptTurns(ctx: SpeechContext, names: NameBook): Built[] {
  const { doc } = ctx;
  const turns = doc.structure.body.filter((p) => p.kind === 'answer' || p.kind === 'question');
  if (turns.length === 0) return [];
  const intro = [doc.structure.title, doc.structure.lead].find((p) => p !== null);
  let interviewee: string | null = null;
  if (intro) {
    const s = doc.tokens.sentence[firstTokenAtOrAfter(doc, intro.start)] as number;
    interviewee = names.mentions.get(s)?.[0]?.name ?? null;
  }
  const out: Built[] = [];
  for (const p of turns) {
    const label = p.label ?? '';
    // A transcript printed as one quotation per paragraph opens each line with a quotation mark.
    const quote = /^["“‘']/.test(p.text) ? 1 : 0;
    if (p.kind === 'question' && (/^(Q|Question)$/i.test(label) || (!quote && OUTLET_LABEL.test(label))))
      continue;
    // The line opens with its label ("A: ...") or is a turn written without one.
    const opening = /^[^:：]*[:：]\s*/.exec(p.text.slice(quote));
    const labelled = opening && opening[0].replace(/[:：]\s*$/, '').trim() === label ? opening : null;
    const labelStart = p.start + quote;
    const contentStart = labelStart + (labelled ? labelled[0].length : 0);
    if (
      contentStart >= p.end ||
      STAGE_DIRECTION.test(doc.text.slice(contentStart, p.end).replace(/^["“‘']/, ''))
    )
      continue;
    const named = /^(A|Answer)$/i.test(label)
      ? interviewee
      : (names.fullName.get(label.toLowerCase()) ?? labelAsName(label));
    const k = firstTokenAtOrAfter(doc, p.start);
    const type = named ? (typeOfName(ctx.lexicon, names, named) ?? 'other') : 'unknown';
    const sourceEnd = labelled ? labelStart + label.length : labelStart;
    out.push({
      attribution: {
        kind: 'direct',
        cue: null,
        source: labelled ? textSpan(doc, labelStart, sourceEnd) : null,
        speaker: named,
        resolution: named ? 'named' : 'unresolved',
        sourceType: type,
        stateLabelDisclosed: null,
        channel: { kind: 'interview', platform: null },
        content: textSpan(doc, contentStart, p.end),
        sentence: doc.tokens.sentence[Math.min(k, doc.tokens.count - 1)] as number,
      },
      kind: named ? 'person' : null,
      baseType: type,
      position: p.start,
    });
  }
  return out;
}

/**
 * A person's type from the title the article gives them, else a known public person's (by the
 * speaker's name, or by the phrase that names them: "Lord Falconer" is the speaker "Falconer", an
 * honorific being no part of a name); null when neither tells.
 */
function typeOfName(
  lexicon: SourceLexicon,
  names: NameBook,
  name: string,
  phrase?: string,
): SourceType | null {
  const title = names.titleOf.get(name.toLowerCase());
  if (title) return TYPE_OF_CLUE[title];
  const known = lexicon.persons.get(speakerKey(name));
  if (known || phrase === undefined) return known ?? null;
  return lexicon.persons.get(speakerKey(phrase.replace(/^\s*the\s+/i, ''))) ?? null;
}

/**
 * One speaker, one name, and the other names the article gives it. A one-word speaker ("Wang")
 * that is a word of exactly one longer person name among the article's speakers ("Wang Yiwei")
 * takes that name; an acronym ("CDC", "C.D.C.") takes the name whose initials it is ("Centers for
 * Disease Control and Prevention") when the article writes that name. Each attribution lists the
 * other forms its speaker is written in (aliases), so `n_named_sources` counts one source once.
 */
function canonicalSpeakers(doc: Document, built: Built[]): void {
  const full = [
    ...new Set(built.filter((b) => b.kind === 'person').map((b) => b.attribution.speaker as string)),
  ].filter((n) => n.includes(' '));
  const expansions = acronymExpansions(doc.text);
  const forms = new Map<string, Set<string>>();
  for (let i = 0; i < built.length; i++) {
    const b = built[i] as Built;
    const written = b.attribution.speaker;
    if (!written || b.attribution.kind === 'link') continue;
    let name = written;
    const acronym = written.replace(/\./g, '');
    if (/^\p{Lu}{2,6}$/u.test(acronym)) name = expansions.get(acronym) ?? acronym;
    else if (!written.includes(' ')) {
      const fits = full.filter((f) => f.split(' ').includes(written));
      if (fits.length === 1) name = fits[0] as string;
    }
    if (name !== written || b.kind !== 'person')
      built[i] = {
        ...b,
        kind: name !== written && full.includes(name) ? 'person' : b.kind,
        attribution: { ...b.attribution, speaker: name },
      };
    const set = forms.get(name) ?? new Set<string>();
    // Only a name is an alias: "he" and "the governor" refer to the speaker without naming it.
    if (b.attribution.resolution === 'named')
      for (const f of [written, nameAsWritten(b.attribution.source?.text ?? '')])
        if (f && f !== name) set.add(f);
    forms.set(name, set);
  }
  for (let i = 0; i < built.length; i++) {
    const b = built[i] as Built;
    const aliases = b.attribution.speaker ? forms.get(b.attribution.speaker) : undefined;
    if (aliases && aliases.size > 0)
      built[i] = { ...b, attribution: { ...b.attribution, aliases: [...aliases].sort(compareText) } };
  }
}

/** A source phrase that is only a name ("Mr. Trump", "the C.D.C."), as written without "the"; else null. */
function nameAsWritten(source: string): string | null {
  const bare = source.replace(/^the\s+/i, '').trim();
  return /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}$/u.test(bare) ? bare : null;
}

/** Words that an organisation's initials skip ("Centers for Disease Control and Prevention" is CDC(P)). */
const INITIAL_SKIP = new Set(['of', 'for', 'and', 'the', 'on', 'in', '&']);

/**
 * Acronyms a text spells out: each run of capitalised words (joined by of/for/and/the) by its
 * initials, and by its initials without the last ("CDCP" and "CDC" for "Centers for Disease
 * Control and Prevention"); the first run written wins, a full match over a shortened one.
 */
function acronymExpansions(text: string): Map<string, string> {
  const exact = new Map<string, string>();
  const prefix = new Map<string, string>();
  const run = /\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:of|for|and|the|on|in|&)\s+)*\p{Lu}[\p{L}'’-]*)+/gu;
  for (const m of text.matchAll(run)) {
    const words = m[0].split(/\s+/);
    let initials = '';
    for (const w of words) if (!INITIAL_SKIP.has(w.toLowerCase())) initials += (w[0] as string).toUpperCase();
    if (initials.length < 2) continue;
    const name = m[0].replace(/^the\s+/i, '');
    if (!exact.has(initials)) exact.set(initials, name);
    // The last word's initial may be left out: "CDC" for "... Control and Prevention".
    const shorter = initials.slice(0, -1);
    if (shorter.length >= 2 && !prefix.has(shorter)) prefix.set(shorter, name);
  }
  for (const [k, v] of prefix) if (!exact.has(k)) exact.set(k, v);
  return exact;
}
