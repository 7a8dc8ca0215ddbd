import type { TokenTable } from '../types.ts';
import { wink } from './winkModel.ts';

/** A stretch of text read by wink-nlp in one call: a paragraph, a heading or a caption. */
export interface Block {
  readonly start: number;
  readonly end: number;
}

export interface RawSentence {
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly endToken: number;
}

export interface RawEntity {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly endToken: number;
}

/** A text's tokens (without stems, which readDocument adds) and sentences. */
export interface Tokenized {
  readonly tokens: Omit<TokenTable, 'scored' | 'sentence' | 'stem'> & { sentence: Int32Array };
  readonly sentences: readonly RawSentence[];
}

/**
 * Splits a text into the blocks wink-nlp reads one at a time. wink does not end a sentence at a
 * line break, so a headline without a full stop would merge with the paragraph below it; reading
 * each line on its own keeps headings, bylines and captions as sentences of their own. Hard-wrapped
 * text (lines broken inside sentences) is read paragraph by paragraph instead.
 */
export function blocksOf(text: string): Block[] {
  const lines: Block[] = [];
  const re = /\r\n|\r|\n/g;
  let lineStart = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const end = m ? m.index : text.length;
    lines.push({ start: lineStart, end });
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  const nonEmpty = lines.filter((l) => text.slice(l.start, l.end).trim() !== '');
  if (!isHardWrapped(text, nonEmpty)) return nonEmpty;
  // Join consecutive non-empty lines into paragraphs.
  const paragraphs: Block[] = [];
  let current: { start: number; end: number } | null = null;
  for (const l of lines) {
    const empty = text.slice(l.start, l.end).trim() === '';
    if (empty) {
      if (current) paragraphs.push(current);
      current = null;
    } else if (current) current.end = l.end;
    else current = { start: l.start, end: l.end };
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/**
 * Text is hard-wrapped when most of its lines stop short of a sentence end at a similar width:
 * at least 8 lines, and over 60% of them end without terminal punctuation while being 40-100
 * characters long.
 */
function isHardWrapped(text: string, lines: readonly Block[]): boolean {
  if (lines.length < 8) return false;
  let wrapped = 0;
  for (const l of lines) {
    const s = text.slice(l.start, l.end).trimEnd();
    const len = s.length;
    if (len >= 40 && len <= 100 && !/[.!?:;"”’')\]]$/.test(s)) wrapped++;
  }
  return wrapped / lines.length > 0.6;
}

/**
 * No news sentence runs to hundreds of tokens; a text without sentence ends (a scraped table, a
 * list run together) would otherwise give one giant "sentence" and make every per-sentence stage
 * slow. Such a stretch is cut into pieces of at most MAX_SENTENCE_TOKENS, after a comma, semicolon
 * or colon where there is one in the last quarter of the piece.
 */
export const MAX_SENTENCE_TOKENS = 200;

function boundedSentences(first: number, end: number, value: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = first;
  while (end - a > MAX_SENTENCE_TOKENS) {
    let cut = a + MAX_SENTENCE_TOKENS;
    for (let k = cut - 1; k > a + (MAX_SENTENCE_TOKENS * 3) / 4; k--) {
      if (/^[,;:]$/.test(value[k] as string)) {
        cut = k + 1;
        break;
      }
    }
    out.push([a, cut]);
    a = cut;
  }
  out.push([a, end]);
  return out;
}

/**
 * Reads every block with wink-nlp and rebuilds each token's character offsets from its preceding
 * spaces (wink tokens carry none). The rebuilt offsets are verified against the text: when wink
 * reports spaces the text does not have, the token is found by searching forward, so a token's
 * offsets always point at its own characters. Entities are not read here (see `entitiesOf`): they
 * cost about a third of wink's reading and only a few callers want them.
 */
export function tokenize(text: string, blocks: readonly Block[] = blocksOf(text)): Tokenized {
  return readBlocks(text, blocks);
}

/**
 * wink-nlp's entities (dates, amounts, ...) of some blocks of a text, with token indexes into
 * `tokenStart`, the start offsets of the tokens `tokenize` gave for the whole text. The blocks are
 * read again through the full pipeline, whose tokens are those of the lexical one (winkModel.ts),
 * so every entity starts where one of those tokens starts and ends where one ends.
 */
export function entitiesOf(text: string, blocks: readonly Block[], tokenStart: Int32Array): RawEntity[] {
  const nlp = wink('full');
  const its = nlp.its;
  const entities: RawEntity[] = [];
  for (const block of blocks) {
    const blockText = text.slice(block.start, block.end);
    const doc = nlp.readDoc(blockText);
    const tokens = doc.tokens();
    const placed = placeTokens(
      blockText,
      tokens.out(its.value) as string[],
      tokens.out(its.precedingSpaces) as string[],
    );
    doc.entities().each((e: { out: (f: unknown) => unknown }) => {
      const [first, last] = e.out(its.span) as unknown as [number, number];
      const start = block.start + (placed.at[first] as number);
      const end = block.start + (placed.to[last] as number);
      const firstToken = firstAtOrAfter(tokenStart, start);
      const endToken = firstAtOrAfter(tokenStart, end);
      if (tokenStart[firstToken] !== start || endToken <= firstToken)
        throw new Error(
          `entitiesOf: expecting a token to start at offset ${start} (entity ${String(e.out(its.type))}), instead found none; the full and lexical readings disagree`,
        );
      entities.push({ type: e.out(its.type) as string, start, end, firstToken, endToken });
    });
  }
  return entities;
}

/** Whether a token is only white space; a token starting with a visible ASCII character is not. */
function isBlank(v: string): boolean {
  const c = v.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return v.trim() === '';
}

/** The first index whose value is at least `offset` in a sorted array (its length if none). */
function firstAtOrAfter(sorted: Int32Array, offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where each of wink's tokens of a block lies in the block's text, and whether it is as written. */
interface PlacedTokens {
  readonly at: Int32Array;
  readonly to: Int32Array;
  /** 1 when the text at [at, to) is the token's value; 0 when wink changed it (then the text is used). */
  readonly asWritten: Uint8Array;
}

/**
 * Rebuilds the offsets of wink's tokens from their preceding spaces. When wink reports spaces the
 * text does not have, the token is found by searching forward, so that offsets always point at
 * the token's own characters.
 */
function placeTokens(blockText: string, values: readonly string[], spaces: readonly string[]): PlacedTokens {
  const n = values.length;
  const at = new Int32Array(n);
  const to = new Int32Array(n);
  const asWritten = new Uint8Array(n);
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as string;
    let from = cursor + (spaces[i] as string).length;
    let written = blockText.startsWith(v, from);
    if (!written) {
      const found = blockText.indexOf(v, cursor);
      written = found >= 0;
      from = written ? found : Math.min(from, blockText.length);
    }
    at[i] = from;
    cursor = to[i] = Math.min(from + v.length, blockText.length);
    asWritten[i] = written ? 1 : 0;
  }
  return { at, to, asWritten };
}

/** Tokens and sentences of the blocks, read through wink's lexical pipeline (see winkModel.ts). */
function readBlocks(text: string, blocks: readonly Block[]): Tokenized {
  const nlp = wink('lexical');
  const its = nlp.its;
  const start: number[] = [];
  const end: number[] = [];
  const value: string[] = [];
  const normal: string[] = [];
  const lemma: string[] = [];
  const pos: string[] = [];
  const type: string[] = [];
  const sentenceOf: number[] = [];
  const sentences: RawSentence[] = [];

  for (const block of blocks) {
    const blockText = text.slice(block.start, block.end);
    const doc = nlp.readDoc(blockText);
    const tokens = doc.tokens();
    const values = tokens.out(its.value) as string[];
    const normals = tokens.out(its.normal) as string[];
    const lemmas = tokens.out(its.lemma as never) as unknown as string[];
    const tags = tokens.out(its.pos) as string[];
    const types = tokens.out(its.type) as string[];
    const placed = placeTokens(blockText, values, tokens.out(its.precedingSpaces) as string[]);
    // wink's token indexes (which include dropped whitespace tokens) mapped to ours.
    const keptIndex = new Int32Array(values.length + 1);
    for (let i = 0; i < values.length; i++) {
      keptIndex[i] = value.length;
      const v = values[i] as string;
      const tokType = types[i] as string;
      // Line breaks inside a hard-wrapped paragraph are spacing, not tokens.
      if (tokType === 'tabCRLF' || isBlank(v)) continue;
      const at = placed.at[i] as number;
      const to = placed.to[i] as number;
      start.push(block.start + at);
      end.push(block.start + to);
      // wink's own string when it is the text as written: it is interned, so look-ups keyed by it
      // (formsOf, the candidate cache) need not hash a fresh copy.
      value.push(placed.asWritten[i] ? v : blockText.slice(at, to));
      const n = normals[i] as string;
      normal.push(n);
      lemma.push((lemmas[i] ?? n) as string);
      pos.push(tags[i] as string);
      type.push(tokType);
      sentenceOf.push(-1);
    }
    keptIndex[values.length] = value.length;
    const sentenceSpans = doc.sentences().out(its.span) as unknown as [number, number][];
    for (const [first, last] of sentenceSpans) {
      const firstToken = keptIndex[first] as number;
      const endToken = keptIndex[last + 1] as number;
      if (endToken <= firstToken) continue;
      for (const [a, b] of boundedSentences(firstToken, endToken, value)) {
        const sIndex = sentences.length;
        for (let t = a; t < b; t++) sentenceOf[t] = sIndex;
        sentences.push({ start: start[a] as number, end: end[b - 1] as number, firstToken: a, endToken: b });
      }
    }
  }
  // Any token wink left outside a sentence joins the sentence before it.
  for (let t = 0; t < sentenceOf.length; t++)
    if (sentenceOf[t] === -1) sentenceOf[t] = t > 0 ? (sentenceOf[t - 1] as number) : 0;
  return {
    tokens: {
      count: value.length,
      start: Int32Array.from(start),
      end: Int32Array.from(end),
      value,
      normal,
      lemma,
      pos,
      type,
      sentence: Int32Array.from(sentenceOf),
    },
    sentences,
  };
}
