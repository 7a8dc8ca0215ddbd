import { parentPort, workerData } from 'node:worker_threads';
import {
  type FromWorker,
  type Task,
  type TaskModule,
  type ToWorker,
  type WorkerSetup,
  loadTask,
  messageOf,
} from './poolProtocol.ts';

/**
 * A worker of the pool: builds its task once (a model and lexicons load here, once per thread),
 * then runs it on each input it is sent. An exception on one input is reported for that input and
 * the worker goes on; a failure to build the task is fatal for the pool (every input would fail).
 */
const port = parentPort;
if (port === null)
  throw new Error('poolWorker.ts: expecting to run in a worker thread, instead found the main thread');
const setup = workerData as WorkerSetup;

let module: TaskModule<unknown, unknown>;
let task: Task<unknown, unknown>;
try {
  ({ module, task } = await loadTask<unknown, unknown>(setup));
  port.postMessage({ type: 'ready' } satisfies FromWorker<unknown>);
} catch (e) {
  // No throw: the pool must see this message, not a bare exit, to say why the run cannot go on.
  port.postMessage({ type: 'fatal', message: messageOf(e) } satisfies FromWorker<unknown>);
  port.close();
}

port.on('message', (message: ToWorker<unknown>) => {
  const { task: id, input } = message;
  let answer: FromWorker<unknown>;
  let transfer: readonly ArrayBuffer[] = [];
  try {
    const output = task(input);
    if (module.forTransfer) {
      const moved = module.forTransfer(output);
      answer = { type: 'done', task: id, output: moved.output };
      transfer = moved.transfer;
    } else answer = { type: 'done', task: id, output };
  } catch (e) {
    answer = { type: 'failed', task: id, message: messageOf(e) };
  }
  port.postMessage(answer, [...transfer]);
});
