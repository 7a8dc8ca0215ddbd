/**
 * Messages between a pool and its workers. Everything crosses by structured clone, so only plain
 * data travels: the task's input out, its output back (with the buffers the task module names
 * moved rather than copied), or why it failed.
 */

/** One piece of work: a function built once per worker, since building it may load a model. */
export type Task<In, Out> = (input: In) => Out;

/** The shape of a module that a pool's workers load by URL. */
export interface TaskModule<In, Out> {
  /** Builds the task from the pool's `taskArgs` (plain data: they cross to each worker). */
  createTask(...args: readonly unknown[]): Task<In, Out> | Promise<Task<In, Out>>;
  /**
   * The output as a worker sends it, with the buffers to move to the main thread rather than copy
   * (e.g. its texts UTF-8 encoded into one buffer). Not called when the pool runs in its own thread.
   */
  forTransfer?(output: Out): { readonly output: Out; readonly transfer: readonly ArrayBuffer[] };
}

/** What a worker is started with. */
export interface WorkerSetup {
  /** URL of the task module. */
  readonly taskModule: string;
  readonly taskArgs: readonly unknown[];
}

export type ToWorker<In> = { readonly type: 'task'; readonly task: number; readonly input: In };

export type FromWorker<Out> =
  | { readonly type: 'ready' }
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'done'; readonly task: number; readonly output: Out }
  | { readonly type: 'failed'; readonly task: number; readonly message: string };

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Loads a task module and builds its task. */
export async function loadTask<In, Out>(
  setup: WorkerSetup,
): Promise<{ readonly module: TaskModule<In, Out>; readonly task: Task<In, Out> }> {
  // The module is named by URL at run time, so its type is what the pool was told it is.
  const module = (await import(setup.taskModule)) as TaskModule<In, Out>;
  return { module, task: await module.createTask(...setup.taskArgs) };
}
