import type { CorpusResult } from '../analyzer/analyzer.ts';
import { articleRecord } from '../report/articleRecord.ts';
import { csvRows } from '../report/csv.ts';
import { articleHtml } from '../report/htmlView.ts';
import { SCORES_LONG_HEADER, scoreRows } from '../report/longForm.ts';
import { articleJsonTexts } from '../report/resultsJson.ts';
import { MATCHES_HEADER, matchRows } from '../report/sections/framing.ts';
import { ATTRIBUTION_HEADER, attributionRowsOf } from '../report/sections/sources.ts';
import { STRUCTURE_HEADER, structureRows } from '../report/tables.ts';
import type { Issue } from '../types.ts';
import { encodeFingerprints } from './fingerprintBytes.ts';
import { itemLine } from './runDataFile.ts';
import { type StoredArticle, storedArticle } from './storedArticle.ts';

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
  /**
   * What the corpus-level outputs need of the article: its record (with its text's sha256) and
   * comparison summary without fingerprints, serialised for the run's article store.
   */
  readonly stored: StoredArticle<T>;
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

/** Renders one analysed article: every per-article output, its record and its compact summary. */
export function renderArticle(item: ResultItem, options: ArticleOutputOptions): RenderedArticle<string> {
  const r = item.result;
  const cells = { safeCells: options.safeCells };
  const json = articleJsonTexts(r, options.json);
  return {
    stored: storedArticle(articleRecord(r, item.summary.figures), item.summary),
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
