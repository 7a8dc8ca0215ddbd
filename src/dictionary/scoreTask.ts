import type { CompiledLexicon } from '../match/index.ts';
import { findMatches } from '../match/index.ts';
import type { ArticleTask } from '../parallel/protocol.ts';
import { csvRows } from '../report/csv.ts';
import { readLexicalDocument } from '../text/document.ts';
import type { Article, ArticleResult, Match } from '../types.ts';
import { SCORE_HEADER, SCORE_VOICE_HEADER, categorySlots, countBySlot, scoreRows } from './counts.ts';

/** What a scoring worker is started with (it crosses to the worker by structured clone). */
export interface ScoreTaskOptions {
  /** Compiled once by the main thread; compiled with the pipeline the documents are read with. */
  readonly lexicon: CompiledLexicon;
  /** Count hits per voice too (reads quotations and attributions: the full pipeline). */
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
 * and the pool hands it back as it was sent (see src/parallel/pool.ts). These two casts are the
 * only place that shape is borrowed.
 */
export const asScored = (result: ArticleResult): ScoredArticle => result as unknown as ScoredArticle;
const asAnalysed = (scored: ScoredArticle) => ({
  result: scored as unknown as ArticleResult,
  summary: null as never,
});

/** Hits of one article, with the voice of each when asked (quotations and attributions first). */
type HitFinder = (article: Article) => { matches: Match[]; tokens: number; words: number };

async function hitFinder(lexicon: CompiledLexicon, voice: boolean): Promise<HitFinder> {
  if (!voice)
    return (article) => {
      const doc = readLexicalDocument(article);
      return { matches: findMatches(doc, lexicon), tokens: doc.tokens.count, words: doc.wordCount };
    };
  // Loaded only when voice is asked for: attributions need the full reading and the source lexicon.
  const [{ readDocument }, { findQuotations }, { findAttributions, loadSourceLexicon }] = await Promise.all([
    import('../text/document.ts'),
    import('../text/quotes.ts'),
    import('../attribution/index.ts'),
  ]);
  const sources = loadSourceLexicon();
  return (article) => {
    const doc = readDocument(article);
    const quotations = findQuotations(doc);
    const attributions = findAttributions(doc, quotations, sources);
    const matches = findMatches(doc, lexicon, { quotations, attributions });
    return { matches, tokens: doc.tokens.count, words: doc.wordCount };
  };
}

/** The task of a scoring worker: hits per category of each article it is sent, as CSV rows. */
export async function createTask(options: ScoreTaskOptions): Promise<ArticleTask> {
  const { lexicon, voice, nonzero, safeCells } = options;
  const slots = categorySlots(lexicon);
  const header = voice ? SCORE_VOICE_HEADER : SCORE_HEADER;
  const find = await hitFinder(lexicon, voice);
  return (article) => {
    const { matches, tokens, words } = find(article);
    const counts = countBySlot(matches, slots, voice);
    const table = scoreRows(article.id, counts, slots, words, { voice, nonzero });
    const rows = csvRows(header, table, { safeCells });
    return asAnalysed({ article, rows, rowCount: table.length, hits: matches.length, tokens, words });
  };
}
