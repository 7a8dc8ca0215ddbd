import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type Selector, parseSelector, selects } from '../corpus/selector.ts';
import {
  DEFAULT_MINE_OPTIONS,
  type MineOptions,
  type MineSide,
  Miner,
  candidateRow,
  mineColumns,
} from '../curation/mine.ts';
import { toCsv } from '../report/csv.ts';
import { readDocument } from '../text/document.ts';
import type { Article, Issue } from '../types.ts';
import { METADATA_OPTIONS, READ_OPTIONS, parseCommandArgs } from './args.ts';
import { type CommandIO, corpusArticles } from './corpusArticles.ts';
import { METADATA_OPTIONS_HELP, READ_OPTIONS_HELP } from './help.ts';
import { EXIT, UsageError } from './io.ts';

const d = DEFAULT_MINE_OPTIONS;

export const MINE_HELP = `framescope lexicon mine <input> --target <column=value> [options]
framescope lexicon mine <target-input> <reference-input> [options]

Candidate lexicon entries: the word n-grams (1 to --max-n words) a target corpus uses more than a
reference corpus, ranked by log-likelihood G2 with the log ratio as effect size, filtered by
dispersion, with proper names and topic nouns left out, written as CSV with counts, dispersion
and concordance lines, for a scholar to read and curate into a pack. Inputs are what analyze
reads (folders, .csv, .jsonl, text files).

Choosing the corpora:
  --target <col=v[,v]>   one input: the target is the articles whose metadata column has one of the
                         values (e.g. --target state=true, --target outlet=RT,TASS)
  --reference <col=v[,v]>
                         the reference (default: every article not in the target)
  --where <col=v[,v]>    first keep only these articles (repeatable; all must hold),
                         e.g. --where set=prc-2022
  With two inputs, the first is the target and the second the reference.

Filters:
  --disperse-by <col>    a column whose distinct values a candidate must span (date, event, source):
                         at least --min-values values (default ${d.minValues}), and no value may hold more
                         than --max-share (default ${d.maxShare}) of the candidate's target articles when that
                         is also over twice the value's share of the target
  --min-docs <n>         target articles a candidate must occur in (default ${d.minDocs})
  --min-g2 <x>           (default ${d.minG2}: p < 0.001) and --min-log-ratio <x> (default ${d.minLogRatio}: twice as
                         frequent per word in the target)
  --max-burstiness <x>   an all-noun candidate used on average this often or more in the articles that
                         use it is a topic noun (default ${d.maxBurstiness})
  --max-n <n>            longest n-gram (default ${d.maxN}); --match lemma|normal (default lemma, as packs match)
  --keep-excluded        also write names, topic nouns and badly dispersed candidates, with the reason

Output:
  -o, --out <file.csv>   where to write (default: standard output)
  --top <n>              candidates written, best G2 first (default ${d.top})
  --kwic <n>             concordance lines per candidate, from different articles (default ${d.kwic});
                         --window <n> words either side (default ${d.window})
  --force                replace an existing --out file
  --raw-csv              do not neutralise spreadsheet formulas in CSV cells
  --quiet                no summary on stderr
${METADATA_OPTIONS_HELP}
${READ_OPTIONS_HELP}

Names and topic nouns (wink parts of speech and entities): an n-gram never spans a number or a
wink entity (date, amount, percentage); a candidate whose content words are all proper nouns is a
name; one whose content words are all common nouns and that recurs within the articles using it
(--max-burstiness) is a topic noun. See docs/lexicon-format.md ("Mining candidates").

Examples:
  framescope lexicon mine headlines.jsonl --where set=prc-2022 --target state=true --disperse-by date --out prc.csv
  framescope lexicon mine state-articles/ other-articles/ --disperse-by event --min-docs 10
`;

function parse(args: string[]) {
  return parseCommandArgs('lexicon mine', args, {
    out: { type: 'string', short: 'o', default: '-' },
    target: { type: 'string' },
    reference: { type: 'string' },
    where: { type: 'string', multiple: true, default: [] as string[] },
    'disperse-by': { type: 'string' },
    'min-docs': { type: 'string', default: String(d.minDocs) },
    'min-values': { type: 'string', default: String(d.minValues) },
    'max-share': { type: 'string', default: String(d.maxShare) },
    'min-g2': { type: 'string', default: String(d.minG2) },
    'min-log-ratio': { type: 'string', default: String(d.minLogRatio) },
    'max-burstiness': { type: 'string', default: String(d.maxBurstiness) },
    'max-n': { type: 'string', default: String(d.maxN) },
    match: { type: 'string', default: d.match },
    'keep-excluded': { type: 'boolean', default: false },
    top: { type: 'string', default: String(d.top) },
    kwic: { type: 'string', default: String(d.kwic) },
    window: { type: 'string', default: String(d.window) },
    force: { type: 'boolean', default: false },
    'raw-csv': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    ...METADATA_OPTIONS,
    ...READ_OPTIONS,
    help: { type: 'boolean', short: 'h', default: false },
  });
}

/** A number option, refused as a usage error when it is not a number in range. */
export function numberOption(
  command: string,
  name: string,
  text: string,
  { integer = false, min = Number.NEGATIVE_INFINITY } = {},
): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < min)
    throw new UsageError(
      `${command}: --${name} expects ${integer ? 'a whole number' : 'a number'}${min > Number.NEGATIVE_INFINITY ? ` of at least ${min}` : ''}, found "${text}"`,
    );
  return x;
}

