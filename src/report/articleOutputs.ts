import type { CorpusResult } from '../analyzer.ts';
import { duplicateKeyOf } from '../compare/duplicates.ts';
import { encodeFingerprints } from '../compare/fingerprintBytes.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import { itemLine } from '../parallel/resultsFile.ts';
import type { Issue } from '../types.ts';
import { type ArticleRecord, articleRecord } from './articleRecord.ts';
import { csvRows } from './csv.ts';
import { articleHtml } from './htmlView.ts';
import { SCORES_LONG_HEADER, scoreRows } from './longForm.ts';
import { articleJsonTexts } from './resultsJson.ts';
import { MATCHES_HEADER, matchRows } from './sections/framing.ts';
import { ATTRIBUTION_HEADER, attributionRowsOf } from './sections/sources.ts';
import { STRUCTURE_HEADER, structureRows } from './tables.ts';

/**
 * Everything one analysed article adds to a run's files, rendered in one place: by the worker
 * that analysed it (so the main thread of a parallel run only appends bytes), by the main thread
 * with one job, and by `framescope merge` from the full results it reads back. One function for
 * all of them, so their bytes cannot drift apart. Nothing here depends on other articles: what
 * does (the HTML page's name, results.json's separators, the order of the sorted files) is left
 * to the writer, which sees the articles in input order.
 */

/** The output options that change an article's own rows. */
export interface ArticleOutputOptions {
  readonly safeCells: boolean;
  readonly json: boolean;
  readonly html: boolean;
}

/** Text of an output, as a string or already UTF-8 encoded (when it crossed from a worker). */
export type Text = string | Uint8Array;

/** The article's part of each per-article file. */
export interface ArticleFiles<T extends Text = Text> {
  readonly matches: T;
  readonly structure: T;
  /** Rows of attributions.csv and scores_long.csv, which the writer sorts by article id. */
  readonly attributions: T;
  readonly scores: T;
  /** The line of results.ndjson. */
  readonly results: T;
  /** The article in results.json, indented, without the separator before it; null without --json. */
  readonly json: T | null;
  /** The HTML page (its name is given by the writer: names are unique in input order); null without --html. */
  readonly html: T | null;
}

export interface RenderedArticle<T extends Text = Text> {
  /** What the corpus-level outputs need of the article (with its text's sha256). */
  readonly record: ArticleRecord;
  /** The comparison summary without its fingerprints (see `withoutFingerprints`). */
  readonly summary: ArticleSummary;
  readonly issues: readonly Issue[];
  /** The item's line of run-data.ndjson without `seq`: `{"kind":"result",...}\n` (see `withSeq`). */
  readonly runData: T;
  /** The summary's fingerprints as the fingerprint spill stores them (see `encodeFingerprints`). */
  readonly fingerprints: Uint8Array;
  readonly files: ArticleFiles<T>;
}

/** An item of a run with its article, if any, rendered. */
export type RenderedItem =
  | { readonly kind: 'rendered'; readonly rendered: RenderedArticle }
  | Exclude<CorpusResult, { readonly kind: 'result' }>;

export type ResultItem = Extract<CorpusResult, { readonly kind: 'result' }>;

const NO_SHINGLES = new Uint32Array(0);

/**
 * The summary without shingles and sentence fingerprints, which travel apart (see `Fingerprints`),
 * keeping the exact-duplicate key worked out from the shingles: what `compactSummary` keeps.
 */
export function withoutFingerprints(s: ArticleSummary): ArticleSummary {
  return {
    ...s,
    shingles: NO_SHINGLES,
    duplicateKey: s.duplicateKey !== undefined ? s.duplicateKey : duplicateKeyOf(s.shingles, s.wordCount),
    sentences: [],
  };
}

/** Renders one analysed article: every per-article output, its record and its compact summary. */
export function renderArticle(item: ResultItem, options: ArticleOutputOptions): RenderedArticle<string> {
  const r = item.result;
  const cells = { safeCells: options.safeCells };
  const json = articleJsonTexts(r, options.json);
  return {
    record: articleRecord(r, item.summary.figures),
    summary: withoutFingerprints(item.summary),
    issues: r.issues,
    runData: itemLine(item),
    fingerprints: encodeFingerprints(item.summary),
    files: {
      matches: csvRows(MATCHES_HEADER, matchRows(r), cells),
      structure: csvRows(STRUCTURE_HEADER, structureRows(r), cells),
      attributions: csvRows(ATTRIBUTION_HEADER, attributionRowsOf(r), cells),
      scores: csvRows(SCORES_LONG_HEADER, scoreRows(r.article.id, r.figures), cells),
      results: json.line,
      json: json.json,
      html: options.html ? articleHtml(r) : null,
    },
  };
}

/** An item of a run, its article rendered. */
export function renderItem(item: CorpusResult, options: ArticleOutputOptions): RenderedItem {
  return item.kind === 'result' ? { kind: 'rendered', rendered: renderArticle(item, options) } : item;
}
