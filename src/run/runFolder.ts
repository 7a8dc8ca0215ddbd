import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusResult } from '../analyzer/analyzer.ts';
import type { Fingerprints } from '../compare/compactSummary.ts';
import { hashInputFiles } from '../corpus/fileHashes.ts';
import { manifestParts } from '../report/manifest.ts';
import type { RunOverview } from '../report/runData.ts';
import { readAt, writeAll } from './fileBytes.ts';
import { decodeFingerprints } from './fingerprintBytes.ts';
import { MARKER, StagedOutputDir } from './outputFolder.ts';
import { type ArticleOutputOptions, type RenderedItem, renderItem } from './renderArticle.ts';
import { RESULTS_FILE, type ResultsHeader, ResultsWriter, itemLine, parseRecordLine } from './runDataFile.ts';
import { REPORT_DETAIL_LIMIT, RunOutputs, articleOutputOptions } from './runFiles.ts';
import { StageClock } from './stageClock.ts';

/**
 * Reads single items back from a finished `run-data.ndjson` by the place its writer reported:
 * the texts of the few articles whose passages a report quotes, without keeping every text.
 */
class RecordReader {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  read(offset: number, bytes: number): CorpusResult {
    const data = readAt(this.fd, offset, Buffer.allocUnsafe(bytes), RESULTS_FILE);
    return parseRecordLine(data.toString('utf8')) as CorpusResult;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Where each analysed article lies in a file: 12 bytes an article, in typed arrays that double when full. */
class Places {
  private offsets = new Float64Array(1024);
  private sizes = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(offset: number, bytes: number): void {
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(2 * this.count);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const sizes = new Uint32Array(2 * this.count);
      sizes.set(this.sizes);
      this.sizes = sizes;
    }
    this.offsets[this.count] = offset;
    this.sizes[this.count] = bytes;
    this.count++;
  }

