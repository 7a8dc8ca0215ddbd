import type { AnalyzerOptions, PreparedLexicons } from '../analyzer/analyzer.ts';
import { type CorpusSource, type ReadOptions, readCorpus } from '../corpus/index.ts';
import { type Shard, formatShard, numberItems, shardFilter } from '../corpus/shard.ts';
import type { RunOverview } from '../report/runData.ts';
import type { RunLevel } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import type { OutputOptions } from './buildOutputs.ts';
import { renderNumbered } from './pool.ts';
import type { RenderedItem } from './renderArticle.ts';
import { RESULTS_FORMAT, RESULTS_VERSION } from './runDataFile.ts';
import { RunWriter } from './runFolder.ts';

export interface RunPlan {
  readonly source: CorpusSource;
  readonly read?: Partial<ReadOptions>;
  readonly analyzerOptions: Partial<AnalyzerOptions>;
  /** The lexicons prepared for `analyzerOptions`, if the caller has them (see `createAnalyzer`). */
  readonly prepared?: PreparedLexicons;
  readonly jobs: number;
  readonly shard: Shard | null;
  readonly out: string;
  /** Settings, packs, metrics, version: the run-level part of RunData (not the shard: see `shard`). */
  readonly run: RunLevel;
  /** Problems of the run as a whole (lexicon packs), listed before the items' own. */
  readonly runIssues: readonly Issue[];
  readonly output: Partial<OutputOptions>;
  /** Called with every item in input order (progress). */
  readonly onItem?: (item: RenderedItem) => void;
}

/**
 * One analysis run from corpus to output folder: reads and numbers every item, keeps the shard's,
 * analyses and renders them over `jobs` threads, and streams each article's outputs into the
 * output folder as they come (see RunWriter), keeping only compact per-article data in memory.
 * `framescope analyze` runs exactly this, so `framescope merge` of shards can write what it writes.
 */
export async function runToFolder(plan: RunPlan): Promise<RunOverview> {
  const startedAt = new Date();
  const shard = plan.shard === null ? null : formatShard(plan.shard);
  const writer = await RunWriter.open(plan.out, {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    shard,
    run: plan.run,
    runIssues: plan.runIssues,
    output: plan.output,
  });
  try {
    writer.addRunIssues(plan.runIssues);
    const items = shardFilter(numberItems(readCorpus(plan.source, plan.read)), plan.shard);
    for await (const { seq, item } of renderNumbered(items, {
      jobs: plan.jobs,
      analyzerOptions: plan.analyzerOptions,
      ...(plan.prepared ? { prepared: plan.prepared } : {}),
      render: writer.articleOptions,
    })) {
      plan.onItem?.(item);
      await writer.write(seq, item);
    }
  } catch (e) {
    await writer.discard();
    throw e;
  }
  return writer.finish({ startedAt, shard });
}
