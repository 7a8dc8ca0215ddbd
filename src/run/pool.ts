import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  type FromWorker,
  type Task,
  type ToWorker,
  type WorkerSetup,
  loadTask,
  messageOf,
} from './poolProtocol.ts';
import { startWorker } from './workerThread.ts';

export interface PoolOptions {
  /** Worker threads; 1 runs the task in this thread, with no worker. Default: every core. */
  readonly jobs?: number;
  /** Items read but not yet yielded, at most (default 4 x jobs): bounds memory whatever the input size. */
  readonly maxInFlight?: number;
  /** The module that exports `createTask` (see poolProtocol.ts). */
  readonly taskModule: URL;
  /** What `createTask` is called with, in each worker (plain data). */
  readonly taskArgs: readonly unknown[];
}

/** An item as the pool gives it back, in input order, with what became of its input. */
export type PoolAnswer<T, Out> =
  /** An item with no input for the task, passed through. */
  | { readonly item: T; readonly outcome: 'passed' }
  | { readonly item: T; readonly outcome: 'done'; readonly output: Out }
  /** The task threw on the input, or its worker died working on it. */
  | { readonly item: T; readonly outcome: 'failed'; readonly message: string };

/** Inputs sent to one worker ahead of its answers: enough that it never waits for the next. */
const PER_WORKER = 2;
/**
 * Old-generation heap of a worker, in MB. Left alone, V8 lets a busy worker's heap grow far past
 * what it keeps (BBC 10x: 2 workers near 600 MB together); capped, it collects sooner, with the
 * same outputs and about the same time (10x: 739 -> 441 MB peak for the run). An input that needs
 * more (a text of several MB) is retried alone in a worker without the cap (see onGone).
 * FRAMESCOPE_WORKER_HEAP_MB sets another cap; 0 removes it.
 */
const WORKER_HEAP_MB = 256;
/**
 * Young-generation heap of a capped worker, in MB. An article's document and results die young,
 * so V8 lets the young generation grow to its largest by default; 16 MB gave the same time with
 * less memory (BBC 10x: 460 -> 422 MB peak for the run, 61 s both; 8 MB was slower).
 */
const WORKER_YOUNG_MB = 16;

function workerHeapMbOf(env: NodeJS.ProcessEnv): number {
  const text = env['FRAMESCOPE_WORKER_HEAP_MB'];
  if (text === undefined || text === '') return WORKER_HEAP_MB;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(
      `FRAMESCOPE_WORKER_HEAP_MB expects a whole number of MB (0: no cap), instead found "${text}"`,
    );
  return n;
}

export const defaultJobs = (): number => availableParallelism();

interface Pending<In> {
  /** Position in this pool's input, which fixes the output order. */
  readonly order: number;
  readonly input: In;
}

interface PoolWorker<In> {
  readonly worker: Worker;
  /** Whether its heap is capped (WORKER_HEAP_MB); a worker for one very large input is not. */
  readonly capped: boolean;
  /** Tasks sent and not yet answered, oldest first (a worker answers in the order it is sent). */
  readonly sent: Pending<In>[];
  ready: boolean;
  /** Set once the worker has gone, so its exit is handled once. */
  gone: boolean;
}

/**
 * A pool of worker threads that each build a task once (`createTask` of a task module) and run it
 * on the inputs they are sent. `map` yields every item in input order, whatever order the answers
 * come back in (they wait in a reorder buffer), reading at most `maxInFlight` items ahead of the
 * consumer, so that memory does not grow with the input. With one job it runs the task in this
 * thread and gives the same answers.
 */
export class Pool<In, Out> {
  private readonly jobs: number;
  private readonly maxInFlight: number;
  private readonly setup: WorkerSetup;

  constructor(options: PoolOptions) {
    const jobs = options.jobs ?? defaultJobs();
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new RangeError(`Pool: expecting jobs to be a whole number >= 1, instead found ${jobs}`);
    const maxInFlight = options.maxInFlight ?? 4 * jobs;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
      throw new RangeError(
        `Pool: expecting maxInFlight to be a whole number >= 1, instead found ${maxInFlight}`,
      );
    this.jobs = jobs;
    this.maxInFlight = maxInFlight;
    this.setup = { taskModule: options.taskModule.href, taskArgs: options.taskArgs };
  }

  /** Runs the task on the input of each item that has one (`inputOf`), giving every item back in order. */
  map<T>(items: AsyncIterable<T>, inputOf: (item: T) => In | null): AsyncGenerator<PoolAnswer<T, Out>> {
    return this.jobs === 1 ? this.inThisThread(items, inputOf) : this.inWorkers(items, inputOf);
  }

  private async *inThisThread<T>(
    items: AsyncIterable<T>,
    inputOf: (item: T) => In | null,
  ): AsyncGenerator<PoolAnswer<T, Out>> {
    const { task } = await loadTask<In, Out>(this.setup);
    for await (const item of items) {
      const input = inputOf(item);
      if (input === null) yield { item, outcome: 'passed' };
      else yield runOne(task, item, input);
    }
  }

  private async *inWorkers<T>(
    items: AsyncIterable<T>,
    inputOf: (item: T) => In | null,
  ): AsyncGenerator<PoolAnswer<T, Out>> {
    const { jobs, maxInFlight, setup } = this;
    const workers: PoolWorker<In>[] = [];
    const workerHeapMb = workerHeapMbOf(process.env);
    const queue: Pending<In>[] = [];
    /** Items by their order, until their answer comes; then their answers. */
    const waiting = new Map<number, T>();
    const done = new Map<number, PoolAnswer<T, Out>>();
    let fatal: Error | null = null;
    let closing = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      const w = wake;
      wake = null;
      w?.();
    };

