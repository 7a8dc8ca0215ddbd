import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  type ChunkStore,
  type OutputFiles,
  type OutputText,
  type WrittenFile,
  bufferOf,
} from '../report/outputFiles.ts';
import { readAt, writeAll } from './fileBytes.ts';
import { GrowableArray } from './growable.ts';

/** The file that marks a folder as written by framescope (and so safe to replace). */
export const MARKER = 'manifest.json';

/** An output folder that must not be replaced: the CLI reports it as a usage problem (exit 2). */
export class OutputFolderError extends Error {}

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
export async function checkOutputFolder(dir: string, force: boolean): Promise<void> {
  if (!existsSync(dir)) return;
  const entries = await readdir(dir);
  if (entries.length === 0 || force || writtenByFramescope(dir)) return;
  throw new OutputFolderError(
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

/** Appends beyond this many buffered characters (or bytes) go to disk: few system calls, bounded memory. */
const FLUSH_CHARS = 1 << 18;

/**
 * One Buffer of texts given as strings or UTF-8 bytes (bytes come ready-made from the workers):
 * runs of strings are joined and encoded once.
 */
function joinTexts(parts: readonly OutputText[]): Buffer {
  const buffers: Buffer[] = [];
  let strings: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') strings.push(part);
    else {
      if (strings.length > 0) buffers.push(Buffer.from(strings.join('')));
      strings = [];
      buffers.push(bufferOf(part));
    }
  }
  if (strings.length > 0) buffers.push(Buffer.from(strings.join('')));
  return buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers);
}

/** A file of the staging folder being appended to, hashed as it is written. */
class AppendedFile {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private buffer: OutputText[] = [];
  private buffered = 0;

  constructor(
    readonly name: string,
    private readonly fd: number,
  ) {}

  append(text: OutputText): void {
    if (text.length === 0) return;
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const data = joinTexts(this.buffer);
    this.buffer = [];
    this.buffered = 0;
    this.hash.update(data);
    this.bytes += data.length;
    writeAll(this.fd, data, null);
  }

  close(): WrittenFile {
    this.flush();
    closeSync(this.fd);
    return { file: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** Chunks kept in a scratch file of the staging folder, read back by offset. */
class FileChunks implements ChunkStore {
  private readonly offsets = new GrowableArray((n) => new Float64Array(n));
  private readonly lengths = new GrowableArray((n) => new Uint32Array(n));
  private end = 0;
  private fd: number | null;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  private open(): number {
    if (this.fd === null) throw new Error(`FileChunks: ${this.path} is closed`);
    return this.fd;
  }

  put(text: OutputText): number {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    writeAll(this.open(), data, this.end);
    this.offsets.push(this.end);
    this.lengths.push(data.length);
    this.end += data.length;
    return this.offsets.length - 1;
  }

  read(ref: number): Uint8Array {
    const offset = this.offsets.at(ref);
    const length = this.lengths.at(ref);
    return readAt(
      this.open(),
      offset,
      Buffer.allocUnsafe(length),
      `FileChunks: chunk ${ref} of ${this.path}`,
    );
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.path, { force: true });
  }
}

/**
 * A run's output folder while it is written: files are streamed into a temporary sibling folder
 * as the run goes, then `commit` swaps it into place, so an interrupted or failed run leaves the
 * previous outputs whole and no half-written file (`discard` removes the temporary folder).
 */
export class StagedOutputFolder implements OutputFiles {
  private readonly appended = new Map<string, AppendedFile>();
  private readonly whole: WrittenFile[] = [];
  private scratchCount = 0;

  private constructor(
    private readonly target: string,
    /** The temporary folder the files are written into. */
    readonly path: string,
  ) {}

  static async open(dir: string): Promise<StagedOutputFolder> {
    const target = resolve(dir);
    const parent = dirname(target);
    await mkdir(parent, { recursive: true });
    await removeStaleTemporaries(parent, basename(target));
    const tmp = join(parent, `.framescope-tmp-${basename(target)}-${process.pid}-${Date.now()}`);
    await mkdir(tmp, { recursive: true });
    return new StagedOutputFolder(target, tmp);
  }

  /** Where a file of the folder is written (for writers that stream it themselves). */
  pathOf(name: string): string {
    const path = join(this.path, name);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  append(name: string, text: OutputText): void {
    let file = this.appended.get(name);
    if (file === undefined) {
      file = new AppendedFile(name, openSync(this.pathOf(name), 'w'));
      this.appended.set(name, file);
    }
    file.append(text);
  }

  write(name: string, text: OutputText): void {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    writeFileSync(this.pathOf(name), data);
    this.whole.push({
      file: name,
      sha256: createHash('sha256').update(data).digest('hex'),
      bytes: data.length,
    });
  }

  scratch(name: string): ChunkStore {
    return new FileChunks(
      join(this.path, `.scratch-${this.scratchCount++}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}`),
    );
  }

  /** Closes every file and lists them with hash and size, sorted by name: the manifest's outputs. */
  close(): WrittenFile[] {
    const files = [...this.whole, ...[...this.appended.values()].map((f) => f.close())];
    this.appended.clear();
    return files.sort((a, b) => (a.file < b.file ? -1 : 1));
  }

  /** Swaps the folder into place; on failure, puts the previous outputs back. */
  async commit(): Promise<void> {
    const old = `${this.path}-old`;
    let hadOld = false;
    try {
      hadOld = existsSync(this.target);
      if (hadOld) await rename(this.target, old);
      await rename(this.path, this.target);
      if (hadOld) await rm(old, { recursive: true, force: true });
    } catch (e) {
      // Put the previous outputs back if they were moved aside before the failure.
      if (hadOld && !existsSync(this.target) && existsSync(old)) await rename(old, this.target);
      await this.discard();
      throw e;
    }
  }

  /** Removes the temporary folder, after a failed run. */
  async discard(): Promise<void> {
    for (const f of this.appended.values()) {
      try {
        f.close();
      } catch {
        // The run has failed already; the folder goes anyway.
      }
    }
    this.appended.clear();
    await rm(this.path, { recursive: true, force: true });
  }
}
