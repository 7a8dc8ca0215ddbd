import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ChunkStore,
  type OutputFiles,
  type OutputText,
  type WrittenFile,
  bufferOf,
} from '../report/outputFiles.ts';
import { readAt, writeAll } from './fileBytes.ts';
import { GrowableArray } from './growable.ts';
import {
  MARKER,
  OutputFolderError,
  commitStaging,
  createStaging,
  discardStaging,
  filesWrittenIn,
  recoverInterrupted,
} from './outputCommit.ts';
import { type NamedInput, outputOverlapsInput, realPathOf } from './outputPaths.ts';

export { MARKER, OutputFolderError };

/** Where a command writes its folder, and what it reads (an output may be none of them). */
export interface OutputRequest {
  readonly out: string;
  readonly force: boolean;
  readonly inputs: readonly NamedInput[];
  /** Told what was done for the user (an interrupted run's outputs put back). */
  readonly notice?: (message: string) => void;
}

/**
 * Checks an output folder before a run, so that no run can lose a user's files (issue 16):
 * refuses an --out that is, holds or lies inside an input (`--force` or not); puts back the
 * outputs of a run that died while committing; and refuses a folder with files framescope did not
 * write (no manifest of its own) unless forced. Forced, such a folder is written beside the
 * user's files, never in place of them (see commitStaging).
 */
export async function prepareOutputFolder(request: OutputRequest): Promise<void> {
  const { out, force, inputs } = request;
  const overlap = outputOverlapsInput(out, inputs);
  if (overlap !== null) throw new OutputFolderError(overlap);
  const target = realPathOf(out);
  for (const note of recoverInterrupted(target)) request.notice?.(note);
  let entries: string[];
  try {
    if (!statSync(target).isDirectory())
      throw new OutputFolderError(`--out ${out} is a file, not a folder; choose a folder for the outputs`);
    entries = readdirSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (entries.length === 0 || force || filesWrittenIn(target) !== null) return;
  throw new OutputFolderError(
    `${out} exists and was not written by framescope (no ${MARKER} of its own); choose another --out, or add --force to write beside its files (none of them is replaced or removed)`,
  );
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
 * A run's output folder while it is written: files are streamed into a staging folder beside it
 * as the run goes, then `commit` moves them into place (see commitStaging: only the files the
 * previous run wrote are replaced, and a commit cut short is undone by the next run), so an
 * interrupted or failed run leaves the previous outputs whole and no half-written file (`discard`
 * removes the staging folder). A linked --out stays a link: the folder it points to is written.
 */
export class StagedOutputFolder implements OutputFiles {
  private readonly appended = new Map<string, AppendedFile>();
  private readonly whole: WrittenFile[] = [];
  /** Every file written, by whichever way (those that asked for their path too: run-data.ndjson, the manifest). */
  private readonly written = new Set<string>();
  private scratchCount = 0;

  private constructor(
    /** The real path of the output folder. */
    private readonly target: string,
    /** The staging folder the files are written into. */
    readonly path: string,
  ) {}

  static async open(dir: string): Promise<StagedOutputFolder> {
    const target = realPathOf(dir);
    recoverInterrupted(target);
    return new StagedOutputFolder(target, createStaging(target));
  }

  private place(name: string): string {
    this.written.add(name);
    const path = join(this.path, name);
    mkdirSync(dirname(path), { recursive: true });
    return path;
  }

  /** Where a file of the folder is written (for writers that stream it themselves). */
  pathOf(name: string): string {
    return this.place(name);
  }

  append(name: string, text: OutputText): void {
    let file = this.appended.get(name);
    if (file === undefined) {
      file = new AppendedFile(name, openSync(this.place(name), 'w'));
      this.appended.set(name, file);
    }
    file.append(text);
  }

  write(name: string, text: OutputText): void {
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    writeFileSync(this.place(name), data);
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

  /**
   * Moves the files written into the output folder, in place of the previous run's (and of no
   * other file). Returns the files of the folder framescope did not write, which stay as they are.
   * On failure the staging folder is removed and the previous outputs are where they were.
   */
  async commit(): Promise<string[]> {
    try {
      return commitStaging(this.path, this.target, [...this.written]);
    } catch (e) {
      await this.discard();
      throw e;
    }
  }

  /** Removes the staging folder, after a failed run. */
  async discard(): Promise<void> {
    for (const f of this.appended.values()) {
      try {
        f.close();
      } catch {
        // The run has failed already; the folder goes anyway.
      }
    }
    this.appended.clear();
    discardStaging(this.path, this.target);
  }
}
