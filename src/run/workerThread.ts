import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The code runs compiled (dist/, see src/cli/compiled.js) or from the TypeScript sources through
 * tsx; modules that a worker thread loads by URL must be named with the extension of the code that
 * runs, and a worker of the sources must register tsx first (workerBoot.js).
 */
export const CODE_EXTENSION = import.meta.url.endsWith('.js') ? '.js' : '.ts';

const WORKER_BOOT = new URL('./workerBoot.js', import.meta.url);

/** Starts a worker thread on `module` (a URL without extension, resolved against `base`). */
export function startWorker(module: string, base: string | URL, options: WorkerOptions): Worker {
  const url = new URL(`${module}${CODE_EXTENSION}`, base);
  return CODE_EXTENSION === '.js'
    ? new Worker(url, options)
    : new Worker(WORKER_BOOT, { ...options, argv: [url.href] });
}
