import type { AnalyzerOptions } from '../../analyzer/analyzer.ts';
import { type CorpusSource, type ReadOptions, readCorpus } from '../../corpus/index.ts';
import { csvRecord } from '../../report/csv.ts';
import type { Issue, SkippedInput } from '../../types.ts';
// pool.ts, not the parallel index: the folder-writing run of analyze is not needed here.
import { analyzeInParallel } from '../pool.ts';
import { CODE_EXTENSION } from '../workerThread.ts';
import { SCORE_HEADER, SCORE_VOICE_HEADER } from './counts.ts';
import { type ScoreTaskOptions, asScored } from './scored.ts';

/** The task workers run: compiled (dist/) or TypeScript, like this module (see src/run/pool.ts). */
const SCORE_TASK = new URL(`./scoreTask${CODE_EXTENSION}`, import.meta.url);
/** Output is handed to the writer in pieces of about this many characters. */
const FLUSH_AT = 1 << 16;

export interface ScorePlan {
  readonly source: CorpusSource;
  readonly read: Partial<ReadOptions>;
  /** Worker threads; 1 scores in this thread. */
  readonly jobs: number;
  readonly task: ScoreTaskOptions;
  /** Called once per input item (scored or skipped), for progress. */
  readonly onItem?: (tokens: number) => void;
}

export interface ScoreSummary {
  readonly articles: number;
  readonly tokens: number;
  readonly hits: number;
  readonly rows: number;
  readonly skipped: readonly SkippedInput[];
  /** Problems of the inputs in input order: skipped inputs, failed articles, warnings. */
  readonly issues: readonly Issue[];
}

/**
 * Scores a corpus with a compiled lexicon over worker threads and hands the CSV (header, then each
 * article's rows in input order) to `write`. The workers build each article's rows, so this thread
 * only reads inputs and writes. Skipped inputs and problems are returned, never dropped.
 */
export async function scoreCorpus(
  plan: ScorePlan,
  write: (chunk: string) => void | Promise<void>,
): Promise<ScoreSummary> {
  const { task } = plan;
  const header = task.voice ? SCORE_VOICE_HEADER : SCORE_HEADER;
  let pending = `${csvRecord(header, { safeCells: task.safeCells })}\r\n`;
  let articles = 0;
  let tokens = 0;
  let hits = 0;
  let rows = 0;
  const skipped: SkippedInput[] = [];
  const issues: Issue[] = [];
  const items = analyzeInParallel(readCorpus(plan.source, plan.read), {
    jobs: plan.jobs,
    taskModule: SCORE_TASK,
    // The pool hands its options to the task module unread.
    analyzerOptions: task as unknown as Partial<AnalyzerOptions>,
  });
  for await (const item of items) {
    if (item.kind === 'result') {
      const scored = asScored(item.result);
      articles++;
      tokens += scored.tokens;
      hits += scored.hits;
      pending += scored.rows;
      rows += scored.rowCount;
      plan.onItem?.(scored.tokens);
      if (pending.length >= FLUSH_AT) {
        await write(pending);
        pending = '';
      }
    } else {
      if (item.kind === 'skipped') {
        skipped.push(item.skipped);
        plan.onItem?.(0);
      }
      issues.push(item.issue);
    }
  }
  if (pending !== '') await write(pending);
  return { articles, tokens, hits, rows, skipped, issues };
}
