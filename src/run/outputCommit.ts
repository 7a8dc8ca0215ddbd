import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { type ProcessStamp, isRunning, stampOf, thisProcess } from './processStamp.ts';

/**
 * How a run's outputs reach their folder without ever losing a file (issue 16, cases 2 and 3).
 *
 * A run writes into a staging folder beside the output folder (on the same file system, so a
 * rename is atomic), named `.framescope-tmp-<name>-<pid>-<start>-<random>` and holding a lock file
 * that names the output folder and the process (id and start time). The commit then moves files
 * one by one: the files the previous run wrote (its manifest lists them) into the staging folder,
 * then the new ones into the output folder. A file framescope did not write is never moved,
 * replaced or removed. Before the first move a journal is written into the staging folder; a run
 * that dies at any point of the commit leaves a staging folder whose lock names a dead process,
 * and the next run for the same output folder finds it and puts the previous outputs back.
 */

/** The start of every staging folder's name (earlier versions used it too). */
export const STAGING_PREFIX = '.framescope-tmp-';
/** In a staging folder: who made it, for which output folder. */
const LOCK = '.framescope-lock.json';
/** In a staging folder, from the start of its commit: what moves where. */
const JOURNAL = '.framescope-commit.json';
/** In a staging folder: the previous run's files, while a commit is in progress. */
const PREVIOUS = '.framescope-previous';
/** The names above, for tests that lay out what a crash leaves behind. */
export const STAGING_FILES = { lock: LOCK, journal: JOURNAL, previous: PREVIOUS } as const;

/** The file that marks a folder as written by framescope and lists what it wrote. */
export const MARKER = 'manifest.json';

/** An output folder that must not be written as asked: the CLI reports it as a usage problem (exit 2). */
export class OutputFolderError extends Error {}

interface Lock extends ProcessStamp {
  readonly tool: 'framescope';
  /** The real path of the output folder. */
  readonly target: string;
}

interface Journal {
  readonly state: 'moving' | 'done';
  /** Whether the commit made the output folder (it did not exist). */
  readonly created: boolean;
  /** The previous run's files that were in the output folder, moved into PREVIOUS. */
  readonly previous: readonly string[];
  /** The new files, moved from the staging folder into the output folder. */
  readonly written: readonly string[];
}

/** Writes a small file so that a reader sees the old or the new bytes, never a part (tmp, fsync, rename). */
function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** A name a manifest may list: relative, `/`-separated, with no `.`, `..` or empty part. */
function isOwnName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !posix.isAbsolute(name) &&
    !name.includes('\\') &&
    !name.includes('\u0000') &&
    name.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
  );
}

/**
 * The files framescope wrote in `dir`, from its manifest (outputs, the run-data file and the
 * manifest itself), or null when the folder has no framescope manifest. A name that would lead out
 * of the folder is never taken (a manifest is a file anyone can edit).
 */
export function filesWrittenIn(dir: string): string[] | null {
  const manifest = readJson(join(dir, MARKER)) as {
    tool?: unknown;
    outputs?: unknown;
    results_file?: { file?: unknown };
  } | null;
  if (manifest?.tool !== 'framescope') return null;
  const listed = Array.isArray(manifest.outputs)
    ? manifest.outputs.map((o) => (o as { file?: unknown } | null)?.file)
    : [];
  return [...new Set([...listed, manifest.results_file?.file, MARKER].filter(isOwnName))];
}

/** Whether a path exists as anything (a dangling link too). */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function move(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

/** Removes the now empty folders that held `files` inside `root` (deepest first), never `root` itself. */
function pruneEmptyFolders(root: string, files: readonly string[]): void {
  const folders = new Set<string>();
  for (const f of files) for (let d = posix.dirname(f); d !== '.'; d = posix.dirname(d)) folders.add(d);
  for (const d of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(root, d));
    } catch {
      // Not empty (a user's file, or a new output), or gone: it stays.
    }
  }
}

/**
 * Removes a staging folder: its files first, then its journal, then its lock, so that a removal cut
 * short leaves a folder the next run still knows as this one's.
 */
function removeStaging(staging: string): void {
  let entries: string[];
  try {
    entries = readdirSync(staging);
  } catch {
    return;
  }
  for (const entry of entries)
    if (entry !== LOCK && entry !== JOURNAL) rmSync(join(staging, entry), { recursive: true, force: true });
  rmSync(join(staging, JOURNAL), { force: true });
  rmSync(join(staging, LOCK), { force: true });
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Undoes a commit that did not finish: the new files go back into the staging folder, the
 * previous run's files back into the output folder. Safe to run again if it is itself cut short.
 */
function rollBack(staging: string, target: string, journal: Journal): void {
  for (const f of [...journal.written].reverse())
    if (!present(join(staging, f)) && present(join(target, f))) move(join(target, f), join(staging, f));
  for (const f of journal.previous) {
    const kept = join(staging, PREVIOUS, f);
    if (present(kept) && !present(join(target, f))) move(kept, join(target, f));
  }
  pruneEmptyFolders(target, journal.written);
  if (journal.created) {
    try {
      rmdirSync(target);
    } catch {
      // Not empty: a user's files arrived meanwhile; the folder stays.
    }
  }
}

/** The staging folders left beside `target` by runs that are no longer running, with their locks. */
function staleStagings(target: string): string[] {
  const parent = dirname(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(STAGING_PREFIX)) continue;
    const lock = readJson(join(parent, entry, LOCK)) as Partial<Lock> | null;
    const stamp = stampOf(lock);
    // Only a folder whose lock names this very output folder and a process that is gone.
    if (lock?.tool !== 'framescope' || lock.target !== target || stamp === null || isRunning(stamp)) continue;
    found.push(join(parent, entry));
  }
  return found;
}

