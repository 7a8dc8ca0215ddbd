import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { CorpusResult } from '../analyzer.ts';
import { MARKER, StagedOutputDir } from '../cli/outputDir.ts';
import { hashInputFiles } from '../corpus/fileHashes.ts';
import { manifestParts } from '../report/manifest.ts';
import type { RunOverview } from '../report/runData.ts';
import { RunOutputs } from '../report/runOutputs.ts';
import { RESULTS_FILE, type ResultsHeader, ResultsWriter, parseRecordLine } from './resultsFile.ts';

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

/** Where each analysed article's line lies in run-data.ndjson: 12 bytes an article. */
class Places {
  private offsets = new Float64Array(1024);
  private sizes = new Uint32Array(1024);
  private count = 0;

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
    if (!(k >= 0 && k < this.count)) throw new RangeError(`run-data places: no article ${k}`);
    return { offset: this.offsets[k] as number, bytes: this.sizes[k] as number };
  }
}

/** Writes the manifest in pieces (its list of inputs has a line per article). */
function writeManifest(path: string, parts: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = () => {
      const data = Buffer.from(pending.join(''), 'utf8');
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done);
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

/**
 * Writes a run's output folder as its items arrive, in input order: `run-data.ndjson` and the
 * per-article files stream into a staging folder, corpus-level files and the manifest follow at
 * `finish`, then the folder is swapped into place. `analyze` and `merge` both write through here,
 * so a merge of shards writes what one run writes.
 */
export class RunWriter {
  /** Where each analysed article's record lies in run-data.ndjson, in input order. */
  private readonly places = new Places();

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
        new RunOutputs(staged, header.run, header.output, { scratchDir: staged.path }),
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
    if (item.kind === 'result') this.places.add(place.offset, place.bytes);
    this.outputs.add(item);
  }

  /** Writes the corpus-level files and the manifest, and puts the folder in place. */
  async finish(options: { readonly startedAt: Date; readonly shard: string | null }): Promise<RunOverview> {
    try {
      const written = await this.results.close();
      const reader = new RecordReader(this.staged.pathOf(RESULTS_FILE));
      let run: RunOverview;
      try {
        // The last article with an id gives its text, as a map of texts by id would.
        run = this.outputs.finish((id) => {
          const k = this.outputs.indexOfId(id);
          if (k === undefined) return undefined;
          const { offset, bytes } = this.places.at(k);
          const item = reader.read(offset, bytes);
          return item.kind === 'result' ? item.result.article.text : undefined;
        });
      } finally {
        reader.close();
      }
      const outputs = this.staged.close();
      const inputFiles = await hashInputFiles(inputFilesOf(run));
      const extra = {
        results_file: written,
        input_files: inputFiles,
        ...(options.shard === null ? {} : { shard: options.shard }),
      };
      writeManifest(
        this.staged.pathOf(MARKER),
        manifestParts(run, outputs, { startedAt: options.startedAt, endedAt: new Date() }, extra),
      );
      // The overview keeps what the command line reports; its records and issues go with the store.
      const overview: RunOverview = {
        ...run,
        records: { length: run.records.length, [Symbol.iterator]: () => gone('records') },
        issues: { length: run.issues.length, [Symbol.iterator]: () => gone('issues') },
      };
      this.outputs.close();
      await this.staged.commit();
      return overview;
    } catch (e) {
      await this.discard();
      throw e;
    }
  }

  /** Removes everything written, after a failed run; the previous outputs stay. */
  async discard(): Promise<void> {
    this.outputs.close();
    await this.results.discard().catch(() => undefined);
    await this.staged.discard();
  }
}

function gone(what: string): never {
  throw new Error(
    `RunWriter: the run's ${what} were read from scratch files that are removed once its outputs are in place; read them from the output folder (articles.csv, issues.csv, run-data.ndjson)`,
  );
}
