import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultCacheDir } from '../lexicon/compiledCache.ts';
import { formatIssue } from '../lexicon/issues.ts';
import { NothingReadError } from '../run/analyzeRun.ts';
import { jobsOf } from '../run/jobs.ts';
import { type NamedInput, outputOverlapsInput } from '../run/outputPaths.ts';
import { openScoreOutput, prepareScoreLexicons, scoreCorpus, writeIssuesCsv } from '../run/score/scoreJob.ts';
import type { Issue } from '../types.ts';
import { CORPUS_OPTIONS, corpusInputArgs, corpusSourceOf, parseCommandArgs } from './args.ts';
import { SCORE_HELP } from './help.ts';
import { type CliIO, EXIT, UsageError, asUsageError } from './io.ts';
import { reportNothingRead } from './nothingRead.ts';
import { Progress } from './progress.ts';

/** Problems listed one per line on stderr before the rest are only counted. */
const LISTED_ON_STDERR = 20;
function parse(args: string[]) {
  return parseCommandArgs('score', args, {
    out: { type: 'string', short: 'o', default: '-' },
    issues: { type: 'string' },
    ...CORPUS_OPTIONS,
    voice: { type: 'boolean', default: false },
    nonzero: { type: 'boolean', default: false },
    'raw-csv': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    jobs: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function checkPaths(
  inputs: readonly NamedInput[],
  out: string,
  issuesFile: string | undefined,
  force: boolean,
): void {
  const targets = [out === '-' ? null : out, issuesFile ?? null].filter((p): p is string => p !== null);
  for (const target of targets) {
    // The output may not be an input, hold one or lie inside one (the check analyze and merge make).
    const overlap = outputOverlapsInput(target, inputs, target === out ? '--out' : '--issues');
    if (overlap !== null) throw new UsageError(`score: ${overlap}`);
    if (existsSync(target) && !force)
      throw new UsageError(`score: ${target} exists; pass --force to replace it`);
  }
  if (issuesFile !== undefined && out !== '-' && resolve(issuesFile) === resolve(out))
    throw new UsageError('score: --out and --issues name the same file');
}

/** Errors and skipped inputs, one line each up to a limit, then how many more the issues file has. */
function reportProblems(io: CliIO, issues: readonly Issue[], issuesFile: string | undefined): void {
  const errors = issues.filter((i) => i.severity === 'error');
  for (const issue of errors.slice(0, LISTED_ON_STDERR)) io.stderr(`framescope: ${formatIssue(issue)}\n`);
  if (errors.length > LISTED_ON_STDERR)
    io.stderr(
      `framescope: ... and ${errors.length - LISTED_ON_STDERR} more errors${issuesFile ? ` in ${issuesFile}` : '; list them all with --issues <file.csv>'}\n`,
    );
}

/**
 * `framescope score`: dictionary scoring. Counts each article's lexicon hits per category, the
 * same hits `analyze` lists in matches.csv, and writes one CSV row per article and category.
 */
export async function runScore(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(SCORE_HELP);
    return EXIT.ok;
  }
  const { input } = corpusInputArgs('score', positionals, values);
  // Read as every corpus command reads (one parser, checked alike).
  const { source, read } = corpusSourceOf('score', input, values, io.stdin);
  const jobs = await asUsageError('', () => jobsOf('score', values.jobs, input));
  const out = values.out;
  checkPaths(
    [{ path: input, what: 'the input' }, ...values.lexicon.map((path) => ({ path, what: 'the lexicon' }))],
    out,
    values.issues,
    values.force,
  );

  // The lexicon is checked and compiled once here (or read back compiled from the cache, with the
  // same entry analyze uses) and sent to the workers compiled.
  const selection = { lexicons: values.lexicon, builtinLexicons: !values['no-builtin-lexicons'] };
  const cacheDir = values['no-cache'] ? null : defaultCacheDir();
  const prepared = await asUsageError('score: ', () => prepareScoreLexicons(selection, cacheDir));
  const { lexicon } = prepared;
  if (lexicon.patterns.length === 0)
    throw new UsageError(
      `score: no lexicon pattern to match${prepared.lexiconIssues.length > 0 ? ` (${prepared.lexiconIssues.length} problems in the packs: run "framescope lexicon check")` : ''}; name packs with --lexicon`,
    );

  const progress = new Progress(io, { quiet: values.quiet });
  const dest = await asUsageError(`score: cannot write --out ${out}: `, () =>
    openScoreOutput(out, io.stdout),
  );
  let summary: Awaited<ReturnType<typeof scoreCorpus>>;
  try {
    summary = await scoreCorpus(
      {
        source,
        read,
        jobs,
        task: { lexicon, voice: values.voice, nonzero: values.nonzero, safeCells: !values['raw-csv'] },
        onItem: (tokens) => progress.tick(tokens),
      },
      (chunk) => dest.write(chunk),
    );
    // A corpus of which no article could be read has no scores to keep.
    if (summary.articles === 0) throw NothingReadError.of(input, summary.issues);
    await dest.commit();
  } catch (e) {
    await dest.abandon();
    progress.done();
    if (e instanceof NothingReadError)
      return reportNothingRead('score', e, io.stderr, 'no scores were written');
    throw e;
  }
  progress.done();

  const issues = [...prepared.lexiconIssues, ...summary.issues];
  if (values.issues !== undefined) await writeIssuesCsv(values.issues, issues, !values['raw-csv']);
  reportProblems(io, issues, values.issues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  if (!values.quiet)
    io.stderr(
      `framescope: ${summary.articles} articles scored (${summary.tokens} tokens, ${summary.hits} hits, ${summary.rows} rows), ${summary.skipped.length} skipped, ${errors} errors, ${warnings} warnings${out === '-' ? '' : `; scores in ${out}`}${values.issues ? `, problems in ${values.issues}` : ''}\n`,
    );
  if (errors > 0 || (values.strict && issues.length > 0)) return EXIT.dataProblems;
  return EXIT.ok;
}
