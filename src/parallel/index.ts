export {
  analyzeInParallel,
  analyzeNumbered,
  defaultJobs,
  type ParallelOptions,
  parseJobs,
} from './pool.ts';
export type { ArticleTask, TaskModule } from './protocol.ts';
export {
  RESULTS_FILE,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type ResultsHeader,
  ResultsWriter,
  type RunLevel,
  openResultsFile,
} from './resultsFile.ts';
export { type RunPlan, runToFolder } from './run.ts';
export { RunWriter } from './runFiles.ts';
