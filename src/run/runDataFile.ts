import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { type WriteStream, createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { CorpusResult } from '../analyzer/analyzer.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import type { InputFileHash } from '../corpus/fileHashes.ts';
import type { Numbered } from '../corpus/shard.ts';
import { type WrittenFile, bufferOf } from '../report/outputFiles.ts';
import type { RunInfo } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import type { RunOptions } from './runOptions.ts';

/**
 * `run-data.ndjson`: the per-article data of a run, one JSON object a line, so that shard outputs
 * can be merged into exactly what one run writes. The first line is a header (format, shard, the
 * run-level part of RunData, the run's own issues, the output options); every other line is one
 * item of the run, in input order, with `seq`, its number in the whole input counted by the
 * reader before sharding:
 *
 *   {"format":"framescope-results","version":1,"shard":"2/3","run":{...},"runIssues":[...],"output":{...}}
 *   {"seq":0,"kind":"result","result":{ ArticleResult },"summary":{ ArticleSummary }}
 *   {"seq":3,"kind":"skipped","skipped":{ SkippedInput },"issue":{ Issue }}
 *   {"seq":7,"kind":"issue","issue":{ Issue }}
 *   {"kind":"end","items":3,"total":9,"input_files":[{"file":...,"bytes":...,"sha256":...}]}
 *
 * The last line (since version 2) closes the file: how many items it holds, how many the reader
 * numbered in the whole input (a shard holds its share of them), and the size and SHA-256 of the
 * input files its articles came from. `merge` refuses a shard without it, with another count of
 * items, another total, or other contents of an input file than another shard read.
 *
 * Lines are written as the run goes (never held whole in memory) and key order is the order the
 * pipeline builds its objects in, which JSON keeps through a read and a write. Typed arrays (the
 * summaries' hashes and counts) are written as `{"$typed":"Uint32Array","values":[...]}`.
 */

export const RUN_DATA_FILE = 'run-data.ndjson';
/** The format's name in the header line, as written since its first version. */
export const RUN_DATA_FORMAT = 'framescope-results';
export const RUN_DATA_VERSION = 2;

export interface RunDataHeader {
  readonly format: typeof RUN_DATA_FORMAT;
  readonly version: number;
  /** `i/n` for a shard, null for a whole run (and for a merge of all shards). */
  readonly shard: string | null;
  readonly run: RunInfo;
  /** Problems of the run as a whole (e.g. lexicon packs), listed before the items' own. */
  readonly runIssues: readonly Issue[];
  /** What the run computed and wrote (`output` since the format's first version). */
  readonly output: Partial<RunOptions>;
}

export type RunDataRecord = Numbered<CorpusResult>;

/** The last line of a run-data file: what a reader checks the file is whole against. */
export interface RunDataEnd {
  readonly kind: 'end';
  /** Item lines in this file. */
  readonly items: number;
  /** Items the reader numbered in the whole input (before sharding). */
  readonly total: number;
  /** The input files the run's articles came from, with size and SHA-256 (as in the manifest). */
  readonly input_files: readonly InputFileHash[];
}

const TYPED = {
  Uint32Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Int16Array,
  Int8Array,
  Float64Array,
  Float32Array,
} as const;
type TypedName = keyof typeof TYPED;

function encodeTyped(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (!(name in TYPED)) throw new TypeError(`run-data file: cannot write a ${name}`);
    return { $typed: name, values: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function decodeTyped(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$typed' in value) {
    const { $typed, values } = value as { $typed: string; values: number[] };
    if ($typed in TYPED && Array.isArray(values)) return new TYPED[$typed as TypedName](values);
  }
  return value;
}

export function headerLine(header: RunDataHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function recordLine(seq: number, item: CorpusResult): string {
  return withSeq(seq, itemLine(item));
}

/** A typed array as run-data.ndjson writes it (see `encodeTyped`). */
function typedValue(array: Uint32Array | Int32Array): { $typed: string; values: number[] } {
  return { $typed: array.constructor.name, values: Array.from(array) };
}

/**
 * An article's summary with its typed arrays (term counts, signature, shingles, sentence hashes)
 * already in run-data.ndjson's form, keys in the same order, so that its JSON needs no replacer:
 * a replacer function is called for every value of the result and makes `itemLine` about half as
 * fast again.
 */
function encodedSummary(s: ArticleSummary): unknown {
  return {
    ...s,
    terms: { ...s.terms, counts: typedValue(s.terms.counts) },
    signature: typedValue(s.signature),
    shingles: typedValue(s.shingles),
    sentences: s.sentences.map((x) => ({ ...x, hashes: typedValue(x.hashes) })),
  };
}

/**
 * An item's line without its `seq`: `{"kind":...}\n` (see `withSeq`). Its bytes are those of
 * `typedJson(item)` (test/run-data-file.test.ts checks it on analysed articles).
 */
export function itemLine(item: CorpusResult): string {
  if (item.kind !== 'result') return `${JSON.stringify(item, encodeTyped)}\n`;
  return `${JSON.stringify({ ...item, summary: encodedSummary(item.summary) })}\n`;
}

/**
 * What goes before an item's line (from `itemLine`, less its opening brace) to make its record
 * line: `seq` is the first key, and JSON writes a whole number as `String` does.
 */
export function seqPrefix(seq: number): string {
  return `{"seq":${seq},`;
}

function withSeq(seq: number, line: string): string {
  return seqPrefix(seq) + line.slice(1);
}

/** JSON text of any value with typed arrays kept (run-data.ndjson's own encoding). */
export function typedJson(value: unknown): string {
  return JSON.stringify(value, encodeTyped);
}

/** Parses one record line (typed arrays restored). */
export function parseRecordLine(line: string): unknown {
  return JSON.parse(line, decodeTyped);
}

/** Lines are handed to the stream in writes of about this many bytes. */
const FLUSH_BYTES = 1 << 18;
const OPEN_BRACE = '{'.charCodeAt(0);

/** Streams run-data.ndjson to disk with backpressure, hashing it on the way. */
export class RunDataWriter {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private lastSeq = -1;
  private items = 0;
  /** Lines hashed and counted, not yet handed to the stream. */
  private pending: Buffer[] = [];
  private queued = 0;

  private constructor(
    private readonly stream: WriteStream,
    readonly path: string,
  ) {}

  static async open(path: string, header: RunDataHeader): Promise<RunDataWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    const writer = new RunDataWriter(stream, path);
    await writer.put(headerLine(header));
    return writer;
  }

  /**
   * Appends one item, given as its line from `itemLine` (a string, or its UTF-8 bytes); items must
   * come in increasing `seq` (input order). Returns where its line lies in the file, so that a
   * reader can fetch that one item back without reading the rest.
   */
  async write(seq: number, line: string | Uint8Array): Promise<{ offset: number; bytes: number }> {
    if (!(seq > this.lastSeq))
      throw new Error(`RunDataWriter: expecting seq greater than ${this.lastSeq}, instead found ${seq}`);
    if (line[0] !== (typeof line === 'string' ? '{' : OPEN_BRACE))
      throw new Error('RunDataWriter: expecting an item line that starts with "{", as itemLine writes it');
    this.lastSeq = seq;
    this.items++;
    const offset = this.bytes;
    this.queue(Buffer.from(seqPrefix(seq)));
    this.queue(typeof line === 'string' ? Buffer.from(line.slice(1)) : bufferOf(line).subarray(1));
    if (this.queued >= FLUSH_BYTES) await this.flush();
    return { offset, bytes: this.bytes - offset };
  }

  private queue(data: Buffer): void {
    this.hash.update(data);
    this.bytes += data.length;
    this.pending.push(data);
    this.queued += data.length;
  }

  /** Hands the queued lines to the stream in one write: few system calls, bounded memory. */
  private async flush(): Promise<void> {
    if (this.queued === 0) return;
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [];
    this.queued = 0;
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  private async put(line: string): Promise<void> {
    this.queue(Buffer.from(line));
    await this.flush();
  }

  /** Makes every line appended so far readable from the file by another reader (the run reads items back). */
  async sync(): Promise<void> {
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [];
    this.queued = 0;
    // Writes complete in order: when this one has, so have all before it.
    await new Promise<void>((done, fail) => this.stream.write(data, (e) => (e ? fail(e) : done())));
  }

  /** Writes the end line (see RunDataEnd) and closes the file. */
  async close(end: Omit<RunDataEnd, 'kind' | 'items'>): Promise<WrittenFile> {
    this.queue(Buffer.from(`${JSON.stringify({ kind: 'end', items: this.items, ...end })}\n`));
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    return { file: RUN_DATA_FILE, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Closes and removes the file, after a failed run. */
  async discard(): Promise<void> {
    if (!this.stream.closed) {
      this.stream.end();
      await once(this.stream, 'close').catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }
}

export class RunDataFileError extends Error {}

/** Reads a run-data.ndjson file: its header, then its records one at a time, checking the format as it goes. */
export async function openRunDataFile(path: string): Promise<{
  header: RunDataHeader;
  records: AsyncGenerator<RunDataRecord>;
  /** The end line, once `records` is read through; null if the file has none (cut short). */
  end: () => RunDataEnd | null;
}> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: RunDataHeader;
  try {
    header = JSON.parse(first.done ? '' : first.value) as RunDataHeader;
  } catch {
    lines.close();
    throw new RunDataFileError(
      `${path}:1: expecting a ${RUN_DATA_FORMAT} header line, instead found no JSON`,
    );
  }
  if (header?.format !== RUN_DATA_FORMAT || header.version !== RUN_DATA_VERSION) {
    lines.close();
    throw new RunDataFileError(
      `${path}:1: expecting format "${RUN_DATA_FORMAT}" version ${RUN_DATA_VERSION}, instead found ${JSON.stringify(header?.format)} version ${JSON.stringify(header?.version)}`,
    );
  }
  let end: RunDataEnd | null = null;
  async function* records(): AsyncGenerator<RunDataRecord> {
    let lineNumber = 1;
    let lastSeq = -1;
    let items = 0;
    try {
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        lineNumber++;
        if (next.value === '') continue;
        if (end !== null)
          throw new RunDataFileError(
            `${path}:${lineNumber}: expecting nothing after the end line, instead found a line`,
          );
        let parsed: { seq: number } & CorpusResult;
        try {
          parsed = parseRecordLine(next.value) as { seq: number } & CorpusResult;
        } catch (e) {
          throw new RunDataFileError(
            `${path}:${lineNumber}: expecting a JSON record, instead found ${(e as Error).message}`,
          );
        }
        if ((parsed as { kind: unknown }).kind === 'end') {
          end = endLine(parsed, `${path}:${lineNumber}`);
          if (end.items !== items)
            throw new RunDataFileError(
              `${path}:${lineNumber}: the end line counts ${end.items} items, but the file holds ${items}; was it cut or edited?`,
            );
          continue;
        }
        items++;
        const { seq, ...item } = parsed;
        if (!Number.isInteger(seq) || seq <= lastSeq)
          throw new RunDataFileError(
            `${path}:${lineNumber}: expecting a whole seq greater than ${lastSeq}, instead found ${JSON.stringify(seq)}`,
          );
        if (item.kind !== 'result' && item.kind !== 'skipped' && item.kind !== 'issue')
          throw new RunDataFileError(
            `${path}:${lineNumber}: expecting kind result, skipped or issue, instead found ${JSON.stringify((item as { kind: unknown }).kind)}`,
          );
        lastSeq = seq;
        yield { seq, item: item as CorpusResult };
      }
    } finally {
      lines.close();
    }
  }
  return { header, records: records(), end: () => end };
}

/** Checks an end line's fields (see RunDataEnd). */
function endLine(value: unknown, where: string): RunDataEnd {
  const { items, total, input_files } = value as Partial<RunDataEnd>;
  const whole = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  const hashes =
    Array.isArray(input_files) &&
    input_files.every((f) => typeof f?.file === 'string' && typeof f.sha256 === 'string' && whole(f.bytes));
  if (!whole(items) || !whole(total) || !hashes)
    throw new RunDataFileError(
      `${where}: expecting an end line with whole "items" and "total" and a list "input_files", instead found ${JSON.stringify(value).slice(0, 200)}`,
    );
  return value as RunDataEnd;
}
