import { existsSync } from 'node:fs';
import { type Shard, parseShard } from '../corpus/shard.ts';
import { defaultCacheDir } from '../lexicon/compiledCache.ts';
import { DEFAULT_DIGITS } from '../report/format.ts';
import { NothingReadError, runToFolder } from '../run/analyzeRun.ts';
import { describeRun } from '../run/describeRun.ts';
import { spelledInput } from '../run/inputSpelling.ts';
import { jobsOf } from '../run/jobs.ts';
import { TOOL_VERSION } from '../version.ts';
import {
  CORPUS_OPTIONS,
  METADATA_OPTIONS,
  checkOutputArg,
  corpusInputArgs,
  corpusSourceOf,
  parseCommandArgs,
} from './args.ts';
import { ANALYZE_HELP } from './help.ts';
import { type CliIO, EXIT, UsageError, asUsageError, noticeTo } from './io.ts';
import { reportNothingRead } from './nothingRead.ts';
import { Progress } from './progress.ts';

function parse(args: string[]) {
  return parseCommandArgs('analyze', args, {
    out: { type: 'string' },
    ...METADATA_OPTIONS,
    ...CORPUS_OPTIONS,
    'raw-csv': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'group-by': { type: 'string' },
    'one-group': { type: 'boolean', default: false },
    by: { type: 'string' },
    html: { type: 'boolean', default: false },
    latex: { type: 'boolean', default: false },
    'latex-columns': { type: 'string' },
    digits: { type: 'string', default: String(DEFAULT_DIGITS) },
    json: { type: 'boolean', default: false },
    jobs: { type: 'string' },
    shard: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

/** `framescope analyze`: reads a corpus, analyses every article, writes the reports. Returns the exit code. */
export async function runAnalyze(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(ANALYZE_HELP);
    return EXIT.ok;
  }
  const { input, format, maxBytes } = corpusInputArgs('analyze', positionals, values);
  if (!values.out) throw new UsageError('analyze: expected --out <dir> for the reports');
  if (values.metadata !== undefined && !existsSync(values.metadata))
    throw new UsageError(
      `analyze: --metadata ${values.metadata}: no such file (expected a CSV with a column naming each article)`,
    );
  const digits = Number(values.digits);
  if (!Number.isInteger(digits) || digits < 1 || digits > 10)
    throw new UsageError(`analyze: --digits expects a whole number from 1 to 10, found "${values.digits}"`);
  const latexColumns =
    values['latex-columns'] === undefined
      ? null
      : values['latex-columns']
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');

  await checkOutputArg(
    'analyze',
    {
      out: values.out,
      force: values.force,
      inputs: [
        { path: input, what: 'the input' },
        ...(values.metadata ? [{ path: values.metadata, what: 'the metadata file' }] : []),
        ...values.lexicon.map((path) => ({ path, what: 'the lexicon' })),
      ],
    },
    io,
  );

  // Outputs spell the inputs one way however they were typed (the manifest keeps them as typed).
  const inputPath = spelledInput(input);
  const metadataPath = values.metadata ? spelledInput(values.metadata) : '';
  const lexiconPaths = values.lexicon.map((l) => spelledInput(l));
  const jobs = await asUsageError('', () => jobsOf('analyze', values.jobs, input));
  const shard: Shard | null = await asUsageError('analyze: ', async () =>
    values.shard === undefined ? null : parseShard(values.shard),
  );
  // The lexicons are compiled once before the run (or read back compiled) to report their problems
  // and versions, and handed to every analyzer of the run; with worker threads the main thread
  // never holds the model (see describeRun).
  const analyzerOptions = { lexicons: lexiconPaths, builtinLexicons: !values['no-builtin-lexicons'] };
  const described = await describeRun(analyzerOptions, jobs, values['no-cache'] ? null : defaultCacheDir());
  const progress = new Progress(io, { quiet: values.quiet });
  const { source, read } = corpusSourceOf(
    'analyze',
    inputPath,
    { ...values, metadata: metadataPath || undefined },
    io.stdin,
  );
  // Neither --jobs nor --shard is a setting: outputs must not depend on them.
  const settings: Record<string, string> = {
    input: inputPath,
    metadata: metadataPath,
    'text-column': values['text-column'],
    'id-column': values['id-column'],
    format,
    lexicons: lexiconPaths.join(' '),
    'builtin-lexicons': String(!values['no-builtin-lexicons']),
    'max-bytes': String(maxBytes),
    'raw-csv': String(values['raw-csv']),
    strict: String(values.strict),
    'group-by': values['group-by'] ?? '',
    'one-group': String(values['one-group']),
    by: values.by ?? '',
    html: String(values.html),
    latex: String(values.latex),
    'latex-columns': latexColumns?.join(',') ?? '',
    digits: String(digits),
    json: String(values.json),
  };
  let data: Awaited<ReturnType<typeof runToFolder>>;
  try {
    data = await runToFolder({
      source,
      read,
      jobs,
      shard,
      out: values.out,
      analyzerOptions,
      prepared: described.prepared,
      run: { packs: described.packs, metrics: described.metrics, settings, toolVersion: TOOL_VERSION },
      runIssues: described.lexiconIssues,
      options: {
        safeCells: !values['raw-csv'],
        groupBy: values['group-by'] ?? null,
        oneGroup: values['one-group'],
        by: values.by ?? null,
        html: values.html,
        latex: values.latex,
        latexColumns,
        digits,
        json: values.json,
      },
      notice: noticeTo(io),
      asGiven: { input, metadata: values.metadata ?? '', lexicons: values.lexicon.join(' ') },
      onItem: (item) => {
        if (item.kind === 'rendered') progress.tick(item.rendered.stored.index.tokenCount);
        else if (item.kind === 'skipped') progress.tick(0);
      },
    });
  } catch (e) {
    if (!(e instanceof NothingReadError)) throw e;
    progress.done();
    return reportNothingRead('analyze', e, io.stderr);
  }
  progress.done();
  const { records, skipped, issues } = data;

  const errors = data.issueCounts.error;
  const warnings = data.issueCounts.warning;
  // A mistyped column gives one "(none)" group: said here as well as in issues.csv.
  for (const [option, column] of [
    ['--by', values.by],
    ['--group-by', values['one-group'] ? undefined : values['group-by']],
  ] as const)
    if (column && !data.corpus.metadata.includes(column))
      io.stderr(
        `framescope: warning: ${option} ${column}: no article has a column "${column}" (see issues.csv)\n`,
      );
  for (const column of latexColumns ?? [])
    if (!data.corpus.figures.has(column))
      io.stderr(`framescope: warning: --latex-columns ${column}: no such figure (see issues.csv)\n`);
  if (!values.quiet) {
    io.stderr(
      `framescope: ${records.length} articles analysed, ${skipped.length} skipped, ${errors} errors, ${warnings} warnings; reports in ${values.out}\n`,
    );
  }
  if (errors > 0 || (values.strict && issues.length > 0)) return EXIT.dataProblems;
  return EXIT.ok;
}
