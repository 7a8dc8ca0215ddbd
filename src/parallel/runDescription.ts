import {
  type AnalyzerLexicons,
  type AnalyzerOptions,
  type PackInfo,
  createAnalyzer,
  prepareAnalyzerLexicons,
} from '../analyzer.ts';
import { cachedOrBuilt, compiledLexiconKey } from '../lexicon/compiledCache.ts';
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

/**
 * The lexicons of an analyzer with these options, read back from the compiled-lexicon cache in
 * `cacheDir` (null: no cache) when nothing they depend on has changed (see compiledCache.ts), else
 * prepared and kept there. A named pack file that does not exist throws, as `createAnalyzer` does.
 */
async function cachedAnalyzerLexicons(
  options: Partial<AnalyzerOptions>,
  cacheDir: string | null,
): Promise<AnalyzerLexicons> {
  const lexicons = options.lexicons ?? [];
  const builtin = options.builtinLexicons ?? true;
  let key: string | null = null;
  if (cacheDir !== null) {
    try {
      key = compiledLexiconKey([...(builtin ? builtinPackFiles() : []), ...packFilesOf(lexicons)], {
        purpose: 'analyze',
        builtin: String(builtin),
        lexicons: JSON.stringify(lexicons),
      });
    } catch {
      // No key (e.g. a pack file that does not exist): preparing says what is wrong.
    }
  }
  const { value } = await cachedOrBuilt(key === null ? null : cacheDir, key ?? '', async () =>
    prepareAnalyzerLexicons(options),
  );
  return value;
}

/** The packs, their problems and the metrics of an analyzer with these options, in this thread. */
export async function describeHere(
  options: Partial<AnalyzerOptions>,
  cacheDir: string | null = null,
): Promise<RunDescription> {
  const { packs, lexiconIssues, metrics, prepared } = createAnalyzer(
    options,
    await cachedAnalyzerLexicons(options, cacheDir),
  );
  return { packs, lexiconIssues, metrics, prepared };
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
