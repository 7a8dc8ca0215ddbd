import type { CorpusResult } from '../analyzer/analyzer.ts';
import { type ArticleParts, articleParts } from '../report/articleFiles.ts';
import { articleRecord } from '../report/articleRecord.ts';
import { neutralisedCells } from '../report/escape/csv.ts';
import type { OutputText } from '../report/outputFiles.ts';
import type { OutputOptions } from '../report/outputOptions.ts';
import type { Issue } from '../types.ts';
import { itemLine } from './runDataFile.ts';
import { type StoredArticle, storedArticle } from './storedArticle.ts';

/**
 * Everything one analysed article adds to a run, rendered in one place: by the worker that
 * analysed it (so the main thread of a parallel run only appends bytes), by the main thread with
 * one job, and by `framescope merge` from the full results it reads back. One function for all of
 * them, so their bytes cannot drift apart. Nothing here depends on other articles: what does is
 * left to the run, which sees the articles in input order (run/articlePartsAppender.ts).
 */

export interface RenderedArticle<T extends OutputText = OutputText> {
  /** What the corpus-level files need of the article: its record and comparison summary, encoded. */
  readonly stored: StoredArticle<T>;
  readonly issues: readonly Issue[];
  /** The item's line of run-data.ndjson without `seq`: `{"kind":"result",...}\n` (see `withSeq`). */
  readonly runData: T;
  /** The article's part of each per-article file (report/articleFiles.ts). */
  readonly files: ArticleParts<T>;
  /** CSV cells of those parts neutralised as possible formulas (for report.md's methods). */
  readonly neutralisedCells: number;
}

/** An item of a run with its article, if any, rendered. */
export type RenderedItem =
  | { readonly kind: 'rendered'; readonly rendered: RenderedArticle }
  | Exclude<CorpusResult, { readonly kind: 'result' }>;

export type ResultItem = Extract<CorpusResult, { readonly kind: 'result' }>;

/** Renders one analysed article: every per-article output, its record and its compact summary. */
export function renderArticle(item: ResultItem, options: OutputOptions): RenderedArticle<string> {
  const r = item.result;
  const before = neutralisedCells();
  const files = articleParts(r, options);
  return {
    stored: storedArticle(articleRecord(r, item.summary.figures), item.summary),
    issues: r.issues,
    runData: itemLine(item),
    files,
    neutralisedCells: neutralisedCells() - before,
  };
}

/** An item of a run, its article rendered. */
export function renderItem(item: CorpusResult, options: OutputOptions): RenderedItem {
  return item.kind === 'result' ? { kind: 'rendered', rendered: renderArticle(item, options) } : item;
}
