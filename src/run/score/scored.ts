import type { CompiledLexicon } from '../../lexicon/compile.ts';

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

/**
 * What a scoring worker returns per article: its CSV rows, ready to write, and its totals. Kept
 * apart from the task, so that the main thread does not load the reading and matching modules
 * only the workers use.
 */
export interface ScoredArticle {
  /** CSV records of the article, each ended by CRLF; empty when it has none. */
  readonly rows: string;
  readonly rowCount: number;
  readonly hits: number;
  readonly tokens: number;
  readonly words: number;
}
