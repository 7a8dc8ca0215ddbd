import { closeSync, openSync, rmSync } from 'node:fs';
import type { Fingerprints } from '../compare/compactSummary.ts';
import { DuplicateFinder, type Duplicates } from '../compare/duplicates.ts';
import { hashString } from '../compare/hash.ts';
import {
  type ArticleHead,
  type EntryCounts,
  type SummaryStore,
  metadataValueOf,
  summaryStore,
} from '../compare/store.ts';
import type { ArticleSummary } from '../compare/summary.ts';
import type { ArticleRecord } from './articleRecord.ts';
import { decodeFigureValues, encodeFigureValues } from './figureValues.ts';
import { readAt, writeAll } from './fileBytes.ts';
import {
  type ArticleIndexEntry,
  FigureNames,
  SEGMENT,
  SEGMENTS,
  type StoredArticle,
  indexEntryOf,
  parseCounts,
  parseFacts,
  parseFigureValues,
  parseRecord,
  parseSignature,
  parseTerms,
  splitKeys,
  storedArticle,
} from './storedArticle.ts';

/**
 * The analysed articles of a run, for the corpus-level outputs: each article's record (the
 * tables, report.md, the manifest) and comparison summary (compare/), read back by index. In
 * memory for the library and tests; on disk for a long run (FileArticleStore), which keeps about
 * 70 bytes an article in memory (its id, where it lies, its duplicate representative and the ids
 * of a few metadata values) plus what it learns about the corpus as a whole (`corpus`).
 */
export interface ArticleStore extends SummaryStore {
  /** Stores an analysed article. */
  add(record: ArticleRecord, summary: ArticleSummary): void;
  /** Stores an article serialised elsewhere (a worker thread, see storedArticle.ts). */
  addSerialized(article: StoredArticle): void;
  record(i: number): ArticleRecord;
  /** Every record in input order (one sequential read). */
  records(): Iterable<ArticleRecord>;
  /** What every article added so far adds up to. */
  readonly corpus: CorpusColumns;
  /** The index of the last article with this id (the one `textOf(id)` gives the text of). */
  lastIndexOf(id: string): number | undefined;
  /** Frees the store (removes its file); reading after this throws. */
  close(): void;
}

/** What the columns of articles.csv and the run's charts depend on: every article's, gathered as they come. */
export interface CorpusColumns {
  /** Metadata columns in first-seen order. */
  readonly metadata: readonly string[];
  readonly figures: ReadonlySet<string>;
  /** Figures that are a number in at least one article. */
  readonly numericFigures: ReadonlySet<string>;
  readonly choiceSets: ReadonlySet<string>;
  readonly topCategories: ReadonlySet<string>;
  readonly words: number;
  readonly tokens: number;
}

class ColumnTracker implements CorpusColumns {
  private readonly metadataSeen = new Set<string>();
  readonly figures = new Set<string>();
  readonly numericFigures = new Set<string>();
  readonly choiceSets = new Set<string>();
  readonly topCategories = new Set<string>();
  words = 0;
  tokens = 0;

  get metadata(): readonly string[] {
    return [...this.metadataSeen];
  }

  /** Lists of figure names seen already: articles of a run mostly share one. */
  private readonly keyLists = new Set<string>();

  add(entry: ArticleIndexEntry): void {
    for (const k of Object.keys(entry.metadata)) this.metadataSeen.add(k);
    if (!this.keyLists.has(entry.figureKeys)) {
      this.keyLists.add(entry.figureKeys);
      for (const k of splitKeys(entry.figureKeys)) this.figures.add(k);
    }
    if (!this.keyLists.has(`#${entry.numericFigureKeys}`)) {
      this.keyLists.add(`#${entry.numericFigureKeys}`);
      for (const k of splitKeys(entry.numericFigureKeys)) this.numericFigures.add(k);
    }
    for (const k of entry.choiceSets) this.choiceSets.add(k);
    for (const k of entry.topCategories) this.topCategories.add(k);
    this.words += entry.wordCount;
    this.tokens += entry.tokenCount;
  }
}

