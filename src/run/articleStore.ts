import { closeSync, openSync, rmSync } from 'node:fs';
import { DuplicateFinder, type Duplicates } from '../compare/duplicates.ts';
import { type ArticleHead, type EntryCounts, type SummaryStore, summaryStore } from '../compare/store.ts';
import type { ArticleSummary, Fingerprints } from '../compare/summary.ts';
import { metadataValueOf } from '../corpus/metadata.ts';
import type { ArticleRecord } from '../report/articleRecord.ts';
import { bufferOf } from '../report/outputFiles.ts';
import type { CorpusColumns } from '../report/runData.ts';
import { readAt, writeAll } from './fileBytes.ts';
import { GrowableArray } from './growable.ts';
import {
  type ArticleIndexEntry,
  FigureNames,
  STORED_FIELDS,
  STORED_FIELD_KEYS,
  type StoredArticle,
  type StoredField,
  indexEntryOf,
  splitKeys,
  storedArticle,
} from './storedArticle.ts';

/**
 * The analysed articles of a run, for the corpus-level outputs: each article's record (the
 * tables, report.md, the manifest) and comparison summary (compare/), read back by index. In
 * memory for the library and tests; on disk for a long run (FileArticleStore), which keeps about
 * 100 bytes an article in memory (its id, where it lies, its duplicate representative and the ids
 * of a few metadata values) plus what it learns about the corpus as a whole (`corpus`).
 */
export interface ArticleStore extends SummaryStore {
  /** Stores an analysed article. */
  add(record: ArticleRecord, summary: ArticleSummary): void;
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

/** Every record and summary in arrays: what `buildOutputs` uses, exactly as given. */
export class MemoryArticleStore implements ArticleStore {
  private readonly recordList: ArticleRecord[] = [];
  private readonly summaries: ArticleSummary[] = [];
  private readonly store = summaryStore(this.summaries);
  private readonly tracker = new ColumnTracker();
  private ids: Map<string, number> | null = null;

