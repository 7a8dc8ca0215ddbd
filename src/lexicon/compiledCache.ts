import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { TOOL_VERSION } from '../version.ts';
import { builtinPackFiles, packFilesOf } from './load.ts';
import type { PackSelection } from './select.ts';
import { stagePackFiles } from './stagePacks.ts';

/**
 * Compiled lexicons kept on disk between runs. Reading, checking and compiling the packs takes
 * about a second (YAML parsing, and wink-nlp reading every pattern), more than scoring a small
 * corpus; the compiled form is read back in milliseconds. An entry's key covers everything the
 * compiled form depends on: the bytes and names of the pack files, the options, the framescope
 * code that reads, checks and compiles packs, and the versions of the libraries that code uses.
 * A change to any of them gives a new key, so an entry is never used for other inputs or code.
 */

/** Bumped when the shape of what is stored changes. */
const CACHE_FORMAT = 'framescope-compiled-lexicon-3';
/** Entries kept; older ones are removed when a new one is written. */
const KEEP = 16;

const HERE = fileURLToPath(import.meta.url);
/** The code's root: src/ for the TypeScript sources, dist/ for the compiled build. */
const SRC = resolve(dirname(HERE), '..');
/** `.ts` for the sources, `.js` compiled: the code files are those of the code that runs. */
const CODE_EXT = extname(HERE);
/** The code a compiled lexicon depends on: reading, checking, describing and compiling packs, and tokenizing. */
const CODE_DIRS = ['lexicon', 'text'];
const CODE_FILES = ['order', 'types', 'version'].map((f) => `${f}${CODE_EXT}`);
const LIBRARIES = ['wink-nlp', 'wink-eng-lite-web-model', 'natural', 'yaml'];

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let codeDigest: string | null = null;

/** Digest of the framescope code and library versions a compiled lexicon depends on. */
function dependencyDigest(): string {
  if (codeDigest !== null) return codeDigest;
  const hash = createHash('sha256');
  const files = [
    ...CODE_DIRS.flatMap((d) =>
      readdirSync(join(SRC, d))
        .filter((f) => f.endsWith(CODE_EXT))
        .sort()
        .map((f) => `${d}/${f}`),
    ),
    ...CODE_FILES,
  ];
  // A key without the code would outlive a change to it.
  if (!files.some((f) => f.startsWith('lexicon/compile.')))
    throw new Error(
      `compiled-lexicon cache: expecting the code in ${SRC}, instead found no lexicon/compile${CODE_EXT}`,
    );
  for (const f of files) hash.update(`${f}\u0000${sha256(readFileSync(join(SRC, f)))}\n`);
  const require = createRequire(import.meta.url);
  for (const lib of LIBRARIES) {
    const { version } = JSON.parse(readFileSync(require.resolve(`${lib}/package.json`), 'utf8')) as {
      version: string;
    };
    hash.update(`${lib}@${version}\n`);
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

/**
 * The cache key of the compiled lexicons of a pack selection: the pack files (as named and by
 * content), the selection, and the code and libraries (see `dependencyDigest`). Null when no key
 * can be made (a named pack file that does not exist): compiling then says what is wrong.
 */
export function lexiconsKey(selection: PackSelection): string | null {
  try {
    const files = [
      ...(selection.builtinLexicons ? builtinPackFiles() : []),
      ...packFilesOf(selection.lexicons),
      // The stages' packs are checked and listed with every selection.
      ...stagePackFiles(),
    ];
    const hash = createHash('sha256');
    hash.update(`${CACHE_FORMAT}\n${TOOL_VERSION}\n${dependencyDigest()}\n`);
    hash.update(`builtin=${selection.builtinLexicons}\nlexicons=${JSON.stringify(selection.lexicons)}\n`);
    for (const f of files) hash.update(`${f}\u0000${sha256(readFileSync(f))}\n`);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/**
 * The folder of the cache: `$FRAMESCOPE_CACHE_DIR` (empty or `off`: no cache), else
 * `$XDG_CACHE_HOME/framescope`, else `~/.cache/framescope`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.FRAMESCOPE_CACHE_DIR;
  if (given !== undefined) return given === '' || given === 'off' ? null : given;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'framescope');
}

/**
 * The value stored under `key` in `dir`, else `build()`'s, stored for the next run (a null `dir`
 * or `key`: built, not stored). A cache that
 * cannot be read or written is skipped (the value is built as if there were none): it only saves
 * time, so its problems never stop a run.
 */
export async function cachedOrBuilt<T>(
  dir: string | null,
  key: string | null,
  build: () => Promise<T>,
): Promise<{ value: T; hit: boolean }> {
  if (dir === null || key === null) return { value: await build(), hit: false };
  const stored = storedValue<T>(dir, key);
  if (stored !== undefined) return { value: stored, hit: true };
  const file = join(dir, `${key}.v8`);
  const value = await build();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a concurrent run never reads half an entry.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, serialize({ format: CACHE_FORMAT, key, value }), { mode: 0o600 });
    renameSync(partial, file);
    prune(dir);
  } catch {
    // A read-only or full disk: the next run builds again.
  }
  return { value, hit: false };
}

/** The value stored under `key` in `dir`, or undefined when there is none (or it cannot be read). */
function storedValue<T>(dir: string, key: string): T | undefined {
  try {
    const stored = deserialize(readFileSync(join(dir, `${key}.v8`))) as {
      format: string;
      key: string;
      value: T;
    };
    if (stored.format === CACHE_FORMAT && stored.key === key) return stored.value;
  } catch {
    // Absent or unreadable: no value.
  }
  return undefined;
}

/** Keeps the newest `KEEP` entries. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.v8'))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of entries.slice(KEEP)) rmSync(join(dir, f), { force: true });
}
