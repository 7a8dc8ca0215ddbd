import { MemorySink } from '../report/outputFiles.ts';
import type { RunData } from '../report/runData.ts';
import { type OutputOptions, RunOutputs } from './runFiles.ts';

export {
  DEFAULT_OUTPUT_OPTIONS,
  type OutputOptions,
  REPORT_DETAIL_LIMIT,
} from './runFiles.ts';

/**
 * Every output file of a run, as name -> content sorted by name, built in memory from the run's
 * data alone (pure), through the same builder that `framescope analyze` streams to disk, so a
 * test can compare them byte for byte. Holds every file whole: for large corpora use `runToFolder`.
 */
export function buildOutputs(data: RunData, options: Partial<OutputOptions> = {}): Map<string, string> {
  const sink = new MemorySink();
  const outputs = new RunOutputs(sink, data, options);
  for (const issue of data.issues) outputs.addIssue(issue);
  data.results.forEach((r, i) => {
    const summary = data.summaries[i];
    if (summary === undefined)
      throw new Error(
        `buildOutputs: expected a summary for each of ${data.results.length} results, found ${data.summaries.length}`,
      );
    outputs.addResult(r, summary);
  });
  for (const k of data.skipped) outputs.addSkipped(k);
  const texts = new Map(data.results.map((r) => [r.article.id, r.article.text]));
  outputs.finish((id) => texts.get(id));
  return sink.files();
}
