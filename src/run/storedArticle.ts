import { summaryDuplicateKey } from '../compare/duplicates.ts';
import type { Fact } from '../compare/facts.ts';
import type { EntryCounts } from '../compare/store.ts';
import type { ArticleSummary, Fingerprints, TermChoiceCount, TermCounts } from '../compare/summary.ts';
import type { ArticleRecord } from '../report/articleRecord.ts';
import { type OutputText, bufferOf } from '../report/outputFiles.ts';
import type { Metadata } from '../types.ts';
import { decodeFigureValues, encodeFigureValues } from './figureValues.ts';
import { decodeFingerprints, encodeFingerprints } from './fingerprintBytes.ts';

/**
 * One analysed article as a long run stores it on disk (see articleStore.ts): one encoded field per
 * part that a corpus-level pass reads on its own (the record for the tables, the terms for keyness
 * and clustering, the facts for discrepancies, the fingerprints for reuse, ...), and the few
 * fields the run keeps in memory to plan those passes. Pure, so that the worker thread that
 * analysed an article encodes it (renderArticle) and hands the fields over as bytes (textBuffer.ts).
 */
export interface StoredArticle<T extends OutputText = OutputText> {
  readonly index: ArticleIndexEntry;
  /** Each field as `STORED_FIELDS` encodes it: JSON text (a string or its UTF-8 bytes), or bytes. */
  readonly fields: { readonly [K in StoredField]: T | Uint8Array };
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

export interface StoredCounts extends EntryCounts {
  readonly termChoices: readonly TermChoiceCount[];
}

/**
 * The figure names that a run's records share (one list, or a few, a run), split once, with the
 * figures object of a record made from its stored values. An object literal compiled per list
 * (new Function) built it several times faster, but the whole run was not measurably faster with
 * it (BBC, 2,225 articles: CPU time of `analyze` within 1.02x either way, in the noise of a shared
 * machine), so the object is built one name at a time.
 */
export class FigureNames {
  readonly names: readonly string[];

  constructor(joined: string) {
    this.names = splitKeys(joined);
  }

  /** The figures object of values given in the order of `names`. */
  figures(values: readonly (number | null)[]): Record<string, number | null> {
    const figures: Record<string, number | null> = {};
    for (let k = 0; k < this.names.length; k++) figures[this.names[k] as string] = values[k] as number | null;
    return figures;
  }
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

/** How one field of a stored article is written and read back. */
interface FieldCodec<T> {
  /** The scratch file it goes to. */
  readonly file: 'records' | 'summaries' | 'fingerprints';
  readonly encode: (record: ArticleRecord, summary: ArticleSummary) => OutputText;
  readonly decode: (bytes: Uint8Array) => T;
}

const text = (bytes: Uint8Array) => bufferOf(bytes).toString('utf8');

/**
 * The fields of a stored article, in the order they are written, each with the scratch file it
 * goes to: a pass over the records (the tables, read about eight times a run) reads the records
 * file only, a group's comparison the summaries file, reuse the fingerprints of candidate pairs.
 * The one codec of the article store: a new field is one entry here.
 */
export const STORED_FIELDS = {
  /** The record without its figures, as JSON (its figures are put back from the next field). */
  record: {
    file: 'records',
    encode: (record) => {
      const { figures: _, ...rest } = record;
      return exactJson(rest);
    },
    decode: (bytes) => parseExactJson(text(bytes)) as Omit<ArticleRecord, 'figures'>,
  } satisfies FieldCodec<Omit<ArticleRecord, 'figures'>>,
  /** The record's figure values as doubles, in the order of the index's `figureKeys`. */
  figures: {
    file: 'records',
    // A figure that was undefined is stored as null, which every output prints the same way.
    encode: ({ figures }) => encodeFigureValues(Object.keys(figures).map((k) => figures[k] ?? null)),
    // A reader that uses the values at once passes the same array each time: none per record.
    decode: (bytes, into?: (number | null)[]) => decodeFigureValues(bytes, 0, bytes.byteLength, into),
  } satisfies FieldCodec<(number | null)[]>,
  terms: {
    file: 'summaries',
    encode: (_, s) => JSON.stringify({ k: s.terms.keys, c: Array.from(s.terms.counts), t: s.terms.total }),
    decode: (bytes): TermCounts => {
      const { k, c, t } = JSON.parse(text(bytes)) as { k: string[]; c: number[]; t: number };
      return { keys: k, counts: Int32Array.from(c), total: t };
    },
  } satisfies FieldCodec<TermCounts>,
  signature: {
    file: 'summaries',
    encode: (_, s) => JSON.stringify(Array.from(s.signature)),
    decode: (bytes) => Uint32Array.from(JSON.parse(text(bytes)) as number[]),
  } satisfies FieldCodec<Uint32Array>,
  facts: {
    file: 'summaries',
    encode: (_, s) => exactJson(s.facts),
    decode: (bytes) => parseExactJson(text(bytes)) as readonly Fact[],
  } satisfies FieldCodec<readonly Fact[]>,
  /** Term choices, framing entries and sources: what a reuse pair says one added or dropped. */
  counts: {
    file: 'summaries',
    encode: (_, s) => exactJson({ c: s.termChoices, f: s.framing, s: s.sources }),
    decode: (bytes): StoredCounts => {
      const { c, f, s } = parseExactJson(text(bytes)) as {
        c: TermChoiceCount[];
        f: StoredCounts['framing'];
        s: StoredCounts['sources'];
      };
      return { termChoices: c, framing: f, sources: s };
    },
  } satisfies FieldCodec<StoredCounts>,
  /** Shingles and sentence hashes as 32-bit words; the bytes must start at a 4-byte boundary. */
  fingerprints: {
    file: 'fingerprints',
    encode: (_, s) => encodeFingerprints(s),
    decode: (bytes): Fingerprints => decodeFingerprints(bytes),
  } satisfies FieldCodec<Fingerprints>,
} as const;

export type StoredField = keyof typeof STORED_FIELDS;
export const STORED_FIELD_KEYS = Object.keys(STORED_FIELDS) as StoredField[];

/**
 * An article as stored: its record and the summary's parts. The record stands for the summary's
 * id, metadata, file, word count and figures, which are the same article's (articleRecord.ts).
 */
export function storedArticle(record: ArticleRecord, summary: ArticleSummary): StoredArticle<string> {
  const fields = {} as Record<StoredField, OutputText>;
  for (const key of STORED_FIELD_KEYS) fields[key] = STORED_FIELDS[key].encode(record, summary);
  return { index: indexEntryOf(record, summary), fields };
}