  get length(): number {
    return this.summaries.length;
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

/** Values of one metadata column, interned: a small number per article. */
class ColumnValues {
  private readonly ids = new GrowableArray((n) => new Int32Array(n));
  private readonly values: string[] = [];
  private readonly known = new Map<string, number>();

  set(i: number, value: string | undefined): void {
    let id = -1;
    if (value !== undefined) {
      id = this.known.get(value) ?? -1;
      if (id < 0) {
        id = this.values.length;
        this.values.push(value);
        this.known.set(value, id);
      }
    }
    this.ids.set(i, id);
  }

  get(i: number): string | undefined {
    const id = this.ids.at(i);
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
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'w+');
  }

  /** Appends the parts one after the other; returns where the first starts. */
  append(parts: readonly Uint8Array[]): number {
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

  /**
   * `bytes` bytes at `offset`, read into `into` when it is large enough, else into a new array
   * (which starts at a boundary any typed array can view).
   */
  read(offset: number, bytes: number, into?: Buffer): Buffer {
    this.flush();
    const data = into && into.length >= bytes ? into : bufferOf(new Uint8Array(bytes));
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

/** The scratch files of the store, as the fields name them. */
type StoredFile = (typeof STORED_FIELDS)[StoredField]['file'];

const FIELD_COUNT = STORED_FIELD_KEYS.length;
/** Each field's place in an article's list of sizes. */
const FIELD_NUMBER = Object.fromEntries(STORED_FIELD_KEYS.map((k, n) => [k, n])) as Record<
  StoredField,
  number
>;

/**
 * The store of a long run: each article's fields (storedArticle.ts) appended to the scratch file
 * each belongs to as the article arrives, and read back field by field. In memory per article: its
 * id (a string the run holds anyway), where it starts in each file (8 bytes each), the size of each
 * field (4 bytes each), its duplicate representative (4) and, for each metadata column a
 * comparison may group by (`columns`), the number of its value (4).
 */
export class FileArticleStore implements ArticleStore {
  private readonly idList: string[] = [];
  private readonly files: Record<StoredFile, ScratchFile>;
  private readonly starts: Record<StoredFile, GrowableArray<Float64Array>>;
  /** The size of each field of each article, FIELD_COUNT a article. */
  private readonly sizes = new GrowableArray((n) => new Uint32Array(n));
  private readonly finder = new DuplicateFinder();
  /** Each article's list of figure names, as a number into the lists seen (one or a few a run). */
  private readonly figureKeyIds = new GrowableArray((n) => new Int32Array(n));
  private readonly figureNameLists: FigureNames[] = [];
  private readonly figureKeyListIds = new Map<string, number>();
  private readonly columnValues = new Map<string, ColumnValues>();
  private readonly tracker = new ColumnTracker();
  /** An article's figure values as read, before they become its record's figures object. */
  private readonly figureValues: (number | null)[] = [];
  /** The last article of each id, built when first asked. */
  private ids: Map<string, number> | null = null;
  private duplicateResult: Duplicates | null = null;

  constructor(
    path: string,
    /** Metadata columns whose values comparisons may ask for (grouping, outlets, `--by`). */
    columns: readonly string[],
  ) {
    this.files = {
      records: new ScratchFile(`${path}-records`),
      summaries: new ScratchFile(path),
      fingerprints: new ScratchFile(`${path}-fingerprints`),
    };
    const starts = () => new GrowableArray((n) => new Float64Array(n));
    this.starts = { records: starts(), summaries: starts(), fingerprints: starts() };
    for (const c of columns) this.columnValues.set(c, new ColumnValues());
  }

  get length(): number {
    return this.idList.length;
  }

  get corpus(): CorpusColumns {
    return this.tracker;
  }

  add(record: ArticleRecord, summary: ArticleSummary): void {
    this.addStored(storedArticle(record, summary));
  }

  /** Stores an article encoded elsewhere (in the worker thread that analysed it). */
  addStored(article: StoredArticle): void {
    const { index, fields } = article;
    const i = this.idList.length;
    const parts: Record<StoredFile, Uint8Array[]> = { records: [], summaries: [], fingerprints: [] };
    for (const key of STORED_FIELD_KEYS) {
      const field = fields[key];
      const bytes = typeof field === 'string' ? Buffer.from(field, 'utf8') : field;
      this.sizes.set(i * FIELD_COUNT + FIELD_NUMBER[key], bytes.length);
      parts[STORED_FIELDS[key].file].push(bytes);
    }
    for (const file of Object.keys(parts) as StoredFile[])
      this.starts[file].set(i, this.files[file].append(parts[file]));
    this.idList.push(index.id);
    let keysId = this.figureKeyListIds.get(index.figureKeys);
    if (keysId === undefined) {
      keysId = this.figureNameLists.length;
      this.figureNameLists.push(new FigureNames(index.figureKeys));
      this.figureKeyListIds.set(index.figureKeys, keysId);
    }
    this.figureKeyIds.set(i, keysId);
    this.finder.add(index.duplicateKey);
    for (const [column, values] of this.columnValues) values.set(i, metadataValueOf(index.metadata, column));
    this.tracker.add(index);
    this.ids = null;
    this.duplicateResult = null;
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.idList.length))
      throw new RangeError(`ArticleStore: expected an index below ${this.idList.length}, found ${i}`);
  }

  private size(i: number, key: StoredField): number {
    return this.sizes.at(i * FIELD_COUNT + FIELD_NUMBER[key]);
  }

  /** Where a field of an article lies: its file, offset and size. */
  private where(i: number, key: StoredField): { file: ScratchFile; offset: number; bytes: number } {
    this.check(i);
    const file = STORED_FIELDS[key].file;
    let offset = this.starts[file].at(i);
    // The fields of one file follow each other in the order of STORED_FIELDS.
    for (const k of STORED_FIELD_KEYS) {
      if (k === key) break;
      if (STORED_FIELDS[k].file === file) offset += this.size(i, k);
    }
    return { file: this.files[file], offset, bytes: this.size(i, key) };
  }

  private field(i: number, key: StoredField): Buffer {
    const { file, offset, bytes } = this.where(i, key);
    return file.read(offset, bytes).subarray(0, bytes);
  }

  /** The record from its two fields, which lie one after the other in `data` from `at`. */
  private recordAt(i: number, data: Buffer, at: number): ArticleRecord {
    const recordBytes = this.size(i, 'record');
    const figureBytes = this.size(i, 'figures');
    const names = this.figureNameLists[this.figureKeyIds.at(i)] as FigureNames;
    const record = STORED_FIELDS.record.decode(data.subarray(at, at + recordBytes)) as {
      -readonly [K in keyof ArticleRecord]?: ArticleRecord[K];
    };
    const values = STORED_FIELDS.figures.decode(
      data.subarray(at + recordBytes, at + recordBytes + figureBytes),
      this.figureValues,
    );
    if (values.length !== names.names.length)
      throw new Error(
        `ArticleStore: expected ${names.names.length} figures of ${record.id}, found ${values.length}`,
      );
    // The record's text has no figures, so they come last, as in the record that was stored.
    record.figures = names.figures(values);
    return record as ArticleRecord;
  }

  record(i: number): ArticleRecord {
    // The record and its figures are the first two fields of the records file: one read.
    const { file, offset, bytes } = this.where(i, 'record');
    return this.recordAt(i, file.read(offset, bytes + this.size(i, 'figures')), 0);
  }

  *records(): Generator<ArticleRecord> {
    const file = this.files.records;
    let window: Buffer = Buffer.alloc(0);
    let windowStart = 0;
    let windowEnd = 0;
    for (let i = 0; i < this.idList.length; i++) {
      const { offset, bytes } = this.where(i, 'record');
      const end = offset + bytes + this.size(i, 'figures');
      if (offset < windowStart || end > windowEnd) {
        const size = Math.min(Math.max(READ_AHEAD, end - offset), file.size - offset);
        window = file.read(offset, size, window.length >= size ? window : undefined);
        windowStart = offset;
        windowEnd = offset + size;
      }
      yield this.recordAt(i, window, offset - windowStart);
    }
  }

  lastIndexOf(id: string): number | undefined {
    if (this.ids === null) {
      this.ids = new Map();
      for (let i = 0; i < this.idList.length; i++) this.ids.set(this.idList[i] as string, i);
    }
    return this.ids.get(id);
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
    return STORED_FIELDS.terms.decode(this.field(i, 'terms'));
  }

  signature(i: number): Uint32Array {
    return STORED_FIELDS.signature.decode(this.field(i, 'signature'));
  }

  facts(i: number) {
    return STORED_FIELDS.facts.decode(this.field(i, 'facts'));
  }

  termChoices(i: number) {
    return STORED_FIELDS.counts.decode(this.field(i, 'counts')).termChoices;
  }

  entryCounts(i: number): EntryCounts {
    return STORED_FIELDS.counts.decode(this.field(i, 'counts'));
  }

  /** The same stored text of counts (a copy's, often) has the same counts: no need to parse it. */
  sameEntryCounts(i: number, j: number): boolean {
    const a = this.where(i, 'counts');
    const b = this.where(j, 'counts');
    if (a.bytes !== b.bytes) return false;
    return this.field(i, 'counts').equals(this.field(j, 'counts'));
  }

  fingerprints(i: number): Fingerprints {
    // A buffer of its own, so that the 32-bit views of the fingerprints start at a 4-byte boundary.
    return STORED_FIELDS.fingerprints.decode(this.field(i, 'fingerprints'));
  }

  close(): void {
    for (const file of Object.values(this.files)) file.close();
  }
}
