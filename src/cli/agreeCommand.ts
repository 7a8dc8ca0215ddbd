import type { AgreementLevel } from '../agree/agreement.ts';
import { AgreementInputError, AgreementMapError, runAgreement } from '../run/agreeRun.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIO, EXIT, UsageError, asUsageError } from './io.ts';

export const AGREE_HELP = `framescope agree <coded.csv> <results-dir> [options]

Agreement between people who coded a sample and framescope, per category: Krippendorff's alpha
and Cohen's kappa, with the counts behind them, between framescope and each coder, among all of
them, and among the coders where there are several.

<coded.csv> has an "article" (or "id") column with the ids of articles.csv, an optional "coder"
column (one row per article and coder), and one column per category holding a count, 0/1 or
yes/no. <results-dir> is the --out folder of "framescope analyze"; its articles.csv gives
framescope's value of a category from the column "count_<category>", as written or as the figure
names it (dots, dashes and spaces as _, lower case: state-media.prc -> count_state_media_prc).

Options:
  --out <dir>              where to write agreement.csv and agreement.md (default: <results-dir>)
  --map <category=column>  the articles.csv column of a category (repeatable)
  --level presence|count   presence (default): counts dichotomised, 0 absent, above 0 present,
                           nominal alpha; count: counts as they are, interval alpha.
                           Cohen's kappa is always computed on presence.
  -h, --help               this help

Exit codes: 0 done, 1 done with data problems (listed on stderr and in agreement.md), 2 could not run.
`;

function parse(args: string[]) {
  return parseCommandArgs('agree', args, {
    out: { type: 'string' },
    map: { type: 'string', multiple: true, default: [] },
    level: { type: 'string', default: 'presence' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function parseMap(pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1)
      throw new UsageError(`agree: --map expects category=column, found "${pair}"`);
    map.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return map;
}

/** `framescope agree`: reliability of framescope against human coders. Returns the exit code. */
export async function runAgree(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(AGREE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 2)
    throw new UsageError(
      `agree: expected <coded.csv> <results-dir>, found ${positionals.length} argument(s)${positionals.length ? `: ${positionals.join(' ')}` : ''}`,
    );
  const [codedFile, resultsDir] = positionals as [string, string];
  const level = values.level as AgreementLevel;
  if (level !== 'presence' && level !== 'count')
    throw new UsageError(`agree: --level expects presence or count, found "${values.level}"`);
  const map = parseMap(values.map);
  const out = values.out ?? resultsDir;
  let done: Awaited<ReturnType<typeof runAgreement>>;
  try {
    done = await asUsageError(
      '',
      () => runAgreement({ codedFile, resultsDir, out, map, level }),
      AgreementMapError,
    );
  } catch (e) {
    if (e instanceof AgreementInputError) {
      io.stderr(`framescope: agree: ${e.message}\n`);
      return EXIT.couldNotRun;
    }
    throw e;
  }
  for (const i of done.issues)
    io.stderr(
      `framescope: ${i.severity}: ${i.code}: ${i.file ?? ''}${i.line ? `:${i.line}` : ''}: ${i.message}\n`,
    );
  io.stderr(
    `framescope: agreement of ${done.categories} categories, ${done.articles} articles, ${done.coders} coder(s); written to ${out}\n`,
  );
  return done.issues.some((i) => i.severity === 'error') ? EXIT.dataProblems : EXIT.ok;
}
