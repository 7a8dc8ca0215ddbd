export {
  analyzeInParallel,
  defaultJobs,
  type ParallelOptions,
  parseJobs,
  renderNumbered,
} from './pool.ts';
export type { ArticleTask, TaskModule } from './poolProtocol.ts';
export {
  RESULTS_FILE,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type ResultsHeader,
  ResultsWriter,
  openResultsFile,
} from './runDataFile.ts';
export type { RunLevel } from '../report/runData.ts';
export { type RunPlan, runToFolder } from './analyzeRun.ts';
export { RunWriter } from './runFolder.ts';
