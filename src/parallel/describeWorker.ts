import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzerOptions } from '../analyzer.ts';
import { describeHere } from './runDescription.ts';

// Runs describeHere for runDescription.ts's describeInWorker and posts the answer, or the error.
const port = parentPort;
if (port === null)
  throw new Error('describeWorker.ts: expecting to run in a worker thread, instead found the main thread');
const { options, cacheDir } = workerData as { options: Partial<AnalyzerOptions>; cacheDir: string | null };
try {
  port.postMessage({ ok: true, description: await describeHere(options, cacheDir) });
} catch (e) {
  port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
