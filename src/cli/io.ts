/** Where a command writes: the bin passes the process streams, tests pass collectors. */
export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** True when stderr is a terminal (progress bar) rather than a file or pipe (plain lines). */
  readonly stderrIsTTY: boolean;
  readonly stdin?: NodeJS.ReadableStream;
}

/** Exit codes: 0 done, 1 done with data problems listed, 2 could not run. */
export const EXIT = Object.freeze({ ok: 0, dataProblems: 1, couldNotRun: 2 });

export class UsageError extends Error {}
