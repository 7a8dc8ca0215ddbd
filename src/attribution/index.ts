import { textSpanOf } from '../text/positions.ts';
import type { Attribution, Document, Quotation, SourceType, TextSpan } from '../types.ts';
import { type NameBook, type SpeakerKind, nameBookOf, sentenceSubject, speakerIn } from './names.ts';
import { type CitationDraft, citationsOf, hostOf } from './references.ts';
import { type SourceClue, type SourceLexicon, TYPE_OF_CLUE, sourceHits } from './sourceLexicon.ts';
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

const OUTLET_CLUES: readonly SourceClue[] = ['state-media', 'wire', 'news-outlet', 'social-media'];
const TITLE_CLUES: readonly SourceClue[] = ['official-title', 'expert-title'];
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
  const ctx = speechContextOf(doc, sources, quotations);
  const names = nameBookOf(doc, sources);
  const drafts: Draft[] = [];
  for (let s = 0; s < doc.sentences.length; s++) speechInSentence(ctx, s, drafts);
  const citations = citationsOf(doc);
  addContinuedQuotations(ctx, drafts, citations);
  drafts.sort((a, b) => positionOf(doc, a) - positionOf(doc, b));

  const built: Built[] = [];
  for (const d of drafts) built.push(buildSpeech(ctx, names, d, built));
  for (const c of citations) built.push(buildCitation(ctx, names, c));
  built.sort((a, b) => a.position - b.position || kindOrder(a) - kindOrder(b));
  canonicalSpeakers(built);
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
    const continues = prev !== null && prev.source !== null && sentence.index - prev.sentence <= REACH;
    extra.push({
      kind: 'direct',
      cue: null,
      source: continues ? prev.source : null,
      sourceFromClause: continues ? prev.sourceFromClause : false,
      content: { start: q.content.start, end: q.content.end },
      quotation: qi,
      sentence: sentence.index,
    });
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

const PRONOUN_KIND: Readonly<Record<string, SpeakerKind>> = {
  he: 'person',
  she: 'person',
  who: 'person',
  it: 'body',
  they: 'body',
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
    const wanted = PRONOUN_KIND[(doc.tokens.normal[range.first] as string).toLowerCase()];
    if (!wanted)
      return { speaker: null, kind: null, resolution: 'unresolved', baseType: 'unknown', outletAt: null };
    // The nearest sentence (this one or up to PRONOUN_REACH back) that names a speaker of the
    // pronoun's kind, or for he/she opens with a person's name, decides: one name there resolves
    // the pronoun, two leave it open.
    const candidates = new Map<string, { speaker: string; baseType: SourceType }>();
    let i = earlier.length - 1;
    for (let at = sentence, n = 0; n <= PRONOUN_REACH && candidates.size === 0; n++) {
      while (i >= 0 && (earlier[i] as Built).attribution.sentence > at) i--;
      for (; i >= 0 && (earlier[i] as Built).attribution.sentence === at; i--) {
        const b = earlier[i] as Built;
        if (b.kind === wanted && b.attribution.speaker && b.attribution.resolution !== 'vague')
          candidates.set(b.attribution.speaker, { speaker: b.attribution.speaker, baseType: b.baseType });
      }
      if (candidates.size === 0 && wanted === 'person' && at !== sentence) {
        const subject = sentenceSubject(doc, lexicon, names, at);
        if (subject) {
          const known = names.titleOf.get(subject.name.toLowerCase());
          candidates.set(subject.name, {
            speaker: subject.name,
            baseType: known ? TYPE_OF_CLUE[known] : 'other',
          });
        }
      }
      if (at === 0) break;
      at = previousSentenceOf(doc, at);
    }
    if (candidates.size === 1) {
      const only = [...candidates.values()][0] as { speaker: string; baseType: SourceType };
      return {
        speaker: only.speaker,
        kind: wanted,
        resolution: 'pronoun',
        baseType: only.baseType,
        outletAt: null,
      };
    }
    return { speaker: null, kind: null, resolution: 'unresolved', baseType: 'unknown', outletAt: null };
  }
  const speaker = speakerIn(doc, lexicon, range.first, range.end, names);
  const title = hits.find((h) => TITLE_CLUES.includes(h.clue));
  let baseType: SourceType = 'unknown';
  if (outlet) baseType = TYPE_OF_CLUE[outlet.clue];
  else if (title) baseType = TYPE_OF_CLUE[title.clue];
  else if (speaker) {
    const known = names.titleOf.get(speaker.name.toLowerCase());
    baseType = known ? TYPE_OF_CLUE[known] : 'other';
  } else if (hits.some((h) => h.clue === 'document')) baseType = 'document';
  else if (hits.some((h) => h.clue === 'vague')) baseType = 'vague';
  if (speaker) return { speaker: speaker.name, kind: speaker.kind, resolution: 'named', baseType, outletAt };
  if (baseType === 'vague') return { speaker: null, kind: 'vague', resolution: 'vague', baseType, outletAt };
  if (baseType === 'document')
    return { speaker: null, kind: 'body', resolution: 'vague', baseType, outletAt };
  return { speaker: null, kind: null, resolution: 'unresolved', baseType, outletAt };
}

