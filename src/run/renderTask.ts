import { type AnalyzerOptions, type PreparedLexicons, createAnalyzer } from '../analyzer/analyzer.ts';
import type { OutputOptions } from '../report/outputOptions.ts';
import type { Article } from '../types.ts';
import { type RenderedArticle, renderArticle } from './renderArticle.ts';
import { encodeTexts } from './textBuffer.ts';

/**
 * The task of a run's workers: analyse an article and render everything it adds to the run
 * (renderArticle.ts), so that the main thread only appends bytes.
 */
export function createTask(
  options: Partial<AnalyzerOptions>,
  prepared: PreparedLexicons | undefined,
  render: OutputOptions,
): (article: Article) => RenderedArticle {
  const { analyze } = createAnalyzer(options, prepared);
  return (article) => renderArticle({ kind: 'result', ...analyze(article) }, render);
}

/** A rendered article as a worker sends it: its texts in one buffer, moved with its encoded fields. */
export function forTransfer(rendered: RenderedArticle): {
  output: RenderedArticle<Uint8Array>;
  transfer: ArrayBuffer[];
} {
  const { stored, files, runData } = rendered;
  const {
    encoded: [encodedFiles, fields, line],
    transfer,
  } = encodeTexts([files, stored.fields, { runData }]);
  return {
    output: {
      ...rendered,
      stored: { index: stored.index, fields },
      files: encodedFiles,
      runData: line.runData,
    },
    transfer,
  };
}
