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

/**
 * Runs `step`, turning what it throws (only errors of class `only`, when given) into a UsageError
 * with `prefix` before the message: the run layer says what was expected, the command line makes
 * it a usage problem (exit 2).
 */
export async function asUsageError<T>(
  prefix: string,
  step: () => T | Promise<T>,
  only?: abstract new (...args: never[]) => Error,
): Promise<T> {
  try {
    return await step();
  } catch (e) {
    if (only !== undefined && !(e instanceof only)) throw e;
    throw new UsageError(`${prefix}${(e as Error).message}`);
  }
}

/** Says a notice of the run on stderr (not silenced by --quiet: it is about the user's files). */
export const noticeTo =
  (io: CliIO) =>
  (message: string): void =>
    io.stderr(`framescope: ${message}\n`);
