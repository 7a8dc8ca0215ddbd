import { open, rename, rm, writeFile } from 'node:fs/promises';
import { type CorpusSource, type ReadOptions, readCorpus } from '../../corpus/index.ts';
import type { NotAnArticle } from '../../corpus/items.ts';
import { cachedOrBuilt, lexiconsKey } from '../../lexicon/compiledCache.ts';
import type { PreparedLexicons } from '../../lexicon/prepare.ts';
import type { PackSelection } from '../../lexicon/select.ts';
import { csvHeaderLine, toCsv } from '../../report/csv.ts';
import { issuesTable } from '../../report/tables.ts';
import type { Article, Issue, SkippedInput } from '../../types.ts';
import { failedItem } from '../analyzePool.ts';
import { Pool } from '../pool.ts';
import { CODE_EXTENSION } from '../workerThread.ts';
import { SCORE_HEADER, SCORE_VOICE_HEADER } from './counts.ts';
import type { ScoreTaskOptions, ScoredArticle } from './scored.ts';

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
  let pending = csvHeaderLine(header, { safeCells: task.safeCells });
  let articles = 0;
  let tokens = 0;
  let hits = 0;
  let rows = 0;
  const skipped: SkippedInput[] = [];
  const issues: Issue[] = [];
  const noteProblem = (problem: NotAnArticle) => {
    if (problem.kind === 'skipped') {
      skipped.push(problem.skipped);
      plan.onItem?.(0);
    }
    issues.push(problem.issue);
  };
  const pool = new Pool<Article, ScoredArticle>({
    jobs: plan.jobs,
    taskModule: SCORE_TASK,
    taskArgs: [task],
  });
  for await (const answer of pool.map(readCorpus(plan.source, plan.read), (item) =>
    item.kind === 'article' ? item.article : null,
  )) {
    const { item } = answer;
    if (item.kind !== 'article') noteProblem(item);
    else if (answer.outcome === 'failed') noteProblem(failedItem(item.article, answer.message));
    else if (answer.outcome === 'done') {
      const scored = answer.output;
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
    }
  }
  if (pending !== '') await write(pending);
  return { articles, tokens, hits, rows, skipped, issues };
}

/**
 * The compiled lexicons of a selection: read back from the compiled-lexicon cache in `cacheDir`
 * (the entry analyze uses too), else checked and compiled here and kept there; null: no cache.
 */
export async function prepareScoreLexicons(
  selection: PackSelection,
  cacheDir: string | null,
): Promise<PreparedLexicons> {
  const { value } = await cachedOrBuilt(
    cacheDir,
    cacheDir === null ? null : lexiconsKey(selection),
    // Imported on a miss only: reading and compiling the packs loads wink-nlp and its model.
    async () => (await import('../../lexicon/prepare.ts')).compileSelection(selection),
  );
  return value;
}

/** Where the scores go: a file written under a temporary name and renamed when complete, or stdout. */
export interface ScoreOutput {
  write(chunk: string): Promise<void> | void;
  /** Moves the complete file into place. */
  commit(): Promise<void>;
  /** Removes what was written of a run that failed. */
  abandon(): Promise<void>;
}

/** The output `out` names: `-` for `stdout`, else a file. Throws when the file cannot be opened. */
export async function openScoreOutput(out: string, stdout: (chunk: string) => void): Promise<ScoreOutput> {
  if (out === '-') return { write: stdout, commit: async () => {}, abandon: async () => {} };
  const partial = `${out}.partial-${process.pid}`;
  const file = await open(partial, 'w');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await file.close();
  };
  return {
    write: async (chunk) => {
      await file.write(chunk);
    },
    commit: async () => {
      await close();
      await rename(partial, out);
    },
    abandon: async () => {
      await close();
      await rm(partial, { force: true });
    },
  };
}

/** Every problem of a scoring run as CSV, with the columns of analyze's issues.csv. */
export async function writeIssuesCsv(
  path: string,
  issues: readonly Issue[],
  safeCells: boolean,
): Promise<void> {
  const table = issuesTable(issues);
  await writeFile(path, toCsv(table.header, table.rows, { safeCells }));
}
