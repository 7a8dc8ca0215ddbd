import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { AnalyzerOptions, CorpusResult, PreparedLexicons } from '../analyzer/analyzer.ts';
import { type CorpusItem, skippedItem } from '../corpus/items.ts';
import { type Numbered, numberItems } from '../corpus/shard.ts';
import type { Article, ArticleResult } from '../types.ts';
import {
  type ArticleTask,
  type FromWorker,
  type TaskModule,
  type ToWorker,
  type WorkerSetup,
  messageOf,
} from './poolProtocol.ts';
import { type ArticleOutputOptions, type RenderedItem, renderItem } from './renderArticle.ts';
import { CODE_EXTENSION, startWorker } from './workerThread.ts';

export interface ParallelOptions {
  /** Worker threads; 1 analyses in this thread, with no worker. Default: every core. */
  readonly jobs?: number;
  readonly analyzerOptions?: Partial<AnalyzerOptions>;
  /**
   * The lexicons prepared for `analyzerOptions` (see `createAnalyzer`): given, no thread loads,
   * checks and compiles the packs again (about a second each).
   */
  readonly prepared?: PreparedLexicons;
  /** Items read but not yet yielded, at most (default 4 x jobs): bounds memory whatever the corpus size. */
  readonly maxInFlight?: number;
  /** Module exporting `createTask` (default: the analyzer). For tests and custom pipelines. */
  readonly taskModule?: URL;
}

const DEFAULT_TASK_MODULE = new URL(`./analyzeTask${CODE_EXTENSION}`, import.meta.url);
/** Articles sent to one worker ahead of its answers: enough that it never waits for the next. */
const PER_WORKER = 2;
/**
 * Old-generation heap of a worker, in MB. Left alone, V8 lets a busy worker's heap grow far past
 * what it keeps (BBC 10x: 2 workers near 600 MB together); capped, it collects sooner, with the
 * same outputs and about the same time (10x: 739 -> 441 MB peak for the run). An article that
 * needs more (a text of several MB) is retried alone in a worker without the cap (see onGone).
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

/** Parses `--jobs`: a whole number >= 1. Throws a RangeError saying what was expected. */
export function parseJobs(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1)
    throw new RangeError(`--jobs expects a whole number >= 1, instead found "${text}"`);
  return n;
}

function checkOptions(options: ParallelOptions): { jobs: number; maxInFlight: number } {
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new RangeError(
      `analyzeInParallel: expecting jobs to be a whole number >= 1, instead found ${jobs}`,
    );
  const maxInFlight = options.maxInFlight ?? 4 * jobs;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new RangeError(
      `analyzeInParallel: expecting maxInFlight to be a whole number >= 1, instead found ${maxInFlight}`,
    );
  return { jobs, maxInFlight };
}

/** An article whose analysis threw or killed its worker: listed as skipped, and the run goes on. */
function failedItem(article: Article, message: string): CorpusResult {
  return skippedItem(
    article.id,
    article.source.file,
    'analysis/failed',
    `analysis failed: ${message}`,
    'report this article to the framescope maintainers; the other articles were analysed',
    article.source.line,
  ) as CorpusResult;
}

/**
 * Analyses a corpus over `jobs` worker threads, each with its own analyzer, and yields one result
 * per input item in input order: results come back in any order and wait in a reorder buffer.
 * At most `maxInFlight` items are read ahead of the consumer, so memory does not grow with the
 * corpus. Output is identical to a single-threaded run.
 */
export async function* analyzeInParallel(
  items: AsyncIterable<CorpusItem>,
  options: ParallelOptions = {},
): AsyncGenerator<CorpusResult> {
  for await (const { item } of inPool(numberItems(items), options, null)) yield item as CorpusResult;
}

/**
 * As `analyzeInParallel`, over numbered items (see `numberItems` and `shardFilter`), each result
 * rendered where it was analysed (see `renderArticle`): the worker sends the article's outputs as
 * bytes, so the consumer only writes them. With one job the same function renders in this thread.
 */
export async function* renderNumbered(
  items: AsyncIterable<Numbered<CorpusItem>>,
  options: ParallelOptions & { readonly render: ArticleOutputOptions },
): AsyncGenerator<Numbered<RenderedItem>> {
  yield* inPool(items, options, options.render) as AsyncGenerator<Numbered<RenderedItem>>;
}

/** What the pool yields for an item: a result, or a rendered result, or the item itself. */
type Answer = CorpusResult | RenderedItem;

async function* inPool(
  items: AsyncIterable<Numbered<CorpusItem>>,
  options: ParallelOptions,
  render: ArticleOutputOptions | null,
): AsyncGenerator<Numbered<Answer>> {
  const { jobs, maxInFlight } = checkOptions(options);
  const setup: WorkerSetup = {
    taskModule: (options.taskModule ?? DEFAULT_TASK_MODULE).href,
    analyzerOptions: options.analyzerOptions ?? {},
    ...(options.prepared ? { prepared: options.prepared } : {}),
    render,
  };
  if (jobs === 1) yield* inThisThread(items, setup);
  else yield* inWorkers(items, setup, jobs, maxInFlight);
}

