import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli/io.ts';
import type { ChunkStore, OutputSink } from '../report/outputFiles.ts';
import { readAt } from './fileBytes.ts';

/** The file that marks a folder as written by framescope (and so safe to replace). */
export const MARKER = 'manifest.json';

/** A usage problem: the CLI reports it and exits 2, like a bad option. */
export class OutputDirError extends UsageError {}

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

/** What the manifest lists of one written file. */
export interface WrittenFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Appends beyond this many buffered characters (or bytes) go to disk: few system calls, bounded memory. */
const FLUSH_CHARS = 1 << 18;

/** A view of bytes as a Buffer, without copying them. */
const bufferOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * One Buffer of texts given as strings or UTF-8 bytes (bytes come ready-made from the workers):
 * runs of strings are joined and encoded once.
 */
function joinTexts(parts: readonly (string | Uint8Array)[]): Buffer {
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
  private buffer: (string | Uint8Array)[] = [];
  private buffered = 0;

  constructor(
    readonly name: string,
    private readonly fd: number,
  ) {}

  append(text: string | Uint8Array): void {
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
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done);
  }

  close(): WrittenFile {
    this.flush();
    closeSync(this.fd);
    return { file: this.name, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** Chunks kept in a scratch file of the staging folder, read back by offset. */
class FileChunks implements ChunkStore {
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private end = 0;
  private fd: number | null;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  private open(): number {
    if (this.fd === null) throw new Error(`FileChunks: ${this.path} is closed`);
    return this.fd;
  }

  put(text: string | Uint8Array): number {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    const fd = this.open();
    let done = 0;
    while (done < data.length) done += writeSync(fd, data, done, data.length - done, this.end + done);
    this.offsets.push(this.end);
    this.lengths.push(data.length);
    this.end += data.length;
    return this.offsets.length - 1;
  }

  read(ref: number): Uint8Array {
    const offset = this.offsets[ref];
    const length = this.lengths[ref];
    if (offset === undefined || length === undefined) throw new RangeError(`FileChunks: no chunk ${ref}`);
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
export class StagedOutputDir implements OutputSink {
  private readonly appended = new Map<string, AppendedFile>();
  private readonly whole: WrittenFile[] = [];
  private scratchCount = 0;

  private constructor(
    private readonly target: string,
    /** The temporary folder the files are written into. */
    readonly path: string,
  ) {}

  static async open(dir: string): Promise<StagedOutputDir> {
    const target = resolve(dir);
    const parent = dirname(target);
    await mkdir(parent, { recursive: true });
    await removeStaleTemporaries(parent, basename(target));
    const tmp = join(parent, `.framescope-tmp-${basename(target)}-${process.pid}-${Date.now()}`);
    await mkdir(tmp, { recursive: true });
    return new StagedOutputDir(target, tmp);
  }

  /** Where a file of the folder is written (for writers that stream it themselves). */
  pathOf(name: string): string {
    const path = join(this.path, name);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  append(name: string, text: string | Uint8Array): void {
    let file = this.appended.get(name);
    if (file === undefined) {
      file = new AppendedFile(name, openSync(this.pathOf(name), 'w'));
      this.appended.set(name, file);
    }
    file.append(text);
  }

  write(name: string, text: string | Uint8Array): void {
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

/**
 * Writes all files into a temporary sibling folder, then swaps it into place: an interrupted or
 * failed run leaves the previous outputs whole and no half-written file.
 */
export async function writeOutputsAtomically(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const staged = await StagedOutputDir.open(dir);
  try {
    for (const [name, content] of files) staged.write(name, content);
  } catch (e) {
    await staged.discard();
    throw e;
  }
  await staged.commit();
}
