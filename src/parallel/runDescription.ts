import {
  type AnalyzerLexicons,
  type AnalyzerOptions,
  type PackInfo,
  createAnalyzer,
  prepareAnalyzerLexicons,
} from '../analyzer.ts';
import { cachedOrBuilt, compiledLexiconKey, storedValue } from '../lexicon/compiledCache.ts';
import { builtinPackFiles, packFilesOf } from '../lexicon/load.ts';
import type { Issue, MetricDefinition } from '../types.ts';
import { startWorker } from './workerThread.ts';

/** What a run states before its first article: the packs, their problems and the metrics. */
export interface RunDescription {
  readonly packs: readonly PackInfo[];
  readonly lexiconIssues: readonly Issue[];
  readonly metrics: readonly MetricDefinition[];
  /** The lexicons compiled to describe the run, handed to the run's analyzers (see `createAnalyzer`). */
  readonly prepared: AnalyzerLexicons;
}

/** The cache key of an analyzer's lexicons, or null when none can be made (e.g. a missing pack file). */
function lexiconsKey(options: Partial<AnalyzerOptions>): string | null {
  const lexicons = options.lexicons ?? [];
  const builtin = options.builtinLexicons ?? true;
  try {
    return compiledLexiconKey([...(builtin ? builtinPackFiles() : []), ...packFilesOf(lexicons)], {
      purpose: 'analyze',
      builtin: String(builtin),
      lexicons: JSON.stringify(lexicons),
    });
  } catch {
    // No key: preparing the lexicons says what is wrong.
    return null;
  }
}

/** The description of an analyzer made from these lexicons. */
function describedBy(options: Partial<AnalyzerOptions>, lexicons: AnalyzerLexicons): RunDescription {
  const { packs, lexiconIssues, metrics, prepared } = createAnalyzer(options, lexicons);
  return { packs, lexiconIssues, metrics, prepared };
}

/**
 * The packs, their problems and the metrics of an analyzer with these options, in this thread.
 * The lexicons are read back from the compiled-lexicon cache in `cacheDir` (null: no cache) when
 * nothing they depend on has changed (see compiledCache.ts), else prepared and kept there. A named
 * pack file that does not exist throws, as `createAnalyzer` does.
 */
export async function describeHere(
  options: Partial<AnalyzerOptions>,
  cacheDir: string | null = null,
): Promise<RunDescription> {
  const key = cacheDir === null ? null : lexiconsKey(options);
  const { value } = await cachedOrBuilt(key === null ? null : cacheDir, key ?? '', async () =>
    prepareAnalyzerLexicons(options),
  );
  return describedBy(options, value);
}

/**
 * The description of a run over `jobs` threads. With one, it is worked out here. With worker
 * threads, the main thread must not load the model (see `describeInWorker`): lexicons found in
 * the cache need none (an analyzer loads it on its first article), so they are described here;
 * others are compiled in a short-lived worker, which keeps them in the cache for the next run.
 */
export async function describeRun(
  options: Partial<AnalyzerOptions>,
  jobs: number,
  cacheDir: string | null,
): Promise<RunDescription> {
  if (jobs === 1) return describeHere(options, cacheDir);
  const key = cacheDir === null ? null : lexiconsKey(options);
  const stored = cacheDir === null || key === null ? undefined : storedValue<AnalyzerLexicons>(cacheDir, key);
  return stored === undefined ? describeInWorker(options, cacheDir) : describedBy(options, stored);
}

/**
 * The same, worked out in a short-lived worker thread. Compiling the lexicons needs wink-nlp's model
 * (patterns are tokenised as texts are), and a model loaded in the main thread stays there for the
 * whole run (~70 MB that a V8 isolate does not give back), although with worker threads the main
 * thread never reads an article. A worker's memory goes when it exits, before the analysis starts.
 */
export function describeInWorker(
  options: Partial<AnalyzerOptions>,
  cacheDir: string | null = null,
): Promise<RunDescription> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('./describeWorker', import.meta.url, {
      workerData: { options, cacheDir },
      execArgv: [],
    });
    let answered = false;
    worker.once(
      'message',
      (m: { ok: true; description: RunDescription } | { ok: false; message: string }) => {
        answered = true;
        if (m.ok) resolve(m.description);
        else reject(new Error(m.message));
        void worker.terminate();
      },
    );
    worker.once('error', (e) => {
      answered = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered)
        reject(new Error(`the worker describing the run exited with code ${code} before answering`));
    });
  });
}
