import type { CompiledLexicon } from '../../lexicon/compile.ts';
import type { Article, ArticleResult } from '../../types.ts';

/** What a scoring worker is started with (it crosses to the worker by structured clone). */
export interface ScoreTaskOptions {
  /** Compiled once by the main thread (or read back from the compiled-lexicon cache). */
  readonly lexicon: CompiledLexicon;
  /** Count hits per voice too (reads quotations and attributions, as analyze does). */
  readonly voice: boolean;
  /** Write only the categories an article has hits of. */
  readonly nonzero: boolean;
  /** Neutralise spreadsheet formulas in text cells (see src/report/csv.ts). */
  readonly safeCells: boolean;
}

/** What a scoring worker returns per article: its CSV rows, ready to write, and its totals. */
export interface ScoredArticle {
  readonly article: Article;
  /** CSV records of the article, each ended by CRLF; empty when it has none. */
  readonly rows: string;
  readonly rowCount: number;
  readonly hits: number;
  readonly tokens: number;
  readonly words: number;
}

/**
 * The pool carries an analyzer's `{ result, summary }`: a scored article travels as the result,
 * and the pool hands it back as it was sent (see src/run/pool.ts). These two casts are the
 * only place that shape is borrowed. Kept apart from the task, so that the main thread does not
 * load the reading and matching modules only the workers use.
 */
export const asScored = (result: ArticleResult): ScoredArticle => result as unknown as ScoredArticle;

export const asAnalysed = (scored: ScoredArticle) => ({
  result: scored as unknown as ArticleResult,
  summary: null as never,
});
