import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultJobs } from './pool.ts';

/** Parses `--jobs`: a whole number >= 1. Throws a RangeError saying what was expected. */
export function parseJobs(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1)
    throw new RangeError(`--jobs expects a whole number >= 1, instead found "${text}"`);
  return n;
}

/**
 * Below these many bytes of input, a command's default is one job: starting worker threads (the
 * modules and the model, about half a second each, and for analyze a thread that describes the
 * run first) costs more than a second core saves on a small corpus. analyze does about three
 * times the work of score per article, so a second core pays off sooner.
 */
export const SMALL_INPUT_BYTES = { analyze: 1024 * 1024, score: 2 * 1024 * 1024 } as const;

/** Whether the input holds fewer bytes than `limit` (a folder: its files, counted until the limit). */
export async function smallerThan(input: string, limit: number): Promise<boolean> {
  if (input === '-') return false;
  let total = 0;
  const walk = async (path: string, top = false): Promise<void> => {
    // Links inside a folder are not followed, so a link back up the tree cannot loop.
    const info = top ? await stat(path) : await lstat(path);
    if (!info.isDirectory()) {
      total += info.size;
      return;
    }
    for (const entry of await readdir(path)) {
      if (total >= limit) return;
      await walk(join(path, entry));
    }
  };
  try {
    await walk(input, true);
  } catch {
    return false;
  }
  return total < limit;
}

/**
 * The worker threads of a run: `--jobs` when given, else one for a small input (see
 * SMALL_INPUT_BYTES), else every core. Outputs do not depend on it. A bad `--jobs` throws a
 * RangeError naming the command and what was expected.
 */
export async function jobsOf(
  command: keyof typeof SMALL_INPUT_BYTES,
  given: string | undefined,
  input: string,
): Promise<number> {
  try {
    if (given !== undefined) return parseJobs(given);
  } catch (e) {
    throw new RangeError(`${command}: ${(e as Error).message}`);
  }
  return (await smallerThan(input, SMALL_INPUT_BYTES[command])) ? 1 : defaultJobs();
}
