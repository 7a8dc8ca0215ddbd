/** The run layer: one job from corpus to outputs (see docs/architecture.md). */
export { analyzeInParallel, type ParallelOptions, renderNumbered } from './analyzePool.ts';
export { type RunPlan, runToFolder } from './analyzeRun.ts';
export { buildOutputs } from './buildOutputs.ts';
export { defaultJobs, Pool, type PoolAnswer, type PoolOptions } from './pool.ts';
export type { Task, TaskModule } from './poolProtocol.ts';
export {
  RUN_DATA_FILE,
  RUN_DATA_FORMAT,
  RUN_DATA_VERSION,
  type RunDataHeader,
  RunDataWriter,
  openRunDataFile,
} from './runDataFile.ts';
export { RunFolder } from './runFolder.ts';
export type { RunOptions } from './runOptions.ts';
