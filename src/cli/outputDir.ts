import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The file that marks a folder as written by framescope (and so safe to replace). */
export const MARKER = 'manifest.json';

export class OutputDirError extends Error {}

/**
 * Refuses to replace a folder that framescope did not write (it has files but no manifest)
 * unless forced, so a mistyped --out never wipes a user's data.
 */
export async function checkOutputDir(dir: string, force: boolean): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir);
  if (entries.length === 0 || entries.includes(MARKER) || force) return;
  throw new OutputDirError(
    `${dir} exists and was not written by framescope (no ${MARKER}); choose another --out, or add --force to replace it`,
  );
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
  const tmp = join(parent, `.framescope-tmp-${basename(target)}-${process.pid}-${Date.now()}`);
  await mkdir(tmp, { recursive: true });
  try {
    for (const [name, content] of files) {
      const path = join(tmp, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    const old = `${tmp}-old`;
    const hadOld = existsSync(target);
    if (hadOld) await rename(target, old);
    await rename(tmp, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
