import { givenValue } from '../corpus/metadata.ts';
import type { Article, ArticleStructure, Document, Entity, Sentence, TokenTable } from '../types.ts';
import { lineStartsOf, spanOf } from './positions.ts';
import { stemOf } from './stem.ts';
import { findStructure, unscoredRanges } from './structure.ts';
import { type Block, type RawEntity, type RawSentence, blocksOf, entitiesOf, tokenize } from './tokenize.ts';

/** Token types that count as words in every rate's denominator. */
const WORD_TYPES = new Set(['word', 'number', 'hashtag', 'mention', 'ordinal']);

/**
 * What lexicon matching reads of an article (see `readLexicalDocument`): a Document without
 * stems, sentence objects or entities.
 */
export interface LexicalDocument {
  readonly article: Article;
  readonly text: string;
  readonly lineStarts: Int32Array;
  readonly tokens: Omit<TokenTable, 'stem'>;
  readonly structure: ArticleStructure;
  readonly wordCount: number;
}

/** Marks tokens in furniture, bylines, date lines and references as unscored (0). */
function scoredMask(tokenStart: Int32Array, structure: ArticleStructure): Uint8Array {
  const count = tokenStart.length;
  const scored = new Uint8Array(count).fill(1);
  const ranges = unscoredRanges(structure);
  let r = 0;
  for (let t = 0; t < count; t++) {
    const s = tokenStart[t] as number;
    while (r < ranges.length && (ranges[r] as readonly [number, number])[1] <= s) r++;
    const range = ranges[r];
    if (range && range[0] <= s && s < range[1]) scored[t] = 0;
  }
  return scored;
}

function wordCountOf(type: readonly string[], scored: Uint8Array): number {
  let wordCount = 0;
  for (let t = 0; t < scored.length; t++) if (scored[t] && WORD_TYPES.has(type[t] as string)) wordCount++;
  return wordCount;
}

/** What both readings share: the tokens, scored marks and word count, and the raw sentences. */
function readTokens(
  article: Article,
  blocks: readonly Block[],
): { readonly doc: LexicalDocument; readonly sentences: readonly RawSentence[] } {
  const text = article.text;
  const lineStarts = lineStartsOf(text);
  const structure = findStructure(text, lineStarts, article.layout, {
    title: givenValue(article.metadata, 'title')?.value ?? null,
    byline: givenValue(article.metadata, 'byline')?.value ?? null,
  });
  const { tokens, sentences } = tokenize(text, blocks);
  const scored = scoredMask(tokens.start, structure);
  const wordCount = wordCountOf(tokens.type, scored);
  return {
    doc: { article, text, lineStarts, tokens: { ...tokens, scored }, structure, wordCount },
    sentences,
  };
}

/** The blocks each document was read in, so that entities can be read for some of them only. */
const blocksRead = new WeakMap<Document, readonly Block[]>();

/**
 * Reads one article: wink-nlp once over its text, tokens with exact offsets and Porter stems,
 * sentences and the page structure, with furniture marked as unscored. Entities are read when
 * `entities` is first asked for (wink's entity recogniser costs about a third of its reading), or
 * for part of the text with `entitiesWithin`. Pure: the same article always gives the same document.
 */
export function readDocument(article: Article): Document {
  const blocks = blocksOf(article.text);
  const { doc: read, sentences: rawSentences } = readTokens(article, blocks);
  const { text, lineStarts, structure, wordCount } = read;
  const scored = read.tokens.scored;
  const stem = new Array<string>(read.tokens.count);
  for (let t = 0; t < stem.length; t++) stem[t] = stemOf(read.tokens.normal[t] as string);
  const table: TokenTable = { ...read.tokens, stem };
  const sentences: Sentence[] = rawSentences.map((s, index) => ({
    index,
    span: spanOf(lineStarts, s.start, s.end),
    firstToken: s.firstToken,
    endToken: s.endToken,
    scored: scored[s.firstToken] === 1,
  }));
  let entities: readonly Entity[] | null = null;
  const doc: Document = {
    article,
    text,
    lineStarts,
    tokens: table,
    sentences,
    get entities(): readonly Entity[] {
      if (entities === null) entities = entityObjects(doc, entitiesOf(text, blocks, table.start));
      return entities;
    },
    structure,
    wordCount,
  };
  blocksRead.set(doc, blocks);
  return doc;
}

function entityObjects(doc: Document, raw: readonly RawEntity[]): Entity[] {
  return raw.map((e) => ({
    ...spanOf(doc.lineStarts, e.start, e.end),
    text: doc.text.slice(e.start, e.end),
    type: e.type,
    firstToken: e.firstToken,
    endToken: e.endToken,
    sentence: doc.tokens.sentence[e.firstToken] as number,
  }));
}

/**
 * The entities of `doc.entities` that lie within [start, end), in the same order, reading only the
 * blocks of text that overlap that stretch.
 */
export function entitiesWithin(doc: Document, start: number, end: number): Entity[] {
  const blocks = blocksRead.get(doc);
  const inside = (e: Entity) => e.start >= start && e.end <= end;
  if (blocks === undefined) return doc.entities.filter(inside);
  const overlapping = blocks.filter((b) => b.start < end && b.end > start);
  return entityObjects(doc, entitiesOf(doc.text, overlapping, doc.tokens.start)).filter(inside);
}

/**
 * Reads one article as `readDocument` does, keeping only what lexicon matching needs: the same
 * tokens, sentence numbers, structure, scored marks and word count, without stems, sentence
 * objects or entities. For dictionary scoring.
 */
export function readLexicalDocument(article: Article): LexicalDocument {
  return readTokens(article, blocksOf(article.text)).doc;
}
