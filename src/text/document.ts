import type { Article, ArticleStructure, Document, Entity, Sentence, TokenTable } from '../types.ts';
import { lineStartsOf, spanOf } from './positions.ts';
import { findStructure, unscoredRanges } from './structure.ts';
import { tokenize, tokenizeLexical } from './tokenize.ts';

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

/**
 * Reads one article: wink-nlp once over its text, tokens with exact offsets, sentences,
 * entities, and the page structure, with furniture marked as unscored. Pure: the same article
 * always gives the same document.
 */
export function readDocument(article: Article): Document {
  const text = article.text;
  const lineStarts = lineStartsOf(text);
  const structure = findStructure(text, lineStarts, article.layout);
  const { tokens, sentences: rawSentences, entities: rawEntities } = tokenize(text);
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
  const entities: Entity[] = rawEntities.map((e) => ({
    ...spanOf(lineStarts, e.start, e.end),
    text: text.slice(e.start, e.end),
    type: e.type,
    firstToken: e.firstToken,
    endToken: e.endToken,
    sentence: tokens.sentence[e.firstToken] as number,
  }));
  return { article, text, lineStarts, tokens: table, sentences, entities, structure, wordCount };
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
