import { closeSync, openSync } from 'node:fs';
import type { CorpusResult } from '../analyzer/analyzer.ts';
import { hashInputFiles } from '../corpus/fileHashes.ts';
import { manifestParts } from '../report/manifest.ts';
import { REPORT_DETAIL_LIMIT } from '../report/outputOptions.ts';
import type { RunOverview } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import { readAt, writeAll } from './fileBytes.ts';
import { GrowableArray } from './growable.ts';
import { MARKER, StagedOutputFolder } from './outputFolder.ts';
import { type RenderedItem, renderItem } from './renderArticle.ts';
import {
  RUN_DATA_FILE,
  type RunDataHeader,
  RunDataWriter,
  itemLine,
  parseRecordLine,
} from './runDataFile.ts';
import { RunFiles } from './runFiles.ts';
import { outputOptionsOf } from './runOptions.ts';
import { StageClock, runTime } from './stageClock.ts';

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
    const data = readAt(this.fd, offset, Buffer.allocUnsafe(bytes), RUN_DATA_FILE);
    return parseRecordLine(data.toString('utf8')) as CorpusResult;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Where each analysed article's line lies in run-data.ndjson, in input order. */
class Places {
  private readonly offsets = new GrowableArray((n) => new Float64Array(n));
  private readonly sizes = new GrowableArray((n) => new Uint32Array(n));

  get length(): number {
    return this.offsets.length;
  }

  add(offset: number, bytes: number): void {
    this.offsets.push(offset);
    this.sizes.push(bytes);
  }

  at(k: number): { offset: number; bytes: number } {
    return { offset: this.offsets.at(k), bytes: this.sizes.at(k) };
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
    `RunFolder: the run's ${what} were read from scratch files that are removed once its outputs are in place; read them from the output folder (articles.csv, issues.csv, run-data.ndjson)`,
  );
}

/**
 * A run's output folder, written as the run's items arrive in input order: `run-data.ndjson` and
 * the per-article files stream into a staging folder, corpus-level files and the manifest follow
 * at `finish`, then the folder is swapped into place. `analyze` and `merge` both write through
 * here, so a merge of shards writes what one run writes.
 */
export class RunFolder {
  /** Where each analysed article's line lies in run-data.ndjson, in input order. */
  private readonly places = new Places();

  private constructor(
    private readonly staged: StagedOutputFolder,
    private readonly runData: RunDataWriter,
    private readonly files: RunFiles,
    /** How this run renders an article: what the workers must be told (see `renderArticle`). */
    readonly renderOptions: ReturnType<typeof outputOptionsOf>,
    private readonly notice: (message: string) => void,
    private readonly asGiven: Readonly<Record<string, string>>,
  ) {}

  /**
   * `notice` is told what the user should know of the folder (files kept that framescope did not
   * write). `asGiven`: settings as the user typed them (an input path), which the manifest keeps in
   * place of the run's own spelling (see spelledInput); every other output has the run's.
   */
  static async open(
    out: string,
    header: RunDataHeader,
    options: {
      readonly notice?: (message: string) => void;
      readonly asGiven?: Readonly<Record<string, string>>;
    } = {},
  ): Promise<RunFolder> {
    const staged = await StagedOutputFolder.open(out);
    try {
      const runData = await RunDataWriter.open(staged.pathOf(RUN_DATA_FILE), header);
      return new RunFolder(
        staged,
        runData,
        new RunFiles(staged, header.run, header.output, { scratchDir: staged.path }),
        outputOptionsOf(header.output),
        options.notice ?? (() => undefined),
        options.asGiven ?? {},
      );
    } catch (e) {
      await staged.discard();
      throw e;
    }
  }

  /** Problems of the run as a whole, before any item. */
  addRunIssues(issues: readonly Issue[]): void {
    for (const issue of issues) this.files.addIssue(issue);
  }

  /**
   * One item of the run, in input order, its article rendered by `renderArticle` with
   * `renderOptions` (in a worker, say): its bytes are appended and its stored fields stored.
   */
  async add(seq: number, item: RenderedItem): Promise<void> {
    if (item.kind === 'rendered') {
      const place = await this.runData.write(seq, item.rendered.runData);
      this.places.add(place.offset, place.bytes);
    } else await this.runData.write(seq, itemLine(item));
    this.files.add(item);
  }

  /** One item with its full result (as `merge` reads them back), rendered here as a worker would. */
  addResult(seq: number, item: CorpusResult): Promise<void> {
    return this.add(seq, renderItem(item, this.renderOptions));
  }

  /**
   * Writes the corpus-level files and the manifest, and puts the folder in place. `total` is the
   * number of items the reader numbered in the whole input (more than this folder's for a shard).
   */
  async finish(options: {
    readonly startedAt: Date;
    readonly shard: string | null;
    readonly total: number;
  }): Promise<RunOverview> {
    try {
      const clock = new StageClock();
      await this.runData.sync();
      const reader = new RecordReader(this.staged.pathOf(RUN_DATA_FILE));
      const itemAt = (k: number) => {
        const { offset, bytes } = this.places.at(k);
        return reader.read(offset, bytes);
      };
      let run: RunOverview;
      try {
        // report.md details the first articles in full: they are read back rather than kept.
        for (let k = 0; k < Math.min(REPORT_DETAIL_LIMIT, this.places.length); k++) {
          const item = itemAt(k);
          if (item.kind === 'result') this.files.addDetail(item.result);
        }
        clock.lap('details read back');
        // The last article with an id gives its text, as a map of texts by id would. Reuse asks
        // for the texts of each pair in order of their first article: the last two read are kept.
        const recentTexts = new Map<number, string | undefined>();
        run = this.files.finish((id) => {
          const k = this.files.indexOfId(id);
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
        });
        clock.lap('corpus-level files');
      } finally {
        reader.close();
      }
      const outputs = this.staged.close();
      clock.lap('closing files');
      const inputFiles = await hashInputFiles(inputFilesOf(run));
      clock.lap('input hashes');
      const written = await this.runData.close({ total: options.total, input_files: inputFiles });
      const extra = {
        results_file: written,
        input_files: inputFiles,
        ...(options.shard === null ? {} : { shard: options.shard }),
      };
      writeManifest(
        this.staged.pathOf(MARKER),
        manifestParts(
          { ...run, settings: { ...run.settings, ...this.asGiven } },
          outputs,
          { startedAt: options.startedAt, endedAt: runTime() },
          extra,
        ),
      );
      clock.lap('manifest');
      // The overview keeps what the command line reports; its records and issues go with the store.
      const overview: RunOverview = {
        ...run,
        records: { length: run.records.length, [Symbol.iterator]: () => gone('records') },
        issues: { length: run.issues.length, [Symbol.iterator]: () => gone('issues') },
      };
      this.files.close();
      const kept = await this.staged.commit();
      if (kept.length > 0)
        this.notice(
          `kept ${kept.length} ${kept.length === 1 ? 'file' : 'files'} of the output folder that framescope did not write: ${kept.slice(0, 10).join(', ')}${kept.length > 10 ? ', ...' : ''}`,
        );
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
    this.files.close();
    await this.runData.discard().catch(() => undefined);
    await this.staged.discard();
  }
}
