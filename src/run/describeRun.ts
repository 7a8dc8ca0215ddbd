import {
  type AnalyzerOptions,
  type PackInfo,
  type PreparedLexicons,
  createAnalyzer,
  prepareLexicons,
} from '../analyzer/analyzer.ts';
import { cachedOrBuilt, lexiconsKey } from '../lexicon/compiledCache.ts';
import type { Issue, MetricDefinition } from '../types.ts';
import { startWorker } from './workerThread.ts';

/** What a run states before its first article: the packs, their problems and the metrics. */
export interface RunDescription {
  readonly packs: readonly PackInfo[];
  readonly lexiconIssues: readonly Issue[];
  readonly metrics: readonly MetricDefinition[];
  /** The lexicons compiled to describe the run, handed to the run's analyzers (see `createAnalyzer`). */
  readonly prepared: PreparedLexicons;
}

/**
 * The description of a run over `jobs` threads. Its lexicons are read back from the
 * compiled-lexicon cache in `cacheDir` (null: no cache) when nothing they depend on has changed
 * (see compiledCache.ts), else prepared and kept there: in this thread with one job, else in a
 * short-lived worker, since with worker threads the main thread must not load the model (see
 * `prepareInWorker`); describing them needs none. A named pack file that does not exist throws.
 */
export async function describeRun(
  options: Partial<AnalyzerOptions>,
  jobs: number,
  cacheDir: string | null,
): Promise<RunDescription> {
  const selection = { lexicons: options.lexicons ?? [], builtinLexicons: options.builtinLexicons ?? true };
  const { value } = await cachedOrBuilt(
    cacheDir,
    cacheDir === null ? null : lexiconsKey(selection),
    jobs === 1 ? async () => prepareLexicons(options) : () => prepareInWorker(options),
  );
  const { packs, lexiconIssues, metrics, prepared } = createAnalyzer(options, value);
  return { packs, lexiconIssues, metrics, prepared };
}

/**
 * `prepareLexicons` in a short-lived worker thread. Compiling the lexicons needs wink-nlp's model
 * (patterns are tokenised as texts are), and a model loaded in the main thread stays there for the
 * whole run (~70 MB that a V8 isolate does not give back), although with worker threads the main
 * thread never reads an article. A worker's memory goes when it exits, before the analysis starts.
 */
function prepareInWorker(options: Partial<AnalyzerOptions>): Promise<PreparedLexicons> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('./prepareWorker', import.meta.url, { workerData: options, execArgv: [] });
    let answered = false;
    worker.once('message', (m: { ok: true; prepared: PreparedLexicons } | { ok: false; message: string }) => {
      answered = true;
      if (m.ok) resolve(m.prepared);
      else reject(new Error(m.message));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      answered = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered)
        reject(new Error(`the worker preparing the lexicons exited with code ${code} before answering`));
    });
  });
}
