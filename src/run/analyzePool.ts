import type { Analysed, AnalyzerOptions, CorpusResult, PreparedLexicons } from '../analyzer/analyzer.ts';
import { type CorpusItem, type SkippedItem, skippedItem } from '../corpus/items.ts';
import type { Numbered } from '../corpus/shard.ts';
import type { OutputOptions } from '../report/outputOptions.ts';
import type { Article, ArticleResult } from '../types.ts';
import { Pool } from './pool.ts';
import type { RenderedArticle, RenderedItem } from './renderArticle.ts';
import { CODE_EXTENSION } from './workerThread.ts';

export interface ParallelOptions {
  /** Worker threads; 1 analyses in this thread, with no worker. Default: every core. */
  readonly jobs?: number;
  readonly analyzerOptions?: Partial<AnalyzerOptions>;
  /**
   * The lexicons prepared for `analyzerOptions` (see `createAnalyzer`): given, no thread loads,
   * checks and compiles the packs again (about a second each).
   */
  readonly prepared?: PreparedLexicons;
  /** Items read but not yet yielded, at most (default 4 x jobs): bounds memory whatever the corpus size. */
  readonly maxInFlight?: number;
  /**
   * Module exporting `createTask(analyzerOptions, prepared)`, whose task gives an article's
   * `{ result, summary }` (default: the analyzer). For tests and custom pipelines.
   */
  readonly taskModule?: URL;
}

const ANALYZE_TASK = new URL(`./analyzeTask${CODE_EXTENSION}`, import.meta.url);
const RENDER_TASK = new URL(`./renderTask${CODE_EXTENSION}`, import.meta.url);

/** An article whose analysis threw or killed its worker: listed as skipped, and the run goes on. */
export function failedItem(article: Article, message: string): SkippedItem {
  return skippedItem(
    article.id,
    article.source.file,
    'analysis/failed',
    `analysis failed: ${message}`,
    'report this article to the framescope maintainers; the other articles were analysed',
    article.source.line,
  );
}

const articleOf = (item: CorpusItem): Article | null => (item.kind === 'article' ? item.article : null);

/** The result with the pool's own article put back in its key's place (see analyzeTask.ts). */
function withArticle(result: ArticleResult, article: Article): ArticleResult {
  return Object.fromEntries(
    Object.entries(result).map(([k, v]) => [k, k === 'article' ? article : v]),
  ) as unknown as ArticleResult;
}

/**
 * Analyses a corpus over `jobs` worker threads, each with its own analyzer, and yields one result
 * per input item in input order. Output is identical to a single-threaded run.
 */
export async function* analyzeInParallel(
  items: AsyncIterable<CorpusItem>,
  options: ParallelOptions = {},
): AsyncGenerator<CorpusResult> {
  const pool = new Pool<Article, Analysed>({
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    taskModule: options.taskModule ?? ANALYZE_TASK,
    taskArgs: [options.analyzerOptions ?? {}, options.prepared],
  });
  for await (const answer of pool.map(items, articleOf)) {
    const { item } = answer;
    if (item.kind !== 'article') yield item;
    else if (answer.outcome === 'failed') yield failedItem(item.article, answer.message);
    else if (answer.outcome === 'done') {
      const { result, summary } = answer.output;
      yield { kind: 'result', result: withArticle(result, item.article), summary };
    }
  }
}

/**
 * As `analyzeInParallel`, over numbered items (see `numberItems` and `shardFilter`), each result
 * rendered where it was analysed (see `renderArticle`): a worker sends the article's outputs as
 * bytes, so the consumer only writes them. With one job the same task runs in this thread.
 */
export async function* renderNumbered(
  items: AsyncIterable<Numbered<CorpusItem>>,
  options: Omit<ParallelOptions, 'taskModule'> & { readonly render: OutputOptions },
): AsyncGenerator<Numbered<RenderedItem>> {
  const pool = new Pool<Article, RenderedArticle>({
    ...(options.jobs === undefined ? {} : { jobs: options.jobs }),
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
    taskModule: RENDER_TASK,
    taskArgs: [options.analyzerOptions ?? {}, options.prepared, options.render],
  });
  for await (const answer of pool.map(items, ({ item }) => articleOf(item))) {
    const { seq, item } = answer.item;
    if (item.kind !== 'article') yield { seq, item };
    else if (answer.outcome === 'failed') yield { seq, item: failedItem(item.article, answer.message) };
    else if (answer.outcome === 'done') yield { seq, item: { kind: 'rendered', rendered: answer.output } };
  }
}