/**
 * Applies the task to one article, and renders the result when asked; an exception becomes a
 * skipped item, as it does in a worker.
 */
function analyzeOne(task: ArticleTask, article: Article, render: ArticleOutputOptions | null): Answer {
  try {
    const { result, summary } = task(article);
    const item: CorpusResult = { kind: 'result', result, summary };
    return render === null ? item : renderItem(item, render);
  } catch (e) {
    return failedItem(article, messageOf(e));
  }
}

async function* inThisThread(
  items: AsyncIterable<Numbered<CorpusItem>>,
  setup: WorkerSetup,
): AsyncGenerator<Numbered<Answer>> {
  const module = (await import(setup.taskModule)) as TaskModule;
  const task = await module.createTask(setup.analyzerOptions, setup.prepared);
  for await (const { seq, item } of items) {
    if (item.kind === 'article') yield { seq, item: analyzeOne(task, item.article, setup.render) };
    else yield { seq, item };
  }
}

interface Pending {
  /** Position in this pool's input, which fixes the output order. */
  readonly order: number;
  readonly seq: number;
  readonly article: Article;
}

interface PoolWorker {
  readonly worker: Worker;
  /** Whether its heap is capped (WORKER_HEAP_MB); a worker for one very large article is not. */
  readonly capped: boolean;
  /** Tasks sent and not yet answered, oldest first (a worker answers in the order it is sent). */
  readonly sent: Pending[];
  ready: boolean;
  /** Set once the worker has gone, so its exit is handled once. */
  gone: boolean;
}

async function* inWorkers(
  items: AsyncIterable<Numbered<CorpusItem>>,
  setup: WorkerSetup,
  jobs: number,
  maxInFlight: number,
): AsyncGenerator<Numbered<Answer>> {
  const workers: PoolWorker[] = [];
  const workerHeapMb = workerHeapMbOf(process.env);
  const queue: Pending[] = [];
  const done = new Map<number, Numbered<Answer>>();
  let fatal: Error | null = null;
  let closing = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const finish = (pending: Pending, item: Answer) => {
    done.set(pending.order, { seq: pending.seq, item });
    signal();
  };

  const onMessage = (pw: PoolWorker, message: FromWorker) => {
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
        `analyzeInParallel: expecting an answer for task ${pending?.order}, instead found task ${message.task}`,
      );
    if (message.type === 'rendered') finish(pending, { kind: 'rendered', rendered: message.rendered });
    else if (message.type === 'result') {
      // Rebuild the result around the pool's own article, in the worker's key order.
      const result = Object.fromEntries(
        Object.entries(message.analysed.result).map(([k, v]) => [k, k === 'article' ? pending.article : v]),
      ) as unknown as ArticleResult;
      finish(pending, { kind: 'result', result, summary: message.analysed.summary });
    } else finish(pending, failedItem(pending.article, message.message));
    dispatch();
  };

  const onGone = (pw: PoolWorker, error: Error | null, code: number) => {
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
    const [current, ...waiting] = pw.sent.splice(0);
    queue.unshift(...waiting);
    if (current && pw.capped && (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      // An article too large for a capped heap is analysed again, alone, by a worker without the cap.
      send(spawn(false), current);
    } else if (current) finish(current, failedItem(current.article, reason));
    dispatch();
  };

  const spawn = (capped = true): PoolWorker => {
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
    const pw: PoolWorker = { worker, capped, sent: [], ready: false, gone: false };
    let lastError: Error | null = null;
    worker.on('message', (m: FromWorker) => onMessage(pw, m));
    worker.on('error', (e) => {
      lastError = e;
    });
    worker.on('exit', (code) => onGone(pw, lastError, code));
    workers.push(pw);
    return pw;
  };

  /** Sends queued articles to workers with room, starting workers as the work needs them. */
  const dispatch = () => {
    while (queue.length > 0 && fatal === null) {
      let target: PoolWorker | undefined;
      for (const pw of workers)
        if (pw.sent.length < PER_WORKER && (target === undefined || pw.sent.length < target.sent.length))
          target = pw;
      // A fresh worker rather than a place in a busy worker's queue, while there is a core left.
      if ((target === undefined || target.sent.length > 0) && workers.length < jobs) target = spawn();
      if (target === undefined) return;
      send(target, queue.shift() as Pending);
    }
  };

  /** Hands an article to a worker, which answers in the order it was sent. */
  const send = (pw: PoolWorker, pending: Pending) => {
    pw.sent.push(pending);
    const message: ToWorker = { type: 'analyze', task: pending.order, article: pending.article };
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
        const { seq, item } = next.value;
        if (item.kind === 'article') {
          queue.push({ order, seq, article: item.article });
          dispatch();
        } else done.set(order, { seq, item });
      }
      if (fatal !== null) throw fatal;
      while (done.has(nextOut)) {
        const out = done.get(nextOut) as Numbered<Answer>;
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
