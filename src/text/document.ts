import type { Article, ArticleStructure, Document, Entity, Sentence, TokenTable } from '../types.ts';
import { lineStartsOf, spanOf } from './positions.ts';
import { findStructure, unscoredRanges } from './structure.ts';
import { type Block, type RawEntity, blocksOf, entitiesOf, tokenize, tokenizeLexical } from './tokenize.ts';

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

/** The blocks each document was read in, so that entities can be read for some of them only. */
const blocksRead = new WeakMap<Document, readonly Block[]>();

/**
 * Reads one article: wink-nlp once over its text, tokens with exact offsets, sentences and the
 * page structure, with furniture marked as unscored. Entities are read when `entities` is first
 * asked for (wink's entity recogniser costs about a third of its reading), or for part of the text
 * with `entitiesWithin`. Pure: the same article always gives the same document.
 */
export function readDocument(article: Article): Document {
  const text = article.text;
  const lineStarts = lineStartsOf(text);
  const structure = findStructure(text, lineStarts, article.layout);
  const blocks = blocksOf(text);
  const { tokens, sentences: rawSentences } = tokenize(text, blocks);
  const scored = scoredMask(tokens.start, structure);
  const wordCount = wordCountOf(tokens.type, scored);

  const table: TokenTable = { ...tokens, scored };
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
 * tokens, sentence numbers, structure, scored marks and word count, through wink's lighter
 * lexical pipeline. For dictionary scoring, where entities, stems and sentence spans are unused.
 */
export function readLexicalDocument(article: Article): LexicalDocument {
  const text = article.text;
  const lineStarts = lineStartsOf(text);
  const structure = findStructure(text, lineStarts, article.layout);
  const { tokens } = tokenizeLexical(text);
  const scored = scoredMask(tokens.start, structure);
  const wordCount = wordCountOf(tokens.type, scored);
  return { article, text, lineStarts, tokens: { ...tokens, scored }, structure, wordCount };
}
