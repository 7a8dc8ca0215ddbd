import type { TermChoice } from '../figures/framing.ts';
import { compareText } from '../order.ts';
import type { Attribution, Document, Match, Metadata, SourceType, Span } from '../types.ts';
import type { EventKindLexicon } from './eventKinds.ts';
import { type Fact, findFacts } from './facts.ts';
import { combineHash, hashString } from './hash.ts';
import { minhashSignature, sortedUnique } from './minhash.ts';
import { isStopWord } from './stopwords.ts';

/**
 * The compact record of one article that every corpus-level comparison works from. It keeps
 * fingerprints (hashes), counts and the facts with their sentences, never the article's full text
 * or token table, so that a corpus of a million articles can be compared in memory.
 */

/** Words per shingle for copy detection (content stems, stop words removed). */
export const SHINGLE_SIZE = 5;

export interface SentenceFingerprint {
  readonly index: number;
  readonly span: Span;
  /** Sorted unique hashes of the sentence's content stems. */
  readonly hashes: Uint32Array;
  /** Number of content tokens (with repeats): the sentence's weight in shared shares. */
  readonly size: number;
}

/** One row of the term-choice table: which alternative of a set of competing terms, how often. */
export interface TermChoiceCount {
  readonly set: string;
  readonly term: string;
  readonly count: number;
}

/** Hits of one lexicon entry in one article, with the first hit as written. */
export interface EntryCount {
  readonly entry: string;
  readonly category: string;
  readonly count: number;
  readonly example: string;
}

/** How often an article cites one source. */
export interface SourceCount {
  readonly source: string;
  readonly sourceType: SourceType;
  readonly count: number;
}

export interface TermCounts {
  /** Sorted term keys (lower-case lemmas, stop words removed). */
  readonly keys: readonly string[];
  readonly counts: Int32Array;
  readonly total: number;
}

/**
 * What reuse detection needs of an article beyond its signature: exact shingles and per-sentence
 * fingerprints. They are the bulk of a summary and only candidate pairs need them, so a long run
 * keeps them on disk and reads back those of the candidates' articles (run/articleStore.ts).
 */
export interface Fingerprints {
  readonly shingles: Uint32Array;
  readonly sentences: readonly SentenceFingerprint[];
}

export interface ArticleSummary {
  readonly id: string;
  readonly metadata: Metadata;
  readonly file: string;
  readonly wordCount: number;
  readonly terms: TermCounts;
  /** MinHash signature of the set of content stems: candidate generation for grouping and reuse. */
  readonly signature: Uint32Array;
  /** Sorted unique hashes of SHINGLE_SIZE-word shingles of content stems: exact copy measures. */
  readonly shingles: Uint32Array;
  readonly sentences: readonly SentenceFingerprint[];
  readonly facts: readonly Fact[];
  readonly termChoices: readonly TermChoiceCount[];
  readonly framing: readonly EntryCount[];
  readonly sources: readonly SourceCount[];
  readonly figures: Readonly<Record<string, number | null>>;
}

export interface SummaryOptions {
  readonly eventKinds?: EventKindLexicon | null;
  /** Term-choice rows for this article (from the framing engine's `termChoices`). */
  readonly termChoices?: readonly TermChoiceCount[];
}

const CONTENT_TYPES = new Set(['word', 'number']);

/** What the fingerprints need to know of a normal form, worked out once per word of the corpus. */
interface WordFacts {
  readonly stop: boolean;
  /** The normal form has a letter: it counts as a term. */
  readonly letter: boolean;
}

const wordFacts = new Map<string, WordFacts>();
const stemHashMemo = new Map<string, number>();
/** Bounds the memo tables on a corpus of unbounded vocabulary. */
const MEMO_LIMIT = 200_000;

function factsOfWord(normal: string): WordFacts {
  let facts = wordFacts.get(normal);
  if (facts === undefined) {
    facts = { stop: isStopWord(normal), letter: /\p{L}/u.test(normal) };
    if (wordFacts.size >= MEMO_LIMIT) wordFacts.clear();
    wordFacts.set(normal, facts);
  }
  return facts;
}

