import type { Article, Document, Entity, Sentence, TokenTable } from '../types.ts';
import { lineStartsOf, spanOf } from './positions.ts';
import { findStructure, unscoredRanges } from './structure.ts';
import { tokenize } from './tokenize.ts';

/** Token types that count as words in every rate's denominator. */
const WORD_TYPES = new Set(['word', 'number', 'hashtag', 'mention', 'ordinal']);

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

  const scored = new Uint8Array(tokens.count).fill(1);
  const ranges = unscoredRanges(structure);
  let r = 0;
  for (let t = 0; t < tokens.count; t++) {
    const s = tokens.start[t] as number;
    while (r < ranges.length && (ranges[r] as readonly [number, number])[1] <= s) r++;
    const range = ranges[r];
    if (range && range[0] <= s && s < range[1]) scored[t] = 0;
  }
  let wordCount = 0;
  for (let t = 0; t < tokens.count; t++)
    if (scored[t] && WORD_TYPES.has(tokens.type[t] as string)) wordCount++;

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