const NO_SHINGLES = new Uint32Array(0);

const asText = (t: string | Uint8Array): string =>
  typeof t === 'string' ? t : Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('utf8');

/** Every record and summary in arrays: what `buildOutputs` uses, exactly as given. */
export class MemoryArticleStore implements ArticleStore {
  private readonly recordList: ArticleRecord[] = [];
  private readonly summaries: ArticleSummary[] = [];
  private readonly store = summaryStore(this.summaries);
  private readonly tracker = new ColumnTracker();
  private ids: Map<string, number> | null = null;
  private readonly figureNameLists = new Map<string, FigureNames>();

  get length(): number {
    return this.summaries.length;
  }

  private figureNames(joined: string): FigureNames {
    let names = this.figureNameLists.get(joined);
    if (names === undefined) {
      names = new FigureNames(joined);
      this.figureNameLists.set(joined, names);
    }
    return names;
  }

  get corpus(): CorpusColumns {
    return this.tracker;
  }

  add(record: ArticleRecord, summary: ArticleSummary): void {
    this.tracker.add(indexEntryOf(record, summary));
    this.recordList.push(record);
    this.summaries.push(summary);
    this.ids = null;
  }

  addSerialized(article: StoredArticle): void {
    const s = article.segments.map(asText);
    const record = parseRecord(
      s[SEGMENT.record] as string,
      parseFigureValues(s[SEGMENT.figures] as string),
      this.figureNames(article.index.figureKeys),
    );
    const counts = parseCounts(s[SEGMENT.counts] as string);
    this.add(record, {
      id: record.id,
      metadata: record.metadata,
      file: record.file,
      wordCount: record.wordCount,
      terms: parseTerms(s[SEGMENT.terms] as string),
      signature: parseSignature(s[SEGMENT.signature] as string),
      // Fingerprints are not stored (see storedArticle.ts): the key of the shingles stays.
      shingles: NO_SHINGLES,
      duplicateKey: article.index.duplicateKey,
      sentences: [],
      facts: parseFacts(s[SEGMENT.facts] as string),
      termChoices: counts.termChoices,
      framing: counts.framing,
      sources: counts.sources,
      figures: record.figures,
    });
  }

  record(i: number): ArticleRecord {
    const r = this.recordList[i];
    if (r === undefined)
      throw new RangeError(`ArticleStore: expected an index below ${this.length}, found ${i}`);
    return r;
  }

  records(): Iterable<ArticleRecord> {
    return this.recordList;
  }

  lastIndexOf(id: string): number | undefined {
    if (this.ids === null) this.ids = new Map(this.summaries.map((s, i) => [s.id, i]));
    return this.ids.get(id);
  }

  id(i: number): string {
    return this.store.id(i);
  }
  metadataValue(i: number, column: string): string | undefined {
    return this.store.metadataValue(i, column);
  }
  duplicates(): Duplicates {
    // The array grows until the run ends, so the duplicates are worked out when asked.
    return summaryStore(this.summaries).duplicates();
  }
  head(i: number): ArticleHead {
    return this.store.head(i);
  }
  terms(i: number) {
    return this.store.terms(i);
  }
  signature(i: number): Uint32Array {
    return this.store.signature(i);
  }
  facts(i: number) {
    return this.store.facts(i);
  }
  termChoices(i: number) {
    return this.store.termChoices(i);
  }
  entryCounts(i: number): EntryCounts {
    return this.store.entryCounts(i);
  }
  sameEntryCounts(i: number, j: number): boolean {
    return this.store.sameEntryCounts(i, j);
  }
  fingerprints(i: number): Fingerprints {
    return this.store.fingerprints(i);
  }
  close(): void {}
}

/** A typed array that doubles when full. */
class Growable<T extends Float64Array | Uint32Array | Int32Array> {
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}

  ensure(n: number): void {
    if (n <= this.data.length) return;
    const grown = this.make(Math.max(n, 2 * this.data.length));
    grown.set(this.data);
    this.data = grown;
  }
}