/** Whether the statement was a post: a platform named around the cue, or a cue like "tweeted". */
function postedOnPlatform(
  ctx: SpeechContext,
  d: Draft,
  earlier: readonly Built[],
  speaker: string | null,
): boolean {
  const { doc, lexicon } = ctx;
  if (d.cue && ['tweet', 'post'].includes(d.cue.verb.lemma)) return true;
  const s = doc.sentences[d.sentence];
  if (!s) return false;
  const content = d.content ?? { start: s.span.end, end: s.span.end };
  // At most MAX_CONTENT_CHARS either side: in a run-on text the content lies far past the sentence's start.
  const outside = `${doc.text.slice(Math.max(s.span.start, content.start - MAX_CONTENT_CHARS), content.start)} ${doc.text.slice(content.end, Math.min(s.span.end, content.end + MAX_CONTENT_CHARS))}`;
  if (
    sourceHits(lexicon, outside).some(
      (h) => h.clue === 'social-media' && !/^(post|blog|tweet)$/i.test(outside.slice(h.start, h.end)),
    )
  )
    return true;
  if (!speaker || !d.cue || !['write', 'add', 'say', 'post'].includes(d.cue.verb.lemma)) return false;
  // The speaker's previous statement, a sentence or two back, was a post: so is this one.
  for (let i = earlier.length - 1; i >= 0; i--) {
    const b = earlier[i] as Built;
    if (b.attribution.sentence < d.sentence - REACH) break;
    if (b.attribution.speaker === speaker) return b.attribution.sourceType === 'social-media';
  }
  return false;
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
  const posted = resolved.baseType !== 'state-media' && postedOnPlatform(ctx, d, earlier, resolved.speaker);
  const sourceType: SourceType = posted ? 'social-media' : resolved.baseType;
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
      content: c.content ? textSpan(doc, c.content.start, c.content.end) : null,
      sentence: c.sentence,
    },
    kind: resolved.kind,
    baseType: resolved.baseType,
    position: Math.min(c.source.start, c.content?.start ?? c.source.start),
  };
}

/**
 * One speaker, one name: a one-word speaker ("Wang") that is a word of a longer person name
 * among the article's speakers ("Wang Yiwei") takes that name, when exactly one name fits.
 */
function canonicalSpeakers(built: Built[]): void {
  const full = [
    ...new Set(built.filter((b) => b.kind === 'person').map((b) => b.attribution.speaker as string)),
  ].filter((n) => n.includes(' '));
  for (let i = 0; i < built.length; i++) {
    const b = built[i] as Built;
    const name = b.attribution.speaker;
    if (!name || name.includes(' ') || b.attribution.kind === 'link') continue;
    const fits = full.filter((f) => f.split(' ').includes(name));
    if (fits.length !== 1) continue;
    built[i] = { ...b, kind: 'person', attribution: { ...b.attribution, speaker: fits[0] as string } };
  }
}
