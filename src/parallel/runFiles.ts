import { closeSync, openSync, readSync } from 'node:fs';
import type { CorpusResult } from '../analyzer.ts';
import { MARKER, StagedOutputDir } from '../cli/outputDir.ts';
import type { Fingerprints } from '../compare/compactSummary.ts';
import { hashInputFiles } from '../corpus/fileHashes.ts';
import { buildManifest } from '../report/manifest.ts';
import type { RunOverview } from '../report/runData.ts';
import { RunOutputs } from '../report/runOutputs.ts';
import { RESULTS_FILE, type ResultsHeader, ResultsWriter, parseRecordLine } from './resultsFile.ts';

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

  private constructor(
    private readonly staged: StagedOutputDir,
    private readonly results: ResultsWriter,
    private readonly outputs: RunOutputs,
  ) {}

  static async open(out: string, header: ResultsHeader): Promise<RunWriter> {
    const staged = await StagedOutputDir.open(out);
    try {
      const results = await ResultsWriter.open(staged.pathOf(RESULTS_FILE), header);
      return new RunWriter(
        staged,
        results,
        new RunOutputs(staged, header.run, header.output, { compactSummaries: true }),
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

  async write(seq: number, item: CorpusResult): Promise<void> {
    const place = await this.results.write(seq, item);
    if (item.kind === 'result') {
      this.places.set(item.result.article.id, this.offsets.length);
      this.offsets.push(place.offset);
      this.sizes.push(place.bytes);
    }
    this.outputs.add(item);
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
        const item = itemAt(k);
        if (item.kind !== 'result') throw new Error(`${RESULTS_FILE}: expected a result at article ${k}`);
        const found = { shingles: item.summary.shingles, sentences: item.summary.sentences };
        if (cache.size >= FINGERPRINT_CACHE) cache.delete(cache.keys().next().value as number);
        cache.set(k, found);
        return found;
      };
      let run: RunOverview;
      try {
        run = this.outputs.finish((id) => {
          const k = this.places.get(id);
          if (k === undefined) return undefined;
          const item = itemAt(k);
          return item.kind === 'result' ? item.result.article.text : undefined;
        }, fingerprintsOf);
      } finally {
        reader.close();
      }
      const outputs = this.staged.close();
      const inputFiles = await hashInputFiles([
        ...run.records.map((r) => r.file),
        ...run.skipped.map((k) => k.file),
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
    await this.results.discard().catch(() => undefined);
    await this.staged.discard();
  }
}
