/** The public API of framescope: re-exports only. */
export {
  type Analyzer,
  type AnalyzerOptions,
  analyzeCorpus,
  type CorpusResult,
  createAnalyzer,
} from './analyzer.ts';
export { type CorpusItem, type CorpusSource, type ReadOptions, readCorpus } from './corpus/index.ts';
export { toCsv } from './report/csv.ts';
export { markdownTable } from './report/markdown.ts';
export { readDocument } from './text/document.ts';
export type * from './types.ts';
export { TOOL_VERSION } from './version.ts';