/** Values of one metadata column, interned: a small number per article. */
class ColumnValues {
  readonly ids = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly values: string[] = [];
  private readonly known = new Map<string, number>();

  set(i: number, value: string | undefined): void {
    this.ids.ensure(i + 1);
    let id = -1;
    if (value !== undefined) {
      id = this.known.get(value) ?? -1;
      if (id < 0) {
        id = this.values.length;
        this.values.push(value);
        this.known.set(value, id);
      }
    }
    this.ids.data[i] = id;
  }

  get(i: number): string | undefined {
    const id = this.ids.data[i] as number;
    return id < 0 ? undefined : this.values[id];
  }
}

/** Bytes written to the file at once; reads of a whole pass go ahead by as much. */
const WRITE_BUFFER = 1 << 18;
const READ_AHEAD = 1 << 20;

/** A scratch file that grows by appends, written in large pieces, and is read back by offset. */
class ScratchFile {
  private fd: number | null;
  /** Bytes appended so far, written or pending. */
  size = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  /** Appends the parts one after the other; returns where the first starts. */
  append(parts: readonly Buffer[]): number {
    const at = this.size;
    for (const part of parts) {
      this.pending.push(part);
      this.pendingBytes += part.length;
      this.size += part.length;
    }
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
    return at;
  }

  private open(): number {
    if (this.fd === null)
      throw new Error(`ArticleStore: ${this.path} was closed; the run's articles are no longer readable`);
    return this.fd;
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending);
    const at = this.size - data.length;
    this.pending = [];
    this.pendingBytes = 0;
    writeAll(this.open(), data, at);
  }

  /** `bytes` bytes at `offset`, read into `into` when it is large enough. */
  read(offset: number, bytes: number, into?: Buffer): Buffer {
    this.flush();
    const data = into && into.length >= bytes ? into : Buffer.allocUnsafe(bytes);
    readAt(this.open(), offset, data.subarray(0, bytes), `ArticleStore: ${this.path}`);
    return data;
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    this.pending = [];
    this.pendingBytes = 0;
    rmSync(this.path, { force: true });
  }
}

/**
 * How many of an article's parts, from the first, go to the records file: the record and its
 * figures, which the tables read in passes over every article. The summary's parts (terms,
 * signature, facts, counts), read a group at a time, go to the other file, so that a pass over
 * the records reads a fifth of the bytes.
 */
const RECORD_PARTS = SEGMENT.figures + 1;

/**
 * The store of a long run: each article's parts (storedArticle.ts) appended to two scratch files
 * as it arrives (its record, and its summary's parts) and read back part by part (reuse
 * fingerprints are spilled apart, by the run). In memory per article: its id (a string the run
 * holds anyway), where it lies (8 bytes in each file, and 4 per part), its duplicate
 * representative (4) and, for each metadata column a comparison may group by (`columns`), the
 * number of its value (4).
 */
export class FileArticleStore implements ArticleStore {
  private readonly idList: string[] = [];
  private readonly recordStarts = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly partStarts = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly sizes = new Growable(new Uint32Array(1024 * SEGMENTS), (n) => new Uint32Array(n));
  private readonly finder = new DuplicateFinder();
  /** Each article's list of figure names, as a number into the lists seen (one or a few a run). */
  private readonly figureKeyIds = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  private readonly figureNameLists: FigureNames[] = [];
  private readonly figureKeyListIds = new Map<string, number>();
  private readonly columnValues = new Map<string, ColumnValues>();
  private readonly tracker = new ColumnTracker();
  private readonly recordFile: ScratchFile;
  private readonly partFile: ScratchFile;
  /** An article's figure values as read, before they become its record's figures object. */
  private readonly figureValues: (number | null)[] = [];
  private idTable: Int32Array | null = null;
  private duplicateResult: Duplicates | null = null;

