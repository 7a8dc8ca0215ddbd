import { rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MARKER, writeOutputsAtomically } from '../cli/outputDir.ts';
import { buildManifest } from '../report/manifest.ts';
import { type OutputOptions, buildOutputs } from '../report/outputs.ts';
import type { RunData } from '../report/runData.ts';
import { RESULTS_FILE, type ResultsHeader, ResultsWriter } from './resultsFile.ts';

/** Where a run streams its results file before the output folder is swapped into place. */
export function pendingResultsPath(out: string): string {
  const target = resolve(out);
  return join(dirname(target), `.framescope-results-${basename(target)}-${process.pid}-${Date.now()}.ndjson`);
}

/** Opens the results file of a run that will write its outputs into `out`. */
export function openRunResults(out: string, header: ResultsHeader): Promise<ResultsWriter> {
  return ResultsWriter.open(pendingResultsPath(out), header);
}

/**
 * Writes every output of a run from its data: the files of `buildOutputs`, the manifest (which
 * also names the results file and its hash), then moves the streamed results file into the
 * folder. `analyze` and `merge` both end here, so a merge of shards writes what one run writes.
 */
export async function writeRunFiles(
  out: string,
  data: RunData,
  results: ResultsWriter,
  options: {
    readonly output: Partial<OutputOptions>;
    readonly startedAt: Date;
    readonly shard: string | null;
  },
): Promise<void> {
  const written = await results.close();
  try {
    const files = buildOutputs(data, options.output);
    const extra = { results_file: written, ...(options.shard === null ? {} : { shard: options.shard }) };
    files.set(
      MARKER,
      buildManifest(data, files, { startedAt: options.startedAt, endedAt: new Date() }, extra),
    );
    await writeOutputsAtomically(out, files);
    await rename(results.path, join(out, RESULTS_FILE));
  } catch (e) {
    await results.discard();
    throw e;
  }
}
