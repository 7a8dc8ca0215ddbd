import { summaryDuplicateKey } from '../compare/duplicates.ts';
import type { Fact } from '../compare/facts.ts';
import type { EntryCounts } from '../compare/store.ts';
import type { ArticleSummary, TermChoiceCount, TermCounts } from '../compare/summary.ts';
import type { ArticleRecord } from '../report/articleRecord.ts';
import type { Metadata } from '../types.ts';

/**
 * One analysed article as a long run stores it on disk (see articleStore.ts): a few JSON texts,
 * one per part that a corpus-level pass reads on its own (the record for the tables, the terms
 * for keyness and clustering, the facts for discrepancies, ...), and the few fields the run keeps
 * in memory to plan those passes. Reuse fingerprints are not among them: a run spills them apart,
 * as bytes (compare/fingerprintBytes.ts). Pure, so that the worker thread that analysed an article
 * serialises it (renderArticle) and hands over the texts as UTF-8 bytes (encodeTexts).
 */
export interface StoredArticle<T extends string | Uint8Array = string | Uint8Array> {
  readonly index: ArticleIndexEntry;
  /** JSON texts, in `SEGMENT` order, as strings or UTF-8 bytes. */
  readonly segments: readonly T[];
}

/** Joins figure names in an index entry: one string crosses between threads faster than 200. */
export const KEY_SEPARATOR = '\u0000';

export function splitKeys(joined: string): string[] {
  return joined === '' ? [] : joined.split(KEY_SEPARATOR);
}

/** What the run keeps of an article in memory, or learns from it about the corpus. */
export interface ArticleIndexEntry {
  readonly id: string;
  readonly metadata: Metadata;
  /** Exact-duplicate key (duplicates.ts); null when the text has no shingles. */
  readonly duplicateKey: string | null;
  /** Names of its figures in the record's order, and of those that are numbers, joined by KEY_SEPARATOR. */
  readonly figureKeys: string;
  readonly numericFigureKeys: string;
  readonly choiceSets: readonly string[];
  readonly topCategories: readonly string[];
  readonly wordCount: number;
  readonly tokenCount: number;
}

/** The parts of a stored article, in the order they are written. */
export const SEGMENT = {
  record: 0,
  /** The record's figure values, in the order of the index's `figureKeys` (kept once per run). */
  figures: 1,
  terms: 2,
  signature: 3,
  facts: 4,
  counts: 5,
} as const;
export const SEGMENTS = 6;

/** Marks a JSON text whose non-finite numbers were written as `{"$n":"NaN"}` (JSON has none). */
const NON_FINITE_MARK = '!';

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasNonFinite);
  for (const v of Object.values(value)) if (hasNonFinite(v)) return true;
  return false;
}

/** JSON that gives back NaN and infinities too (rare: checked first, so the usual text is plain). */
export function exactJson(value: unknown): string {
  if (!hasNonFinite(value)) return JSON.stringify(value);
  return (
    NON_FINITE_MARK +
    JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $n: String(v) } : v))
  );
}

export function parseExactJson(text: string): unknown {
  if (!text.startsWith(NON_FINITE_MARK)) return JSON.parse(text);
  return JSON.parse(text.slice(NON_FINITE_MARK.length), (_key, v) =>
    v !== null && typeof v === 'object' && typeof v.$n === 'string' && Object.keys(v).length === 1
      ? Number(v.$n)
      : v,
  );
}

function termsJson(t: TermCounts): string {
  return JSON.stringify({ k: t.keys, c: Array.from(t.counts), t: t.total });
}

export function parseTerms(text: string): TermCounts {
  const { k, c, t } = JSON.parse(text) as { k: string[]; c: number[]; t: number };
  return { keys: k, counts: Int32Array.from(c), total: t };
}

export function parseSignature(text: string): Uint32Array {
  return Uint32Array.from(JSON.parse(text) as number[]);
}

export interface StoredCounts extends EntryCounts {
  readonly termChoices: readonly TermChoiceCount[];
}

export function parseCounts(text: string): StoredCounts {
  const { c, f, s } = parseExactJson(text) as {
    c: TermChoiceCount[];
    f: StoredCounts['framing'];
    s: StoredCounts['sources'];
  };
  return { termChoices: c, framing: f, sources: s };
}

export function parseFacts(text: string): readonly Fact[] {
  return parseExactJson(text) as Fact[];
}

