// Which code the command runs: the JavaScript that `npm run build` (run by `npm ci` through
// `prepare`) compiled into dist/, or the TypeScript sources through tsx. An installed package
// ships dist/ and no TypeScript sources (see `files` in package.json), so it always runs dist/ and
// never needs tsx. In a checkout the compiled code starts faster and each worker thread saves the
// ~40 MB that tsx's loader costs, but it is only used when it was built from exactly the sources
// in src/: an edited source file makes the command fall back to the sources, so a stale build can
// never give results the sources would not.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
export const STAMP_FILE = join(DIST_DIR, 'source-hash.txt');

/** SHA-256 over every TypeScript source file's path and bytes, in a fixed order. */
export function sourceHash() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  walk(SRC_DIR);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(SRC_DIR, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True in a checkout, false in an installed package (which ships no TypeScript sources). */
export function sourcesPresent() {
  return existsSync(join(SRC_DIR, 'cli', 'main.ts'));
}

/**
 * True when the command should run the TypeScript sources: only in a checkout, when
 * FRAMESCOPE_SOURCES=1 asks for them or dist/ is missing or stale.
 */
export function runsSources() {
  if (!sourcesPresent()) return false;
  return process.env['FRAMESCOPE_SOURCES'] === '1' || !compiledIsCurrent();
}

/** True when dist/ holds a build of the current sources. */
export function compiledIsCurrent() {
  let stamp;
  try {
    stamp = readFileSync(STAMP_FILE, 'utf8').trim();
  } catch {
    return false;
  }
  return stamp === sourceHash();
}
