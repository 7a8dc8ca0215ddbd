import { formatIssue } from '../lexicon/issues.ts';
import type { NothingReadError } from '../run/analyzeRun.ts';
import { EXIT } from './io.ts';

/**
 * Says on stderr why no article of a corpus could be read (a missing text column names the
 * columns there are) and gives the exit code of a run that could not run (`unwritten`: what it did
 * not write).
 */
export function reportNothingRead(
  command: string,
  error: NothingReadError,
  stderr: (s: string) => void,
  unwritten = 'nothing was written',
): number {
  stderr(`framescope ${command}: ${error.message}; ${unwritten}\n`);
  for (const issue of error.errors) stderr(`  ${formatIssue(issue)}\n`);
  return EXIT.couldNotRun;
}
