import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The real path of a file or folder that may not exist yet: the nearest existing ancestor with
 * its links resolved, then the rest of the path. A link that points nowhere (yet) is followed to
 * where it points, so a dangling --out link is written through, not replaced.
 */
export function realPathOf(path: string): string {
  let head = resolve(path);
  let tail: string[] = [];
  for (let links = 0; links < 40; ) {
    try {
      return join(realpathSync.native(head), ...tail);
    } catch {
      // Missing (or a dangling link): look one level up, or follow the link.
    }
    let link: string | null = null;
    try {
      if (lstatSync(head).isSymbolicLink()) link = readlinkSync(head);
    } catch {
      // Not there at all.
    }
    if (link !== null) {
      head = resolve(dirname(head), link);
      links++;
      continue;
    }
    const up = dirname(head);
    if (up === head) break;
    tail = [basename(head), ...tail];
    head = up;
  }
  return join(head, ...tail);
}

/** Whether `inner` is `outer` or lies inside it (both real, absolute paths). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** An input of a command, as the user named it, and what it is (for the message). */
export interface NamedInput {
  readonly path: string;
  readonly what: string;
}

/**
 * Why an output cannot go where it was asked, or null when it can: it is one of the inputs, holds
 * one (replacing or rewriting it would lose the user's data, `--force` or not), or lies inside one
 * (the next run would read its own outputs as articles). Paths are compared real, so `.`, `..`,
 * links and relative spellings of the same folder are caught. Inputs that are not files (`-`, a
 * built-in pack's name) are left out.
 */
export function outputOverlapsInput(
  out: string,
  inputs: readonly NamedInput[],
  option = '--out',
): string | null {
  const target = realPathOf(out);
  for (const input of inputs) {
    if (input.path === '-' || !existsSync(input.path)) continue;
    const source = realPathOf(input.path);
    const named = `${input.what} ${input.path}`;
    if (source === target) return `${option} ${out} is ${named}; choose another ${option}`;
    if (within(source, target))
      return `${option} ${out} holds ${named}; choose an ${option} that does not contain it (--force does not change this)`;
    if (within(target, source))
      return `${option} ${out} lies inside the input ${input.path} (${input.what}), so a rerun would read its own outputs; choose an ${option} outside it`;
  }
  return null;
}
