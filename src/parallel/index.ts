export {
  analyzeInParallel,
  defaultJobs,
  type ParallelOptions,
  parseJobs,
  renderNumbered,
} from './pool.ts';
export type { ArticleTask, TaskModule } from './protocol.ts';
export {
  RESULTS_FILE,
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type ResultsHeader,
  ResultsWriter,
  openResultsFile,
} from './resultsFile.ts';
export type { RunLevel } from '../report/runData.ts';
export { type RunPlan, runToFolder } from './run.ts';
export { RunWriter } from './runFiles.ts';
