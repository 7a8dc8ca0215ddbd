import type { AnalyzerOptions, PreparedLexicons } from '../analyzer/analyzer.ts';
import { type CorpusSource, type ReadOptions, readCorpus } from '../corpus/index.ts';
import { type Shard, formatShard, numberItems, shardFilter } from '../corpus/shard.ts';
import type { RunInfo, RunOverview } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import { renderNumbered } from './analyzePool.ts';
import type { RenderedItem } from './renderArticle.ts';
import { RUN_DATA_FORMAT, RUN_DATA_VERSION } from './runDataFile.ts';
import { RunFolder } from './runFolder.ts';
import type { RunOptions } from './runOptions.ts';
import { runTime } from './stageClock.ts';

/** One analysis run, as planned before its first article (see describeRun.ts for its lexicons). */
export interface RunPlan {
  readonly source: CorpusSource;
  readonly read?: Partial<ReadOptions>;
  readonly analyzerOptions: Partial<AnalyzerOptions>;
  /** The lexicons prepared for `analyzerOptions`, if the caller has them (see `createAnalyzer`). */
  readonly prepared?: PreparedLexicons;
  readonly jobs: number;
  readonly shard: Shard | null;
  readonly out: string;
  /** Settings, packs, metrics, version: what the run is, apart from its articles. */
  readonly run: RunInfo;
  /** Problems of the run as a whole (lexicon packs), listed before the items' own. */
  readonly runIssues: readonly Issue[];
  readonly options: Partial<RunOptions>;
  /** Called with every item in input order (progress). */
  readonly onItem?: (item: RenderedItem) => void;
  /** Told what the user should know of the output folder (files kept that framescope did not write). */
  readonly notice?: (message: string) => void;
  /** Settings as the user typed them, kept in the manifest (see RunFolder.open). */
  readonly asGiven?: Readonly<Record<string, string>>;
}

/**
 * One analysis run from corpus to output folder: reads and numbers every item, keeps the shard's,
 * analyses and renders them over `jobs` threads, and streams each article's outputs into the
 * output folder as they come (see RunFolder), keeping only compact per-article data in memory.
 * `framescope analyze` runs exactly this, so `framescope merge` of shards can write what it writes.
 */
export async function runToFolder(plan: RunPlan): Promise<RunOverview> {
  const startedAt = runTime();
  const shard = plan.shard === null ? null : formatShard(plan.shard);
  const folder = await RunFolder.open(
    plan.out,
    {
      format: RUN_DATA_FORMAT,
      version: RUN_DATA_VERSION,
      shard,
      run: plan.run,
      runIssues: plan.runIssues,
      output: plan.options,
    },
    {
      ...(plan.notice ? { notice: plan.notice } : {}),
      ...(plan.asGiven ? { asGiven: plan.asGiven } : {}),
    },
  );
  // How many items the reader numbered in the whole input: a shard's end line records it (merge checks it).
  let total = 0;
  async function* counted<T extends { readonly seq: number }>(items: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const item of items) {
      total = item.seq + 1;
      yield item;
    }
  }
  const unread = new NothingReadCheck(plan.source.input);
  try {
    folder.addRunIssues(plan.runIssues);
    const items = shardFilter(counted(numberItems(readCorpus(plan.source, plan.read))), plan.shard);
    for await (const { seq, item } of renderNumbered(items, {
      jobs: plan.jobs,
      analyzerOptions: plan.analyzerOptions,
      ...(plan.prepared ? { prepared: plan.prepared } : {}),
      render: folder.renderOptions,
    })) {
      plan.onItem?.(item);
      unread.see(item.kind === 'rendered', item.kind === 'rendered' ? item.rendered.issues : [item.issue]);
      await folder.add(seq, item);
    }
    // A shard may rightly hold no article; a whole run that read none has nothing to report.
    if (plan.shard === null) unread.check();
  } catch (e) {
    await folder.discard();
    throw e;
  }
  return folder.finish({ startedAt, shard, total });
}

/** A corpus of which no article could be read: the run writes nothing, and says why. */
export class NothingReadError extends Error {
  constructor(
    readonly input: string,
    /** The first error of each kind met while reading (a missing text column names the columns there are). */
    readonly errors: readonly Issue[],
    /** Every error met while reading. */
    readonly errorCount: number = errors.length,
  ) {
    super(
      errorCount === 0
        ? `no article could be read from ${input}: it holds none`
        : `no article could be read from ${input} (${errorCount} error${errorCount === 1 ? '' : 's'}; the first of each kind below)`,
    );
  }

  /** From the problems of a reading, in order: the first error of each code. */
  static of(input: string, issues: Iterable<Issue>): NothingReadError {
    const check = new NothingReadCheck(input);
    check.see(false, [...issues]);
    return check.error();
  }
}

/** Kinds of error a NothingReadError names: enough to say why, never the whole corpus. */
const CODES_NAMED = 10;

/** Watches the items of a run and throws NothingReadError at the end when none was an article. */
export class NothingReadCheck {
  private articles = 0;
  private errorCount = 0;
  private readonly firstOfCode = new Map<string, Issue>();
  constructor(private readonly input: string) {}

  see(isArticle: boolean, issues: readonly Issue[]): void {
    if (isArticle) this.articles++;
    else if (this.articles === 0)
      for (const issue of issues) {
        if (issue.severity !== 'error') continue;
        this.errorCount++;
        if (!this.firstOfCode.has(issue.code) && this.firstOfCode.size < CODES_NAMED)
          this.firstOfCode.set(issue.code, issue);
      }
  }

  error(): NothingReadError {
    return new NothingReadError(this.input, [...this.firstOfCode.values()], this.errorCount);
  }

  check(): void {
    if (this.articles === 0) throw this.error();
  }
}
