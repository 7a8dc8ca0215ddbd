import { parentPort, workerData } from 'node:worker_threads';
import { type AnalyzerOptions, prepareLexicons } from '../analyzer/analyzer.ts';

// Runs prepareLexicons for runDescription.ts's prepareInWorker and posts the answer, or the error.
const port = parentPort;
if (port === null)
  throw new Error('prepareWorker.ts: expecting to run in a worker thread, instead found the main thread');
try {
  port.postMessage({ ok: true, prepared: prepareLexicons(workerData as Partial<AnalyzerOptions>) });
} catch (e) {
  port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