    const finish = (pending: Pending<In>, answer: (item: T) => PoolAnswer<T, Out>) => {
      const item = waiting.get(pending.order) as T;
      waiting.delete(pending.order);
      done.set(pending.order, answer(item));
      signal();
    };

    const onMessage = (pw: PoolWorker<In>, message: FromWorker<Out>) => {
      if (message.type === 'ready') {
        pw.ready = true;
        return;
      }
      if (message.type === 'fatal') {
        fatal ??= new Error(`a worker could not start: ${message.message}`);
        signal();
        return;
      }
      const pending = pw.sent.shift();
      if (pending === undefined || message.task !== pending.order)
        throw new Error(
          `Pool: expecting an answer for task ${pending?.order}, instead found task ${message.task}`,
        );
      if (message.type === 'done')
        finish(pending, (item) => ({ item, outcome: 'done', output: message.output }));
      else finish(pending, (item) => ({ item, outcome: 'failed', message: message.message }));
      dispatch();
    };

    const onGone = (pw: PoolWorker<In>, error: Error | null, code: number) => {
      if (pw.gone) return;
      pw.gone = true;
      workers.splice(workers.indexOf(pw), 1);
      if (closing) return;
      const reason = error ? messageOf(error) : `worker thread stopped (exit code ${code})`;
      if (!pw.ready) {
        fatal ??= new Error(`a worker could not start: ${reason}`);
        signal();
        return;
      }
      // The oldest task is the one it was working on; the others were only waiting in its queue.
      const [current, ...rest] = pw.sent.splice(0);
      queue.unshift(...rest);
      if (current && pw.capped && (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        // An input too large for a capped heap is run again, alone, by a worker without the cap.
        send(spawn(false), current);
      } else if (current) finish(current, (item) => ({ item, outcome: 'failed', message: reason }));
      dispatch();
    };

    const spawn = (capped = true): PoolWorker<In> => {
      // No inherited execArgv: the boot registers tsx itself, and flags such as --input-type or
      // --eval are refused by workers.
      const worker = startWorker('./poolWorker', import.meta.url, {
        workerData: setup,
        execArgv: [],
        ...(capped && workerHeapMb > 0
          ? {
              resourceLimits: {
                maxOldGenerationSizeMb: workerHeapMb,
                maxYoungGenerationSizeMb: WORKER_YOUNG_MB,
              },
            }
          : {}),
      });
      const pw: PoolWorker<In> = { worker, capped, sent: [], ready: false, gone: false };
      let lastError: Error | null = null;
      worker.on('message', (m: FromWorker<Out>) => onMessage(pw, m));
      worker.on('error', (e) => {
        lastError = e;
      });
      worker.on('exit', (code) => onGone(pw, lastError, code));
      workers.push(pw);
      return pw;
    };

    /** Sends queued inputs to workers with room, starting workers as the work needs them. */
    const dispatch = () => {
      while (queue.length > 0 && fatal === null) {
        let target: PoolWorker<In> | undefined;
        for (const pw of workers)
          if (pw.sent.length < PER_WORKER && (target === undefined || pw.sent.length < target.sent.length))
            target = pw;
        // A fresh worker rather than a place in a busy worker's queue, while there is a core left.
        if ((target === undefined || target.sent.length > 0) && workers.length < jobs) target = spawn();
        if (target === undefined) return;
        send(target, queue.shift() as Pending<In>);
      }
    };

    /** Hands an input to a worker, which answers in the order it was sent. */
    const send = (pw: PoolWorker<In>, pending: Pending<In>) => {
      pw.sent.push(pending);
      const message: ToWorker<In> = { type: 'task', task: pending.order, input: pending.input };
      pw.worker.postMessage(message);
    };

    const iterator = items[Symbol.asyncIterator]();
    let nextIn = 0;
    let nextOut = 0;
    let inputDone = false;
    try {
      while (true) {
        while (!inputDone && nextIn - nextOut < maxInFlight && fatal === null) {
          const next = await iterator.next();
          if (next.done) {
            inputDone = true;
            break;
          }
          const order = nextIn++;
          const input = inputOf(next.value);
          if (input === null) done.set(order, { item: next.value, outcome: 'passed' });
          else {
            waiting.set(order, next.value);
            queue.push({ order, input });
            dispatch();
          }
        }
        if (fatal !== null) throw fatal;
        while (done.has(nextOut)) {
          const out = done.get(nextOut) as PoolAnswer<T, Out>;
          done.delete(nextOut);
          nextOut++;
          yield out;
        }
        if (inputDone && nextOut === nextIn) return;
        if (!done.has(nextOut) && (inputDone || nextIn - nextOut >= maxInFlight)) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      }
    } finally {
      closing = true;
      await Promise.all(workers.map((pw) => pw.worker.terminate()));
      await iterator.return?.();
    }
  }
}

/** Runs the task on one input in this thread; an exception fails that input, as in a worker. */
function runOne<T, In, Out>(task: Task<In, Out>, item: T, input: In): PoolAnswer<T, Out> {
  try {
    return { item, outcome: 'done', output: task(input) };
  } catch (e) {
    return { item, outcome: 'failed', message: messageOf(e) };
  }
}
