import type { CompiledLexicon } from '../../lexicon/compile.ts';
// find.ts, not the match index: a worker matches and never compiles.
import { findMatches } from '../../match/find.ts';
import { csvRows } from '../../report/csv.ts';
import { readLexicalDocument } from '../../text/document.ts';
import type { Article, Match } from '../../types.ts';
import type { Task } from '../poolProtocol.ts';
import { SCORE_HEADER, SCORE_VOICE_HEADER, categoryCountRows, categorySlots, countBySlot } from './counts.ts';
import type { ScoreTaskOptions, ScoredArticle } from './scored.ts';

/** Hits of one article, with the voice of each when asked (quotations and attributions first). */
type HitFinder = (article: Article) => { matches: Match[]; tokens: number; words: number };

async function hitFinder(lexicon: CompiledLexicon, voice: boolean): Promise<HitFinder> {
  if (!voice)
    return (article) => {
      const doc = readLexicalDocument(article);
      return { matches: findMatches(doc, lexicon), tokens: doc.tokens.count, words: doc.wordCount };
    };
  // Loaded only when voice is asked for: attributions need the full reading and the source lexicon.
  const [{ readArticle }, { loadSourceLexicon }] = await Promise.all([
    import('../../analyzer/readArticle.ts'),
    import('../../attribution/index.ts'),
  ]);
  const sources = loadSourceLexicon();
  return (article) => {
    const { doc, matches } = readArticle(article, lexicon, sources);
    return { matches, tokens: doc.tokens.count, words: doc.wordCount };
  };
}

/** The task of a scoring worker: hits per category of each article it is sent, as CSV rows. */
export async function createTask(options: ScoreTaskOptions): Promise<Task<Article, ScoredArticle>> {
  const { lexicon, voice, nonzero, safeCells } = options;
  const slots = categorySlots(lexicon);
  const header = voice ? SCORE_VOICE_HEADER : SCORE_HEADER;
  const find = await hitFinder(lexicon, voice);
  return (article) => {
    const { matches, tokens, words } = find(article);
    const counts = countBySlot(matches, slots, voice);
    const table = categoryCountRows(article.id, counts, slots, words, { voice, nonzero });
    const rows = csvRows(header, table, { safeCells });
    return { rows, rowCount: table.length, hits: matches.length, tokens, words };
  };
}
