import type { Analyzer, AnalyzerOptions, PreparedLexicons } from '../analyzer/analyzer.ts';
import type { Article } from '../types.ts';
import type { ArticleOutputOptions, RenderedArticle } from './renderArticle.ts';

/**
 * Messages between the pool and its workers. Everything crosses by structured clone, so only plain
 * data travels: the article out, the result back (without its article, which the pool still holds),
 * or, when the worker renders, the article's outputs as UTF-8 bytes in one transferred buffer
 * (moved, not copied) with its compact record and summary.
 */

/** What a worker is started with. */
export interface WorkerSetup {
  /** URL of the module exporting `createTask` (the analyzer by default; tests pass a faulty one). */
  readonly taskModule: string;
  readonly analyzerOptions: Partial<AnalyzerOptions>;
  /** The lexicons as the run prepared them (see `createAnalyzer`), so that no worker prepares them again. */
  readonly prepared?: PreparedLexicons;
  /** Render each result with these options (see `renderArticle`), or null to send the result itself. */
  readonly render: ArticleOutputOptions | null;
}

export type ToWorker = { readonly type: 'analyze'; readonly task: number; readonly article: Article };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'result'; readonly task: number; readonly analysed: Analysed }
  | { readonly type: 'rendered'; readonly task: number; readonly rendered: RenderedArticle<Uint8Array> }
  | { readonly type: 'failed'; readonly task: number; readonly message: string };

/** An article's result and the compact summary that corpus-level comparisons need. */
export type Analysed = ReturnType<Analyzer['analyze']>;

/** Analyses one article; built once per worker, since building it loads the model and the lexicons. */
export type ArticleTask = (article: Article) => Analysed;

/** The shape of a task module. */
export interface TaskModule {
  createTask(
    options: Partial<AnalyzerOptions>,
    prepared?: PreparedLexicons,
  ): ArticleTask | Promise<ArticleTask>;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