  at(k: number): { offset: number; bytes: number } {
    if (!(k >= 0 && k < this.count)) throw new RangeError(`places: no article ${k}`);
    return { offset: this.offsets[k] as number, bytes: this.sizes[k] as number };
  }
}

/** Writes the manifest in pieces (its list of inputs has an entry per article). */
function writeManifest(path: string, parts: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      writeAll(fd, Buffer.from(pending.join(''), 'utf8'), null);
      pending = [];
      size = 0;
    };
    for (const part of parts) {
      pending.push(part);
      size += part.length;
      if (size >= 1 << 18) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

/** The input files of a run: each article's file (read from the records), each skipped input's, the metadata file. */
function* inputFilesOf(run: RunOverview): Generator<string> {
  let last: string | undefined;
  for (const r of run.records)
    if (r.file !== last) {
      last = r.file;
      yield r.file;
    }
  for (const k of run.skipped) yield k.file;
  if (run.settings['metadata']) yield run.settings['metadata'];
}

function gone(what: string): never {
  throw new Error(
    `RunWriter: the run's ${what} were read from scratch files that are removed once its outputs are in place; read them from the output folder (articles.csv, issues.csv, run-data.ndjson)`,
  );
}

/**
 * The reuse fingerprints (shingles and sentence hashes) of every article, spilled to a scratch
 * file as results arrive and read back one article at a time for candidate pairs only. Reading
 * them from run-data.ndjson instead would parse a whole article record per lookup, which made
 * reuse the slowest stage of a run; they are stored as 32-bit words (see `encodeFingerprints`),
 * which read back as views with no parsing.
 */
class FingerprintSpill {
  private readonly dir = mkdtempSync(join(tmpdir(), 'framescope-fingerprints-'));
  private readonly fd = openSync(join(this.dir, 'fingerprints.bin'), 'w+');
  private readonly places = new Places();
  private end = 0;

  /** The fingerprints of the next article, as `encodeFingerprints` writes them (see `RenderedArticle`). */
  add(bytes: Uint8Array): void {
    writeAll(this.fd, bytes, this.end);
    this.places.add(this.end, bytes.length);
    this.end += bytes.length;
  }

  read(k: number): Fingerprints {
    const { offset, bytes: size } = this.places.at(k);
    // A buffer of its own, so the 32-bit views of the fingerprints start at a 4-byte boundary.
    const data = readAt(this.fd, offset, new Uint8Array(size), `fingerprints of article ${k}`);
    return decodeFingerprints(data);
  }

  private removed = false;

  /** Closes and deletes the scratch file; safe to call twice (finish, then discard on failure). */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Writes a run's output folder as its items arrive, in input order: `run-data.ndjson` and the
 * per-article files stream into a staging folder, corpus-level files and the manifest follow at
 * `finish`, then the folder is swapped into place. `analyze` and `merge` both write through here,
 * so a merge of shards writes what one run writes.
 */
export class RunWriter {
  /** Where each analysed article's line lies in run-data.ndjson, in input order. */
  private readonly places = new Places();
  private readonly fingerprints = new FingerprintSpill();

  private constructor(
    private readonly staged: StagedOutputDir,
    private readonly results: ResultsWriter,
    private readonly outputs: RunOutputs,
    /** How this run renders an article: what the workers must be told (see `renderArticle`). */
    readonly articleOptions: ArticleOutputOptions,
  ) {}

  static async open(out: string, header: ResultsHeader): Promise<RunWriter> {
    const staged = await StagedOutputDir.open(out);
    try {
      const results = await ResultsWriter.open(staged.pathOf(RESULTS_FILE), header);
      return new RunWriter(
        staged,
        results,
        new RunOutputs(staged, header.run, header.output, { scratchDir: staged.path }),
        articleOutputOptions(header.output),
      );
    } catch (e) {
      await staged.discard();
      throw e;
    }
  }

  /** Problems of the run as a whole, before any item. */
  addRunIssues(issues: ReadonlyArray<Parameters<RunOutputs['addIssue']>[0]>): void {
    for (const issue of issues) this.outputs.addIssue(issue);
  }

  /**
   * One item of the run, in input order, its article rendered by `renderArticle` with
   * `articleOptions` (in a worker, say): its bytes are appended, its record and compact summary
   * stored on disk, its fingerprints spilled.
   */
  async write(seq: number, item: RenderedItem): Promise<void> {
    if (item.kind === 'rendered') {
      const { rendered } = item;
      const place = await this.results.write(seq, rendered.runData);
      this.places.add(place.offset, place.bytes);
      this.fingerprints.add(rendered.fingerprints);
    } else await this.results.write(seq, itemLine(item));
    this.outputs.add(item);
  }

  /** One item with its full result (as `merge` reads them back), rendered here as a worker would. */
  writeResult(seq: number, item: CorpusResult): Promise<void> {
    return this.write(seq, renderItem(item, this.articleOptions));
  }

  /** Writes the corpus-level files and the manifest, and puts the folder in place. */
  async finish(options: { readonly startedAt: Date; readonly shard: string | null }): Promise<RunOverview> {
    try {
      const clock = new StageClock();
      const written = await this.results.close();
      const reader = new RecordReader(this.staged.pathOf(RESULTS_FILE));
      const itemAt = (k: number) => {
        const { offset, bytes } = this.places.at(k);
        return reader.read(offset, bytes);
      };
      let run: RunOverview;
      try {
        // report.md details the first articles in full: they are read back rather than kept.
        for (let k = 0; k < Math.min(REPORT_DETAIL_LIMIT, this.places.length); k++) {
          const item = itemAt(k);
          if (item.kind === 'result') this.outputs.addDetail(item.result);
        }
        clock.lap('details read back');
        // The last article with an id gives its text, as a map of texts by id would. Reuse asks
        // for the texts of each pair in order of their first article: the last two read are kept.
        const recentTexts = new Map<number, string | undefined>();
        run = this.outputs.finish(
          (id) => {
            const k = this.outputs.indexOfId(id);
            if (k === undefined) return undefined;
            let text: string | undefined;
            if (recentTexts.has(k)) {
              text = recentTexts.get(k);
              recentTexts.delete(k);
            } else {
              const item = itemAt(k);
              text = item.kind === 'result' ? item.result.article.text : undefined;
              if (recentTexts.size >= 2) recentTexts.delete(recentTexts.keys().next().value as number);
            }
            // The most recent last, so that the one dropped is the one used longest ago.
            recentTexts.set(k, text);
            return text;
          },
          (k) => this.fingerprints.read(k),
        );
        clock.lap('corpus-level files');
      } finally {
        reader.close();
        this.fingerprints.remove();
      }
      const outputs = this.staged.close();
      clock.lap('closing files');
      const inputFiles = await hashInputFiles(inputFilesOf(run));
      clock.lap('input hashes');
      const extra = {
        results_file: written,
        input_files: inputFiles,
        ...(options.shard === null ? {} : { shard: options.shard }),
      };
      writeManifest(
        this.staged.pathOf(MARKER),
        manifestParts(run, outputs, { startedAt: options.startedAt, endedAt: new Date() }, extra),
      );
      clock.lap('manifest');
      // The overview keeps what the command line reports; its records and issues go with the store.
      const overview: RunOverview = {
        ...run,
        records: { length: run.records.length, [Symbol.iterator]: () => gone('records') },
        issues: { length: run.issues.length, [Symbol.iterator]: () => gone('issues') },
      };
      this.outputs.close();
      await this.staged.commit();
      clock.lap('folder in place');
      clock.report('finish stage');
      return overview;
    } catch (e) {
      await this.discard();
      throw e;
    }
  }

  /** Removes everything written, after a failed run; the previous outputs stay. */
  async discard(): Promise<void> {
    this.fingerprints.remove();
    this.outputs.close();
    await this.results.discard().catch(() => undefined);
    await this.staged.discard();
  }
}
