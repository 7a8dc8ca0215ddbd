/** The public API of framescope: re-exports only. */
export {
  type Analyzer,
  type AnalyzerOptions,
  analyzeCorpus,
  analyzeText,
  type CorpusResult,
  createAnalyzer,
  type PreparedLexicons,
  prepareLexicons,
} from './analyzer/analyzer.ts';
export {
  compileKwicPattern,
  DEFAULT_KWIC_OPTIONS,
  kwic,
  type KwicItem,
  kwicLine,
  type KwicOptions,
} from './analyzer/kwic.ts';
export { type ReadArticle, readArticle } from './analyzer/readArticle.ts';
export {
  type CorpusItem,
  type CorpusReader,
  type CorpusSource,
  READERS,
  type ReadOptions,
  readCorpus,
} from './corpus/index.ts';
export { cohensKappa, krippendorffAlpha } from './agree/index.ts';
export { findAttributions, loadSourceLexicon, type SourceLexicon } from './attribution/index.ts';
export { type CompareOptions, type Comparison, compareCorpus } from './compare/index.ts';
export { type ArticleSummary, summarizeForComparison } from './compare/summary.ts';
export { checkPacks, loadBuiltinPacks, loadPacks, packHash, parsePack } from './lexicon/index.ts';
export { compileLexicon, findMatches } from './match/index.ts';
export { toCsv } from './report/csv.ts';
export { articleHtml } from './report/htmlView.ts';
export { escapeLatex } from './report/latex.ts';
export { toLatex } from './report/latexTables.ts';
export { scoresLong } from './report/longForm.ts';
export { markdownTable as toMarkdown, markdownTable } from './report/markdown.ts';
export { buildOutputs } from './run/buildOutputs.ts';
export { resultsJson, resultsNdjson } from './report/resultsJson.ts';
export {
  choicesTable,
  comparisonMarkdown,
  discrepancyTable,
  keynessTable,
  reuseTable,
} from './report/sections/comparison.ts';
export { matchesTable } from './report/sections/framing.ts';
export { attributionRows, sourcesSection } from './report/sections/sources.ts';
export { barChartSvg, heatmapSvg, barChartSvg as toSvg } from './report/svg.ts';
export { CITATION_METRICS, citationFigures } from './figures/citations.ts';
export { INDEXES, type IndexDefinition } from './figures/indexes.ts';
export { framingFigures, framingMetrics, termChoices } from './figures/framing.ts';
export { groupFigures, groupFiguresTable } from './figures/groups.ts';
export { findQuotations } from './text/quotes.ts';
export { readDocument } from './text/document.ts';
export type * from './types.ts';
export { TOOL_VERSION } from './version.ts';