/**
 * Figure values as a JSON array: a record's ~200 figure names are the same in every article, so
 * only the values are stored (NaN and infinities as strings, which JSON would turn into null).
 */
function figureValuesJson(figures: Readonly<Record<string, number | null>>, keys: readonly string[]): string {
  return JSON.stringify(
    keys.map((k) => {
      const v = figures[k];
      return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    }),
  );
}

/**
 * The figure names that a run's records share (one list, or a few, a run), with a quick way to
 * make a record's figures object from its stored values: V8 turns an object that is given a
 * hundred names one by one into a hash table, which took most of a record's reading, while an
 * object literal of the same names is built in one step, several times faster (a run reads each
 * record about eight times). The literal is compiled once per list. The names come from lexicon
 * packs, so each is written as a JSON string, which is also a JavaScript string literal: a name is
 * never read as code (test/finish-fast-paths.test.ts tries quotes, backslashes and U+2028).
 */
export class FigureNames {
  readonly names: readonly string[];
  private readonly make: (values: readonly (number | null)[]) => Record<string, number | null>;

  constructor(joined: string) {
    this.names = splitKeys(joined);
    const names = this.names;
    // `__proto__` in a literal would set the prototype rather than add the name: built one by one.
    this.make = names.includes('__proto__')
      ? (values) => {
          const figures: Record<string, number | null> = {};
          for (let k = 0; k < names.length; k++) figures[names[k] as string] = values[k] as number | null;
          return figures;
        }
      : (new Function(
          'v',
          `return {${names.map((name, k) => `${JSON.stringify(name)}: v[${k}]`).join(', ')}};`,
        ) as (values: readonly (number | null)[]) => Record<string, number | null>);
  }

  /** The figures object of values given in the order of `names`. */
  figures(values: readonly (number | null)[]): Record<string, number | null> {
    return this.make(values);
  }
}

/** The figure values of a record as `figureValuesJson` wrote them (a figure that was undefined is null). */
export function parseFigureValues(text: string): (number | null)[] {
  const values = JSON.parse(text) as (number | string | null | undefined)[];
  // A figure that was undefined comes back as null, which every output prints the same way.
  return values.map((v) => (typeof v === 'string' ? Number(v) : (v ?? null)));
}

/** The record from its stored parts: the record without figures, the figure values, and their names. */
export function parseRecord(
  text: string,
  values: readonly (number | null)[],
  names: FigureNames,
): ArticleRecord {
  const record = parseExactJson(text) as { -readonly [K in keyof ArticleRecord]?: ArticleRecord[K] };
  if (values.length !== names.names.length)
    throw new Error(
      `ArticleStore: expected ${names.names.length} figures of ${record.id}, found ${values.length}`,
    );
  // The record's text has no figures, so they come last, as in the record that was stored.
  record.figures = names.figures(values);
  return record as ArticleRecord;
}

/** The index fields of an article, from its record and summary. */
export function indexEntryOf(record: ArticleRecord, summary: ArticleSummary): ArticleIndexEntry {
  const figureKeys = Object.keys(record.figures);
  return {
    id: record.id,
    metadata: record.metadata,
    duplicateKey: summaryDuplicateKey(summary),
    figureKeys: figureKeys.join(KEY_SEPARATOR),
    numericFigureKeys: figureKeys.filter((k) => typeof record.figures[k] === 'number').join(KEY_SEPARATOR),
    choiceSets: record.choices.map(([set]) => set),
    topCategories: record.topCategories,
    wordCount: record.wordCount,
    tokenCount: record.tokenCount,
  };
}

/**
 * An article as stored: its record and the summary's parts. The record stands for the summary's
 * id, metadata, file, word count and figures, which are the same article's (articleRecord.ts).
 */
export function storedArticle(record: ArticleRecord, summary: ArticleSummary): StoredArticle<string> {
  const index = indexEntryOf(record, summary);
  const { figures, ...rest } = record;
  const segments: string[] = [];
  segments[SEGMENT.record] = exactJson(rest);
  segments[SEGMENT.figures] = figureValuesJson(figures, Object.keys(figures));
  segments[SEGMENT.terms] = termsJson(summary.terms);
  segments[SEGMENT.signature] = JSON.stringify(Array.from(summary.signature));
  segments[SEGMENT.facts] = exactJson(summary.facts);
  segments[SEGMENT.counts] = exactJson({ c: summary.termChoices, f: summary.framing, s: summary.sources });
  return { index, segments };
}
