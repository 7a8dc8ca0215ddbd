import { MemoryOutputFiles } from '../report/outputFiles.ts';
import type { RunData } from '../report/runData.ts';
import { RunFiles } from './runFiles.ts';
import type { RunOptions } from './runOptions.ts';

/**
 * Every output file of a run, as name -> content sorted by name, built in memory from the run's
 * data alone (pure), through the same builder that `framescope analyze` streams to disk, so a
 * test can compare them byte for byte. Holds every file whole: for large corpora use `runToFolder`.
 */
export function buildOutputs(data: RunData, options: Partial<RunOptions> = {}): Map<string, string> {
  const files = new MemoryOutputFiles();
  const run = new RunFiles(files, data, options);
  for (const issue of data.issues) run.addIssue(issue);
  data.results.forEach((r, i) => {
    const summary = data.summaries[i];
    if (summary === undefined)
      throw new Error(
        `buildOutputs: expected a summary for each of ${data.results.length} results, found ${data.summaries.length}`,
      );
    run.addResult(r, summary);
  });
  for (const k of data.skipped) run.addSkipped(k);
  const texts = new Map(data.results.map((r) => [r.article.id, r.article.text]));
  run.finish((id) => texts.get(id));
  return files.files();
}
