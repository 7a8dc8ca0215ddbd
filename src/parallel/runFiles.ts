import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusResult } from '../analyzer.ts';
import { MARKER, StagedOutputDir } from '../cli/outputDir.ts';
import type { Fingerprints } from '../compare/compactSummary.ts';
import { decodeFingerprints } from '../compare/fingerprintBytes.ts';
import { hashInputFiles } from '../corpus/fileHashes.ts';
import { type ArticleOutputOptions, type RenderedItem, renderItem } from '../report/articleOutputs.ts';
import { buildManifest } from '../report/manifest.ts';
import type { RunOverview } from '../report/runData.ts';
import { REPORT_DETAIL_LIMIT, RunOutputs, articleOutputOptions } from '../report/runOutputs.ts';
import { RESULTS_FILE, type ResultsHeader, ResultsWriter, itemLine, parseRecordLine } from './resultsFile.ts';

/** Articles whose fingerprints stay loaded while reuse pairs are measured. */
const FINGERPRINT_CACHE = 256;

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
    const data = Buffer.allocUnsafe(bytes);
    let done = 0;
    while (done < bytes) {
      const n = readSync(this.fd, data, done, bytes - done, offset + done);
      if (n === 0) throw new Error(`${RESULTS_FILE} ends before byte ${offset + bytes}`);
      done += n;
    }
    return parseRecordLine(data.toString('utf8')) as CorpusResult;
  }

  close(): void {
    closeSync(this.fd);
  }
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
  private readonly offsets: number[] = [];
  private readonly sizes: number[] = [];
  private end = 0;

  /** The fingerprints of the next article, as `encodeFingerprints` writes them (see `RenderedArticle`). */
  add(bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.end);
    this.offsets.push(this.end);
    this.sizes.push(bytes.length);
    this.end += bytes.length;
  }

  read(k: number): Fingerprints {
    const size = this.sizes[k];
    if (size === undefined) throw new Error(`fingerprints: no article ${k}`);
    // A buffer of its own, so the 32-bit views of the fingerprints start at a 4-byte boundary.
    const data = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd, data, done, size - done, (this.offsets[k] as number) + done);
      if (n === 0) throw new Error(`fingerprints: the scratch file ends inside article ${k}`);
      done += n;
    }
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
  /** Where each article's record lies in run-data.ndjson, by id (the last of an id wins, as the texts map did). */
  private readonly places = new Map<string, number>();
  private readonly offsets: number[] = [];
  private readonly sizes: number[] = [];
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
        new RunOutputs(staged, header.run, header.output, { compactSummaries: true }),
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
   * `articleOptions` (in a worker, say): its bytes are appended, and only its record and compact
   * summary stay in memory.
   */
  async write(seq: number, item: RenderedItem): Promise<void> {
    if (item.kind === 'rendered') {
      const { rendered } = item;
      const place = await this.results.write(seq, rendered.runData);
      this.places.set(rendered.record.id, this.offsets.length);
      this.offsets.push(place.offset);
      this.sizes.push(place.bytes);
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
      const written = await this.results.close();
      const reader = new RecordReader(this.staged.pathOf(RESULTS_FILE));
      const itemAt = (k: number) => reader.read(this.offsets[k] as number, this.sizes[k] as number);
      // Reuse reads the candidates in order of their first article, so a small cache of
      // fingerprints serves most pairs without reading the file again.
      const cache = new Map<number, Fingerprints>();
      const fingerprintsOf = (k: number): Fingerprints => {
        const known = cache.get(k);
        if (known) return known;
        const found = this.fingerprints.read(k);
        if (cache.size >= FINGERPRINT_CACHE) cache.delete(cache.keys().next().value as number);
        cache.set(k, found);
        return found;
      };
      let run: RunOverview;
      try {
        // report.md details the first articles in full: they are read back rather than kept.
        for (let k = 0; k < Math.min(REPORT_DETAIL_LIMIT, this.offsets.length); k++) {
          const item = itemAt(k);
          if (item.kind === 'result') this.outputs.addDetail(item.result);
        }
        run = this.outputs.finish((id) => {
          const k = this.places.get(id);
          if (k === undefined) return undefined;
          const item = itemAt(k);
          return item.kind === 'result' ? item.result.article.text : undefined;
        }, fingerprintsOf);
      } finally {
        reader.close();
        this.fingerprints.remove();
      }
      const outputs = this.staged.close();
      const inputFiles = await hashInputFiles([
        ...run.records.map((r) => r.file),
        ...run.skipped.map((k) => k.file),
        ...(run.settings['metadata'] ? [run.settings['metadata']] : []),
      ]);
      const extra = {
        results_file: written,
        input_files: inputFiles,
        ...(options.shard === null ? {} : { shard: options.shard }),
      };
      this.staged.write(
        MARKER,
        buildManifest(run, outputs, { startedAt: options.startedAt, endedAt: new Date() }, extra),
      );
      await this.staged.commit();
      return run;
    } catch (e) {
      await this.discard();
      throw e;
    }
  }

  /** Removes everything written, after a failed run; the previous outputs stay. */
  async discard(): Promise<void> {
    this.fingerprints.remove();
    await this.results.discard().catch(() => undefined);
    await this.staged.discard();
  }
}
