/**
 * Where a run's output files go while they are built. The streaming writer appends each article's
 * rows as it arrives, so the same builder can fill memory (tests, `buildOutputs`) or a staging
 * folder on disk (`framescope analyze`) without holding whole files.
 */
export interface OutputSink {
  /** Appends text (a string, or UTF-8 bytes) to a file, creating it (possibly empty) on first use. */
  append(name: string, text: string | Uint8Array): void;
  /** Writes a whole file at once (a file written once, e.g. one HTML page per article). */
  write(name: string, text: string | Uint8Array): void;
  /** A store for chunks that are written now and read back later in another order. */
  scratch(name: string): ChunkStore;
}

/** Chunks of text put now and read back later by the number `put` returned. */
export interface ChunkStore {
  put(text: string | Uint8Array): number;
  /** The chunk as it was put, or as its UTF-8 bytes (a store on disk does not decode what it only copies). */
  read(ref: number): string | Uint8Array;
  /** Frees the store (removes its file). */
  close(): void;
}

/** The string of a text given as a string or as UTF-8 bytes. */
const asString = (text: string | Uint8Array): string =>
  typeof text === 'string'
    ? text
    : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');

/** Keeps every chunk in memory: the store of the in-memory sink. */
export class MemoryChunks implements ChunkStore {
  private readonly chunks: string[] = [];
  put(text: string | Uint8Array): number {
    this.chunks.push(asString(text));
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
export class MemorySink implements OutputSink {
  private readonly parts = new Map<string, string[]>();

  append(name: string, text: string | Uint8Array): void {
    const list = this.parts.get(name);
    if (list) list.push(asString(text));
    else this.parts.set(name, [asString(text)]);
  }

  write(name: string, text: string | Uint8Array): void {
    this.parts.set(name, [asString(text)]);
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