/**
 * Earlier versions moved the whole previous output folder to `.framescope-tmp-<name>-<pid>-<ms>-old`
 * during a commit; a crash there left the output folder missing. Such a folder is put back (never
 * removed) when the output folder is missing and its process is gone.
 */
function restoreEarlierVersionsBackup(target: string): string | null {
  if (present(target)) return null;
  const parent = dirname(target);
  const name = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${STAGING_PREFIX.replace('.', '\\.')}${name}-(\\d+)-(\\d+)-old$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return null;
  }
  for (const entry of entries.sort().reverse()) {
    const m = pattern.exec(entry);
    if (m === null || isRunning({ pid: Number(m[1]), start: null })) continue;
    if (filesWrittenIn(join(parent, entry)) === null) continue;
    renameSync(join(parent, entry), target);
    return entry;
  }
  return null;
}

/**
 * Finishes or undoes what runs that died left for `target`: a commit cut short is rolled back (the
 * previous outputs are put back), a finished one cleared, a staging folder that never reached its
 * commit removed (it holds only what that run wrote). Returns what was done, for the user.
 */
export function recoverInterrupted(target: string): string[] {
  const notes: string[] = [];
  for (const staging of staleStagings(target)) {
    const journal = readJson(join(staging, JOURNAL)) as Journal | null;
    if (journal?.state === 'moving') {
      rollBack(staging, target, journal);
      notes.push(`the outputs of an interrupted run were put back in ${target}`);
    }
    removeStaging(staging);
  }
  const restored = restoreEarlierVersionsBackup(target);
  if (restored !== null) notes.push(`the outputs of an interrupted run were put back from ${restored}`);
  return notes;
}

/** Makes the staging folder for `target` (a real path), with its lock naming `me` (this process). */
export function createStaging(target: string, me: ProcessStamp = thisProcess()): string {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = join(
    parent,
    `${STAGING_PREFIX}${basename(target)}-${me.pid}-${me.start ?? 'na'}-${randomBytes(4).toString('hex')}`,
  );
  mkdirSync(staging);
  const lock: Lock = { tool: 'framescope', target, ...me };
  writeDurably(join(staging, LOCK), `${JSON.stringify(lock)}\n`);
  return staging;
}

/** Every file under `root`, as `/`-separated names, leaving out `skip`. */
function filesUnder(root: string, skip: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      const name = prefix === '' ? entry : `${prefix}/${entry}`;
      const path = join(dir, entry);
      if (lstatSync(path).isDirectory()) walk(path, name);
      else if (!skip.has(name)) found.push(name);
    }
  };
  walk(root, '');
  return found;
}

/**
 * Moves the files `written` (names inside `staging`, the manifest last) into `target`, replacing
 * the files the previous run wrote there and nothing else; the staging folder is removed. Returns
 * the files of the folder that framescope did not write (left as they are). Throws an
 * OutputFolderError, before anything moves, when a new file would land on a file the previous run
 * did not write.
 */
export function commitStaging(staging: string, target: string, written: readonly string[]): string[] {
  const previous = (filesWrittenIn(target) ?? []).filter((f) => present(join(target, f)));
  const replaced = new Set(previous);
  const clashes = written.filter((f) => {
    if (replaced.has(f)) return false;
    // The file itself, or a folder on its way that is a file of the user's.
    for (let p = f; p !== '.'; p = posix.dirname(p)) {
      const path = join(target, p);
      if (!present(path)) continue;
      return p !== f ? !lstatSync(path).isDirectory() : true;
    }
    return false;
  });
  if (clashes.length > 0)
    throw new OutputFolderError(
      `${target} holds ${clashes.length === 1 ? 'a file' : 'files'} framescope did not write where it would write its own (${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', ...' : ''}); move ${clashes.length === 1 ? 'it' : 'them'} away or choose another --out`,
    );
  const journal: Journal = { state: 'moving', created: !present(target), previous, written };
  writeDurably(join(staging, JOURNAL), `${JSON.stringify(journal)}\n`);
  // The manifest goes last in each direction, so the folder has one for as long as possible.
  const last = (a: string, b: string) => Number(a === MARKER) - Number(b === MARKER);
  try {
    mkdirSync(target, { recursive: true });
    for (const f of [...previous].sort(last)) move(join(target, f), join(staging, PREVIOUS, f));
    for (const f of [...written].sort(last)) move(join(staging, f), join(target, f));
  } catch (e) {
    // Undone here if it can be; if not, the journal stays for the next run (see discardStaging).
    rollBack(staging, target, journal);
    throw e;
  }
  writeDurably(join(staging, JOURNAL), `${JSON.stringify({ ...journal, state: 'done' })}\n`);
  const writtenNow = new Set(written);
  pruneEmptyFolders(
    target,
    previous.filter((f) => !writtenNow.has(f)),
  );
  removeStaging(staging);
  return filesUnder(target, writtenNow);
}

/**
 * Removes a staging folder after a failed run. A commit it began is undone first (the previous
 * outputs go back in `target`); if that fails too, the folder stays, and the next run for `target`
 * finishes the undoing once this process has ended.
 */
export function discardStaging(staging: string, target: string): void {
  if (!existsSync(staging)) return;
  const journal = readJson(join(staging, JOURNAL)) as Journal | null;
  if (journal?.state === 'moving') rollBack(staging, target, journal);
  removeStaging(staging);
}
