/**
 * Where the writers of a run put its files while they are built: in memory (tests, `buildOutputs`)
 * or a staging folder on disk (`framescope analyze`, run/outputFolder.ts). Files are appended to
 * in pieces as the articles arrive, so that no file is held whole.
 */

/** Text of an output: a string, or its UTF-8 bytes (as it arrives from a worker thread). */
export type OutputText = string | Uint8Array;

/** A view of bytes as a Buffer, without copying them. */
export const bufferOf = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The string of an output text. */
export const stringOf = (text: OutputText): string =>
  typeof text === 'string' ? text : bufferOf(text).toString('utf8');

/** What the manifest lists of one written file. */
export interface WrittenFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface OutputFiles {
  /** Appends text to a file, creating it (possibly empty) on first use. */
  append(name: string, text: OutputText): void;
  /** Writes a whole file at once (a file written once, e.g. one HTML page per article). */
  write(name: string, text: OutputText): void;
  /** A store for chunks that are written now and read back later in another order. */
  scratch(name: string): ChunkStore;
}

/** Chunks of text put now and read back later by the number `put` returned. */
export interface ChunkStore {
  put(text: OutputText): number;
  /** The chunk as it was put, or as its UTF-8 bytes (a store on disk does not decode what it only copies). */
  read(ref: number): OutputText;
  /** Frees the store (removes its file). */
  close(): void;
}

/** Keeps every chunk in memory: the store of the in-memory files. */
export class MemoryChunks implements ChunkStore {
  private readonly chunks: string[] = [];
  put(text: OutputText): number {
    this.chunks.push(stringOf(text));
    return this.chunks.length - 1;
  }
  read(ref: number): string {
    const text = this.chunks[ref];
    if (text === undefined) throw new RangeError(`MemoryChunks: no chunk ${ref}`);
    return text;
  }
  close(): void {
    this.chunks.length = 0;
  }
}

/** Builds every file in memory: what `buildOutputs` returns, for tests and the library API. */
export class MemoryOutputFiles implements OutputFiles {
  private readonly parts = new Map<string, string[]>();

  append(name: string, text: OutputText): void {
    const list = this.parts.get(name);
    if (list) list.push(stringOf(text));
    else this.parts.set(name, [stringOf(text)]);
  }

  write(name: string, text: OutputText): void {
    this.parts.set(name, [stringOf(text)]);
  }

  scratch(): ChunkStore {
    return new MemoryChunks();
  }

  /** The files by name, sorted by name (code units), as the writers and the manifest list them. */
  files(): Map<string, string> {
    return new Map(
      [...this.parts]
        .map(([name, list]) => [name, list.join('')] as [string, string])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
}
