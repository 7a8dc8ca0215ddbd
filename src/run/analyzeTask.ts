import {
  type Analysed,
  type AnalyzerOptions,
  type PreparedLexicons,
  createAnalyzer,
} from '../analyzer/analyzer.ts';
import type { Article } from '../types.ts';

/**
 * The task of `analyzeInParallel`'s workers: one analyzer, created once, for every article. The
 * result goes back without its article, which the pool still holds (its text would cross twice);
 * the key stays in place, so that the result is rebuilt with the same key order.
 */
export function createTask(
  options: Partial<AnalyzerOptions>,
  prepared?: PreparedLexicons,
): (article: Article) => Analysed {
  const { analyze } = createAnalyzer(options, prepared);
  return (article) => {
    const { result, summary } = analyze(article);
    return { result: { ...result, article: null as unknown as Article }, summary };
  };
}