function hashOfStem(stem: string): number {
  let h = stemHashMemo.get(stem);
  if (h === undefined) {
    h = hashString(stem);
    if (stemHashMemo.size >= MEMO_LIMIT) stemHashMemo.clear();
    stemHashMemo.set(stem, h);
  }
  return h;
}

export function summarizeForComparison(
  doc: Document,
  matches: readonly Match[],
  attributions: readonly Attribution[],
  figures: Readonly<Record<string, number | null>>,
  options: SummaryOptions = {},
): ArticleSummary {
  const tokens = doc.tokens;
  const termMap = new Map<string, number>();
  let termTotal = 0;
  const stemHashes: number[] = [];
  const sentences: SentenceFingerprint[] = [];
  for (const sentence of doc.sentences) {
    if (!sentence.scored) continue;
    const hashes: number[] = [];
    for (let t = sentence.firstToken; t < sentence.endToken; t++) {
      if (!tokens.scored[t] || !CONTENT_TYPES.has(tokens.type[t] as string)) continue;
      const word = factsOfWord(tokens.normal[t] as string);
      if (word.stop) continue;
      const h = hashOfStem(tokens.stem[t] as string);
      hashes.push(h);
      stemHashes.push(h);
      if (word.letter) {
        const key = (tokens.lemma[t] as string).toLowerCase();
        termMap.set(key, (termMap.get(key) ?? 0) + 1);
        termTotal++;
      }
    }
    if (hashes.length > 0)
      sentences.push({
        index: sentence.index,
        span: sentence.span,
        hashes: sortedUnique(hashes),
        size: hashes.length,
      });
  }
  const keys = [...termMap.keys()].sort();
  const counts = Int32Array.from(keys, (k) => termMap.get(k) as number);
  const shingles: number[] = [];
  for (let i = 0; i + SHINGLE_SIZE <= stemHashes.length; i++) {
    let h = 0;
    for (let k = 0; k < SHINGLE_SIZE; k++) h = combineHash(h, stemHashes[i + k] as number);
    shingles.push(h);
  }
  const stemSet = sortedUnique(stemHashes);
  return {
    id: doc.article.id,
    metadata: doc.article.metadata,
    file: doc.article.source.file,
    wordCount: doc.wordCount,
    terms: { keys, counts, total: termTotal },
    signature: minhashSignature(stemSet),
    shingles: sortedUnique(shingles),
    sentences,
    facts: findFacts(doc, options.eventKinds ?? null),
    termChoices: [...(options.termChoices ?? [])].sort(
      (a, b) => compareText(a.set, b.set) || compareText(a.term, b.term),
    ),
    framing: countEntries(matches),
    sources: countSources(attributions),
    figures,
  };
}

function countEntries(matches: readonly Match[]): EntryCount[] {
  const byEntry = new Map<string, { category: string; count: number; example: string }>();
  for (const m of matches) {
    const key = `${m.pack}/${m.entryId}`;
    const e = byEntry.get(key);
    if (e) e.count++;
    else byEntry.set(key, { category: m.category, count: 1, example: m.text });
  }
  return [...byEntry.entries()]
    .map(([entry, e]) => ({ entry, ...e }))
    .sort((a, b) => compareText(a.entry, b.entry));
}

function countSources(attributions: readonly Attribution[]): SourceCount[] {
  const bySource = new Map<string, { sourceType: SourceType; count: number }>();
  for (const a of attributions) {
    const name = a.speaker ?? a.source?.text ?? null;
    if (!name) continue;
    const key = name.replace(/\s+/g, ' ').trim();
    const e = bySource.get(key);
    if (e) e.count++;
    else bySource.set(key, { sourceType: a.sourceType, count: 1 });
  }
  return [...bySource.entries()]
    .map(([source, e]) => ({ source, ...e }))
    .sort((a, b) => compareText(a.source, b.source));
}

/** The framing engine's `termChoices` rows, flattened to one count per term used. */
export function termChoiceCounts(choices: readonly TermChoice[]): TermChoiceCount[] {
  const out: TermChoiceCount[] = [];
  for (const c of choices)
    for (const [term, count] of Object.entries(c.counts))
      if (count > 0) out.push({ set: c.set, term, count });
  return out;
}
