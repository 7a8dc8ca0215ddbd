import type { AnalyzerOptions, CorpusResult } from '../analyzer.ts';
import { type CorpusSource, type ReadOptions, readCorpus } from '../corpus/index.ts';
import { type Shard, formatShard, numberItems, shardFilter } from '../corpus/shard.ts';
import type { OutputOptions } from '../report/outputs.ts';
import type { RunData } from '../report/runData.ts';
import type { Issue } from '../types.ts';
import { RunCollector } from './collect.ts';
import { analyzeNumbered } from './pool.ts';
import { RESULTS_FORMAT, RESULTS_VERSION, type RunLevel } from './resultsFile.ts';
import { openRunResults, writeRunFiles } from './runFiles.ts';

export interface RunPlan {
  readonly source: CorpusSource;
  readonly read?: Partial<ReadOptions>;
  readonly analyzerOptions: Partial<AnalyzerOptions>;
  readonly jobs: number;
  readonly shard: Shard | null;
  readonly out: string;
  /** Settings, packs, metrics, version: the run-level part of RunData (not the shard: see `shard`). */
  readonly run: RunLevel;
  /** Problems of the run as a whole (lexicon packs), listed before the items' own. */
  readonly runIssues: readonly Issue[];
  readonly output: Partial<OutputOptions>;
  /** Called with every item in input order (progress). */
  readonly onItem?: (item: CorpusResult) => void;
}

/**
 * One analysis run from corpus to output folder: reads and numbers every item, keeps the shard's,
 * analyses them over `jobs` threads, streams `run-data.ndjson`, then builds and writes every output.
 * `framescope analyze` runs exactly this, so `framescope merge` of shards can write what it writes.
 */
export async function runToFolder(plan: RunPlan): Promise<RunData> {
  const startedAt = new Date();
  const shard = plan.shard === null ? null : formatShard(plan.shard);
  const results = await openRunResults(plan.out, {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    shard,
    run: plan.run,
    runIssues: plan.runIssues,
    output: plan.output,
  });
  const collector = new RunCollector(plan.runIssues);
  try {
    const items = shardFilter(numberItems(readCorpus(plan.source, plan.read)), plan.shard);
    for await (const { seq, item } of analyzeNumbered(items, {
      jobs: plan.jobs,
      analyzerOptions: plan.analyzerOptions,
    })) {
      collector.add(item);
      plan.onItem?.(item);
      await results.write(seq, item);
    }
  } catch (e) {
    await results.discard();
    throw e;
  }
  const data: RunData = {
    ...plan.run,
    results: collector.results,
    summaries: collector.summaries,
    skipped: collector.skipped,
    issues: collector.issues,
  };
  await writeRunFiles(plan.out, data, results, { output: plan.output, startedAt, shard });
  return data;
}
