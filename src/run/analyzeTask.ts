import { type AnalyzerOptions, type PreparedLexicons, createAnalyzer } from '../analyzer/analyzer.ts';
import type { ArticleTask } from './poolProtocol.ts';

/** The default task of a worker: one analyzer, created once, for every article it is sent. */
export function createTask(options: Partial<AnalyzerOptions>, prepared?: PreparedLexicons): ArticleTask {
  return createAnalyzer(options, prepared).analyze;
}