  constructor(
    path: string,
    /** Metadata columns whose values comparisons may ask for (grouping, outlets, `--by`). */
    columns: readonly string[],
  ) {
    this.recordFile = new ScratchFile(`${path}-records`);
    this.partFile = new ScratchFile(path);
    for (const c of columns) this.columnValues.set(c, new ColumnValues());
  }

  get length(): number {
    return this.idList.length;
  }

  get corpus(): CorpusColumns {
    return this.tracker;
  }

  add(record: ArticleRecord, summary: ArticleSummary): void {
    this.addSerialized(storedArticle(record, summary));
  }

  addSerialized(article: StoredArticle): void {
    const { index, segments } = article;
    if (segments.length !== SEGMENTS)
      throw new Error(
        `ArticleStore: expected ${SEGMENTS} parts of article ${index.id}, found ${segments.length}`,
      );
    const i = this.idList.length;
    this.recordStarts.ensure(i + 1);
    this.partStarts.ensure(i + 1);
    this.sizes.ensure((i + 1) * SEGMENTS);
    // Parts rendered in a worker arrive as bytes, to be written as they are; but the figure
    // values, read back in every pass over the records, are parsed once here and kept as doubles.
    const parts = segments.map((x, k) =>
      k === SEGMENT.figures
        ? encodeFigureValues(parseFigureValues(asText(x)))
        : typeof x === 'string'
          ? Buffer.from(x, 'utf8')
          : Buffer.from(x.buffer, x.byteOffset, x.byteLength),
    );
    for (let k = 0; k < SEGMENTS; k++) this.sizes.data[i * SEGMENTS + k] = (parts[k] as Buffer).length;
    this.recordStarts.data[i] = this.recordFile.append(parts.slice(0, RECORD_PARTS));
    this.partStarts.data[i] = this.partFile.append(parts.slice(RECORD_PARTS));
    this.idList.push(index.id);
    this.figureKeyIds.ensure(i + 1);
    let keysId = this.figureKeyListIds.get(index.figureKeys);
    if (keysId === undefined) {
      keysId = this.figureNameLists.length;
      this.figureNameLists.push(new FigureNames(index.figureKeys));
      this.figureKeyListIds.set(index.figureKeys, keysId);
    }
    this.figureKeyIds.data[i] = keysId;
    this.finder.add(index.duplicateKey);
    for (const [column, values] of this.columnValues) values.set(i, metadataValueOf(index.metadata, column));
    this.tracker.add(index);
    this.idTable = null;
    this.duplicateResult = null;
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.idList.length))
      throw new RangeError(`ArticleStore: expected an index below ${this.idList.length}, found ${i}`);
  }

  /** Where a part of an article lies: in the records file or the summaries file. */
  private where(i: number, segment: number): { file: ScratchFile; offset: number; bytes: number } {
    this.check(i);
    const inRecords = segment < RECORD_PARTS;
    let offset = (inRecords ? this.recordStarts.data[i] : this.partStarts.data[i]) as number;
    for (let k = inRecords ? 0 : RECORD_PARTS; k < segment; k++)
      offset += this.sizes.data[i * SEGMENTS + k] as number;
    return {
      file: inRecords ? this.recordFile : this.partFile,
      offset,
      bytes: this.sizes.data[i * SEGMENTS + segment] as number,
    };
  }

  private segment(i: number, segment: number): string {
    const { file, offset, bytes } = this.where(i, segment);
    return file.read(offset, bytes).toString('utf8', 0, bytes);
  }

  private figureNames(i: number): FigureNames {
    return this.figureNameLists[this.figureKeyIds.data[i] as number] as FigureNames;
  }

  record(i: number): ArticleRecord {
    // The record and its figures are the first two parts: one read.
    const { offset, bytes } = this.where(i, SEGMENT.record);
    const figureBytes = this.sizes.data[i * SEGMENTS + SEGMENT.figures] as number;
    const data = this.recordFile.read(offset, bytes + figureBytes);
    return parseRecord(
      data.toString('utf8', 0, bytes),
      decodeFigureValues(data, bytes, figureBytes, this.figureValues),
      this.figureNames(i),
    );
  }

  *records(): Generator<ArticleRecord> {
    let window: Buffer = Buffer.alloc(0);
    let windowStart = 0;
    let windowEnd = 0;
    for (let i = 0; i < this.idList.length; i++) {
      // The record and its figures are the first two parts: one stretch of the file.
      const { offset, bytes } = this.where(i, SEGMENT.record);
      const figureBytes = this.sizes.data[i * SEGMENTS + SEGMENT.figures] as number;
      const end = offset + bytes + figureBytes;
      if (offset < windowStart || end > windowEnd) {
        const size = Math.min(Math.max(READ_AHEAD, end - offset), this.recordFile.size - offset);
        window = this.recordFile.read(offset, size, window.length >= size ? window : undefined);
        windowStart = offset;
        windowEnd = offset + size;
      }
      const at = offset - windowStart;
      yield parseRecord(
        window.toString('utf8', at, at + bytes),
        decodeFigureValues(window, at + bytes, figureBytes, this.figureValues),
        this.figureNames(i),
      );
    }
  }

  lastIndexOf(id: string): number | undefined {
    // Open addressing over the ids the run holds anyway: 8 bytes an article, built on first use.
    const n = this.idList.length;
    let size = 1;
    while (size < 2 * n + 2) size <<= 1;
    const mask = size - 1;
    if (this.idTable === null) {
      const table = new Int32Array(size).fill(-1);
      for (let i = 0; i < n; i++) {
        const key = this.idList[i] as string;
        let slot = hashString(key) & mask;
        for (;;) {
          const at = table[slot] as number;
          if (at < 0 || this.idList[at] === key) break;
          slot = (slot + 1) & mask;
        }
        table[slot] = i;
      }
      this.idTable = table;
    }
    const table = this.idTable;
    let slot = hashString(id) & mask;
    for (;;) {
      const at = table[slot] as number;
      if (at < 0) return undefined;
      if (this.idList[at] === id) return at;
      slot = (slot + 1) & mask;
    }
  }

  id(i: number): string {
    this.check(i);
    return this.idList[i] as string;
  }

  metadataValue(i: number, column: string): string | undefined {
    const values = this.columnValues.get(column);
    if (values === undefined)
      throw new Error(
        `ArticleStore: expected one of the columns kept for comparison (${[...this.columnValues.keys()].join(', ')}), found "${column}"`,
      );
    this.check(i);
    return values.get(i);
  }

  duplicates(): Duplicates {
    this.duplicateResult ??= this.finder.result();
    return this.duplicateResult;
  }

  head(i: number): ArticleHead {
    return this.record(i);
  }

  terms(i: number) {
    return parseTerms(this.segment(i, SEGMENT.terms));
  }

  signature(i: number): Uint32Array {
    return parseSignature(this.segment(i, SEGMENT.signature));
  }

  facts(i: number) {
    return parseFacts(this.segment(i, SEGMENT.facts));
  }

  termChoices(i: number) {
    return parseCounts(this.segment(i, SEGMENT.counts)).termChoices;
  }

  entryCounts(i: number): EntryCounts {
    return parseCounts(this.segment(i, SEGMENT.counts));
  }

  /** The same stored text of counts (a copy's, often) has the same counts: no need to parse it. */
  sameEntryCounts(i: number, j: number): boolean {
    const a = this.where(i, SEGMENT.counts);
    const b = this.where(j, SEGMENT.counts);
    if (a.bytes !== b.bytes) return false;
    return this.partFile.read(a.offset, a.bytes).equals(this.partFile.read(b.offset, b.bytes));
  }

  fingerprints(i: number): Fingerprints {
    throw new Error(
      `ArticleStore: the fingerprints of article ${i} are kept apart by the run (a spill file); compare with fingerprintsOf`,
    );
  }

  close(): void {
    this.recordFile.close();
    this.partFile.close();
  }
}
