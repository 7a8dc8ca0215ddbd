import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The file that marks a folder as written by framescope (and so safe to replace). */
export const MARKER = 'manifest.json';

export class OutputDirError extends Error {}

/** A folder is framescope's when its manifest says so (a web app's manifest.json is not ours). */
function writtenByFramescope(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { tool?: unknown }).tool === 'framescope';
  } catch {
    return false;
  }
}

/**
 * Refuses to replace a folder that framescope did not write (it has files but no manifest)
 * unless forced, so a mistyped --out never wipes a user's data.
 */
export async function checkOutputDir(dir: string, force: boolean): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir);
  if (entries.length === 0 || force || writtenByFramescope(dir)) return;
  throw new OutputDirError(
    `${dir} exists and was not written by framescope (no ${MARKER}); choose another --out, or add --force to replace it`,
  );
}

/** Whether a process id belongs to a running process (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary folders left by a run that was killed mid-write, once their process is gone. */
async function removeStaleTemporaries(parent: string, name: string): Promise<void> {
  const prefix = `.framescope-tmp-${name}-`;
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid))
      await rm(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * Writes all files into a temporary sibling folder, then swaps it into place: an interrupted or
 * failed run leaves the previous outputs whole and no half-written file.
 */
export async function writeOutputsAtomically(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  await removeStaleTemporaries(parent, basename(target));
  const tmp = join(parent, `.framescope-tmp-${basename(target)}-${process.pid}-${Date.now()}`);
  const old = `${tmp}-old`;
  let hadOld = false;
  await mkdir(tmp, { recursive: true });
  try {
    for (const [name, content] of files) {
      const path = join(tmp, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    hadOld = existsSync(target);
    if (hadOld) await rename(target, old);
    await rename(tmp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    // Put the previous outputs back if they were moved aside before the failure.
    if (hadOld && !existsSync(target) && existsSync(old)) await rename(old, target);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
