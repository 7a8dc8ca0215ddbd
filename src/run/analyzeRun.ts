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
  const startedAt = new Date();
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
      await folder.add(seq, item);
    }
  } catch (e) {
    await folder.discard();
    throw e;
  }
  return folder.finish({ startedAt, shard, total });
}
