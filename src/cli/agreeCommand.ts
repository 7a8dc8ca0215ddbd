import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AgreementLevel, agreementMarkdown, agreementRows, agreementTable } from '../agree/agreement.ts';
import {
  CodedFileError,
  framescopeColumnFor,
  readCodedSheet,
  readFramescopeArticles,
} from '../agree/coded.ts';
import { toCsv } from '../report/csv.ts';
import { parseCommandArgs } from './args.ts';
import { type CliIO, EXIT, UsageError } from './io.ts';

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

/** Writes beside the target then renames, so a reader never sees a half-written file. */
async function writeFileAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, path);
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
  const articlesFile = join(resultsDir, 'articles.csv');
  for (const [path, what] of [
    [codedFile, 'the coded sheet'],
    [articlesFile, 'articles.csv of a framescope run (is <results-dir> an --out folder?)'],
  ] as const) {
    if (!existsSync(path)) {
      io.stderr(`framescope: agree: ${path} not found: expected ${what}\n`);
      return EXIT.couldNotRun;
    }
  }

  let coded: ReturnType<typeof readCodedSheet>;
  let framescope: ReturnType<typeof readFramescopeArticles>;
  try {
    coded = readCodedSheet(await readFile(codedFile, 'utf8'), codedFile);
    framescope = readFramescopeArticles(await readFile(articlesFile, 'utf8'), articlesFile);
  } catch (e) {
    if (e instanceof CodedFileError) {
      io.stderr(`framescope: agree: ${e.message}\n`);
      return EXIT.couldNotRun;
    }
    throw e;
  }
  for (const category of map.keys())
    if (!coded.categories.includes(category))
      throw new UsageError(
        `agree: --map names category "${category}", which is not a column of ${codedFile} (${coded.categories.join(', ')})`,
      );
  const columns = new Map(
    coded.categories.map((c) => [c, framescopeColumnFor(c, framescope.header, map)] as const),
  );
  const { rows, issues } = agreementRows({ coded, framescope, columns, level, framescopeFile: articlesFile });
  const allIssues = [...coded.issues, ...framescope.issues, ...issues];

  const out = values.out ?? resultsDir;
  await mkdir(out, { recursive: true });
  const table = agreementTable(rows);
  await writeFileAtomically(join(out, 'agreement.csv'), toCsv(table.header, table.rows));
  await writeFileAtomically(
    join(out, 'agreement.md'),
    agreementMarkdown(rows, allIssues, { codedFile, resultsDir, level }),
  );
  for (const i of allIssues)
    io.stderr(
      `framescope: ${i.severity}: ${i.code}: ${i.file ?? ''}${i.line ? `:${i.line}` : ''}: ${i.message}\n`,
    );
  io.stderr(
    `framescope: agreement of ${coded.categories.length} categories, ${coded.articles.length} articles, ${coded.coders.length} coder(s); written to ${out}\n`,
  );
  return allIssues.some((i) => i.severity === 'error') ? EXIT.dataProblems : EXIT.ok;
}
