import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../types.ts';
import {
  type ArticleTask,
  type FromWorker,
  type TaskModule,
  type ToWorker,
  type WorkerSetup,
  messageOf,
} from './poolProtocol.ts';
import { renderArticle } from './renderArticle.ts';
import { encodeTexts } from './textBuffer.ts';

/**
 * A worker of the pool: builds its task once (the model and lexicons load here, once per thread),
 * then analyses each article it is sent, and renders its outputs when the run asks (so the main
 * thread only writes bytes). An exception on one article is reported for that article and the
 * worker goes on; a failure to build the task is fatal for the run (every article would fail).
 */
const port = parentPort;
if (port === null)
  throw new Error('worker.ts: expecting to run in a worker thread, instead found the main thread');
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);

let task: ArticleTask;
try {
  const module = (await import(setup.taskModule)) as TaskModule;
  task = await module.createTask(setup.analyzerOptions, setup.prepared);
  post({ type: 'ready' });
} catch (e) {
  // No throw: the pool must see this message, not a bare exit, to say why the run cannot go on.
  post({ type: 'fatal', message: messageOf(e) });
  port.close();
}

port.on('message', (message: ToWorker) => {
  const { task: id, article } = message;
  try {
    const { result, summary } = task(article);
    if (setup.render !== null) {
      const encoded = encodeTexts(renderArticle({ kind: 'result', result, summary }, setup.render));
      port.postMessage(
        { type: 'rendered', task: id, rendered: encoded.rendered } satisfies FromWorker,
        encoded.transfer,
      );
      return;
    }
    // The pool still holds the article: send the result without it (the text would cross twice),
    // keeping the key in place so the pool rebuilds an object with the same key order.
    const lean = { ...result, article: null as unknown as Article };
    post({ type: 'result', task: id, analysed: { result: lean, summary } });
  } catch (e) {
    post({ type: 'failed', task: id, message: messageOf(e) });
  }
});