function selectorOption(option: string, text: string | undefined): Selector | null {
  if (text === undefined) return null;
  try {
    return parseSelector(`lexicon mine: ${option}`, text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `framescope lexicon mine`: 0 when done, 1 when inputs were skipped, 2 on bad usage. */
export async function runMine(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(MINE_HELP);
    return EXIT.ok;
  }
  const cmd = 'lexicon mine';
  const num = (name: keyof typeof values, opts?: { integer?: boolean; min?: number }) =>
    numberOption(cmd, name, values[name] as string, opts);
  if (values.match !== 'lemma' && values.match !== 'normal')
    throw new UsageError(`${cmd}: --match expects lemma or normal, found "${values.match}"`);
  const options: MineOptions = {
    maxN: num('max-n', { integer: true, min: 1 }),
    minDocs: num('min-docs', { integer: true, min: 1 }),
    minValues: num('min-values', { integer: true, min: 1 }),
    maxShare: num('max-share', { min: 0 }),
    minG2: num('min-g2', { min: 0 }),
    minLogRatio: num('min-log-ratio'),
    maxBurstiness: num('max-burstiness', { min: 1 }),
    top: num('top', { integer: true, min: 1 }),
    kwic: num('kwic', { integer: true, min: 0 }),
    window: num('window', { integer: true, min: 0 }),
    match: values.match,
    keepExcluded: values['keep-excluded'],
  };
  if (options.maxN > 6) throw new UsageError(`${cmd}: --max-n expects at most 6, found ${options.maxN}`);
  const target = selectorOption('--target', values.target);
  const reference = selectorOption('--reference', values.reference);
  const where = values.where.map((w) => selectorOption('--where', w) as Selector);
  if (positionals.length === 0 || positionals.length > 2)
    throw new UsageError(
      `${cmd}: expected one input with --target, or a target input and a reference input; found ${positionals.length} inputs`,
    );
  if (positionals.length === 2 && (target || reference))
    throw new UsageError(
      `${cmd}: with two inputs the first is the target; leave out --target and --reference`,
    );
  if (positionals.length === 1 && !target)
    throw new UsageError(`${cmd}: name the target with --target column=value, or give two inputs`);
  const out = values.out;
  if (out !== '-' && existsSync(out) && !values.force)
    throw new UsageError(`${cmd}: ${out} exists; pass --force to replace it`);

  const miner = new Miner(options);
  const disperseBy = values['disperse-by'];
  const issues: Issue[] = [];
  let missingValue = 0;
  let outside = 0;
  const add = (article: Article, side: MineSide) => {
    const value = disperseBy === undefined ? null : (article.metadata[disperseBy]?.trim() ?? '');
    if (value === '') missingValue++;
    miner.add(readDocument(article), side, value);
  };
  const sideOf = (a: Article): MineSide | null => {
    if (!where.every((w) => selects(w, a.metadata))) return null;
    if (target && selects(target, a.metadata)) return 'target';
    if (!reference || selects(reference, a.metadata)) return 'reference';
    return null;
  };
  if (positionals.length === 2) {
    for (const [input, side] of [
      [positionals[0] as string, 'target'],
      [positionals[1] as string, 'reference'],
    ] as const)
      for await (const a of corpusArticles(cmd, input, values, io, issues))
        if (where.every((w) => selects(w, a.metadata))) add(a, side);
        else outside++;
  } else {
    for await (const a of corpusArticles(cmd, positionals[0] as string, values, io, issues)) {
      const side = sideOf(a);
      if (side === null) outside++;
      else add(a, side);
    }
  }
  const result = miner.finish();
  if (result.targetDocs === 0 || result.referenceDocs === 0)
    throw new UsageError(
      `${cmd}: expected articles on both sides, found ${result.targetDocs} target and ${result.referenceDocs} reference articles${target ? ` (is "${target.column}" a metadata column with the value ${[...target.values].join(' or ')}?)` : ''}`,
    );
  const csv = toCsv(
    mineColumns(options.kwic),
    result.candidates.map((c) => candidateRow(c, options.kwic)),
    { safeCells: !values['raw-csv'] },
  );
  if (out === '-') io.stdout(csv);
  else await writeFile(out, csv);
  if (missingValue > 0)
    io.stderr(
      `framescope ${cmd}: ${missingValue} articles have no "${disperseBy}" value; they count as one empty value\n`,
    );
  if (!values.quiet) {
    const ex = result.excluded;
    io.stderr(
      `framescope ${cmd}: ${result.targetDocs} target articles (${result.targetWords} words), ${result.referenceDocs} reference articles (${result.referenceWords} words)${outside ? `, ${outside} articles in neither` : ''}; ${result.keyCandidates} key n-grams, excluded: ${ex.name} names, ${ex['topic-noun']} topic nouns, ${ex['few-values']} in too few ${disperseBy ?? 'values'}, ${ex['one-value']} dominated by one ${disperseBy ?? 'value'}; ${result.candidates.length} written${out === '-' ? '' : ` to ${out}`}\n`,
    );
  }
  return issues.some((i) => i.severity === 'error') ? EXIT.dataProblems : EXIT.ok;
}
