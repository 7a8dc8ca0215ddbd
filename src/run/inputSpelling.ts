import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * How a run spells an input path in its outputs, so that `corp`, `./corp/` and `/home/me/corp`
 * given from `/home/me` give the same bytes (issue 16, case 22): relative to the working
 * directory with `/` between parts when the path lies inside it, absolute when it lies outside.
 * A name that is not a path to anything (`-`, a built-in pack's name) is kept as given.
 */
export function spelledInput(path: string, cwd: string = process.cwd()): string {
  if (path === '-' || !existsSync(path)) return path;
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return absolute;
  return rel.split(sep).join('/');
}
