import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { readArticle } from '../analyzer/readArticle.ts';
import { loadSourceLexicon } from '../attribution/index.ts';
import {
  ENTRY_COLUMNS,
  type EntryRef,
  type LabelledArticle,
  PACK_COLUMNS,
  entriesForReading,
  entryRow,
  packRow,
  validatePacks,
} from '../curation/packs.ts';
import { CARRIED_AT_HALF, OWN_VOICE, type VoiceWeights } from '../figures/indexes.ts';
import { type Pack, compileLexicon, formatIssue, loadBuiltinPacks } from '../lexicon/index.ts';
import { selectPacks } from '../lexicon/select.ts';
import { toCsv } from '../report/csv.ts';
import type { Issue } from '../types.ts';
import { METADATA_OPTIONS, READ_OPTIONS, parseCommandArgs } from './args.ts';
import { type CommandIO, corpusArticles } from './corpusArticles.ts';
import { METADATA_OPTIONS_HELP, READ_OPTIONS_HELP } from './help.ts';
import { EXIT, UsageError } from './io.ts';
import { numberOption } from './lexiconMineCommand.ts';

export const VALIDATE_HELP = `framescope lexicon validate <packs...> --corpus <input> --labels <labels.csv> [options]

How well each entry and each pack separates labelled articles (state outlet or not, biased or not):
the check to run before trusting a pack on your own data. <packs> are pack files (YAML, LIWC .dic,
quanteda YAML, CSV) or the ids of built-in packs (e.g. ru-state-media). The corpus is read as analyze
reads it, and matched as analyze matches it: the built-in packs are loaded with yours (overlap
between packs resolved as in matches.csv), and only the named packs are scored.

  --corpus <input>       folder, .csv, .jsonl or text file (required)
  --labels <labels.csv>  a CSV with an id column and a label column; without it, the label column is
                         read from the corpus's own metadata
  --labels-id <col>      the labels file's id column (default: id)
  --label-column <col>   the label column (default: label)
  --positive <value>     the label of the class (default: true, 1 or yes when the labels are of that
                         kind); every other label is outside the class
  --voice <v>            carried (default: authorial hits count 1 and hits in quotations and
                         attributions ½, as index_state_media counts them), authorial (outside
                         quotations and attributions only, as index_state_media_authorial) or all
                         (every voice counts 1)
  --no-builtin-lexicons  match the named packs alone
  --bootstrap <n>        bootstrap resamples for the ROC-AUC interval (default 2000)
  --seed <n>             seed of the bootstrap and of the half split (default 1)
  -o, --out <dir>        also write entries.csv and packs.csv there
  --force                replace existing files in --out
  --raw-csv              do not neutralise spreadsheet formulas in CSV cells
${METADATA_OPTIONS_HELP}
${READ_OPTIONS_HELP}

Per entry: hits (weighted by voice) and articles with a hit in and outside the class, precision (share of the articles
with a hit that are in the class), lift (share in / share outside; lift_smoothed adds one half to
each count), and as_often_outside when the entry fires at least as often outside the class. Per
pack and for the named packs together: ROC-AUC of Σ weight × hits / scored words × 1000 (the formula
of index_state_media) with a stratified percentile bootstrap 95% interval, the ROC-AUC on each half
of a stratified split (hash of seed and id), and the share of each class with at least one hit.

Example:
  framescope lexicon validate ru-state-media my-pack.yaml --corpus articles.jsonl --labels labels.csv \\
    --label-column state_outlet --positive yes --out validation/
`;

/**
 * How much a hit counts in each voice, per --voice: the voice weights the registry declares for
 * index_state_media (carried) and index_state_media_authorial (authorial), or every voice alike.
 */
const VOICE_WEIGHTS: Readonly<Record<string, VoiceWeights>> = {
  carried: CARRIED_AT_HALF,
  authorial: OWN_VOICE,
  all: { authorial: 1, quoted: 1, attributed: 1 },
};

function parse(args: string[]) {
  return parseCommandArgs('lexicon validate', args, {
    corpus: { type: 'string' },
    labels: { type: 'string' },
    'labels-id': { type: 'string', default: 'id' },
    'label-column': { type: 'string', default: 'label' },
    positive: { type: 'string' },
    voice: { type: 'string', default: 'carried' },
    'no-builtin-lexicons': { type: 'boolean', default: false },
    bootstrap: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
    'raw-csv': { type: 'boolean', default: false },
    ...METADATA_OPTIONS,
    ...READ_OPTIONS,
    help: { type: 'boolean', short: 'h', default: false },
  });
}

const BOOLEAN_LABELS: readonly (readonly [string, string])[] = [
  ['true', 'false'],
  ['1', '0'],
  ['yes', 'no'],
];

/** The label of the class: given, or the true-like value of boolean-like labels. */
function positiveLabel(given: string | undefined, labels: Iterable<string>): string {
  if (given !== undefined) return given;
  const seen = new Set([...labels].map((l) => l.toLowerCase()));
  for (const [yes, no] of BOOLEAN_LABELS)
    if ([...seen].every((l) => l === yes || l === no) && seen.has(yes)) return yes;
  throw new UsageError(
    `lexicon validate: the labels are ${[...seen].slice(0, 5).join(', ')}${seen.size > 5 ? ', ...' : ''}; name the class with --positive <label>`,
  );
}

/** Labels by id from a CSV; every fault names the file and line. */
function readLabels(file: string, idColumn: string, labelColumn: string): Map<string, string> {
  if (!existsSync(file)) throw new UsageError(`lexicon validate: --labels ${file} does not exist`);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const fields = parsed.meta.fields ?? [];
  for (const column of [idColumn, labelColumn])
    if (!fields.includes(column))
      throw new UsageError(
        `lexicon validate: ${file}:1: expected a column "${column}", found ${fields.join(', ') || 'no columns'}`,
      );
  const labels = new Map<string, string>();
  parsed.data.forEach((row, i) => {
    const line = i + 2;
    const id = (row[idColumn] ?? '').trim();
    const label = (row[labelColumn] ?? '').trim();
    if (id === '' || label === '')
      throw new UsageError(`lexicon validate: ${file}:${line}: empty ${id === '' ? idColumn : labelColumn}`);
    if (labels.has(id) && labels.get(id) !== label)
      throw new UsageError(`lexicon validate: ${file}:${line}: id "${id}" is labelled twice, differently`);
    labels.set(id, label);
  });
  return labels;
}

/**
 * The packs to match and the ones to validate: names of built-in packs by id, other names as pack
 * files; the built-in packs are all matched too unless `builtin` is false, as analyze matches
 * them. A pack with errors stops the command (its counts would be wrong).
 */
function packsOf(
  names: readonly string[],
  builtin: boolean,
): { matched: readonly Pack[]; validated: readonly Pack[] } {
  const builtins = loadBuiltinPacks();
  const namedBuiltins = builtins.filter((p) => names.includes(p.pack));
  const files = names.filter((n) => !builtins.some((p) => p.pack === n));
  for (const f of files)
    if (!existsSync(f))
      throw new UsageError(
        `lexicon validate: ${f} is neither a pack file nor a built-in pack (${builtins.map((p) => p.pack).join(', ')})`,
      );
  const { usable, issues } = selectPacks({ lexicons: files, builtinLexicons: builtin });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    throw new UsageError(`lexicon validate: the packs have errors:\n${errors.map(formatIssue).join('\n')}`);
  const isUserPack = (p: Pack) => files.some((f) => p.file === f || p.file.startsWith(f));
  const matched = builtin ? usable : [...namedBuiltins, ...usable];
  return { matched, validated: matched.filter((p) => names.includes(p.pack) || isUserPack(p)) };
}

/** `framescope lexicon validate`: 0 when done, 1 when inputs were skipped, 2 on bad usage. */
export async function runValidate(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const cmd = 'lexicon validate';
  if (positionals.length === 0) throw new UsageError(`${cmd}: name the packs to validate`);
  if (!values.corpus) throw new UsageError(`${cmd}: give the corpus with --corpus <input>`);
  const voiceWeight = Object.hasOwn(VOICE_WEIGHTS, values.voice) ? VOICE_WEIGHTS[values.voice] : undefined;
  if (voiceWeight === undefined)
    throw new UsageError(`${cmd}: --voice expects authorial, carried or all, found "${values.voice}"`);
  const resamples = numberOption(cmd, 'bootstrap', values.bootstrap, { integer: true, min: 0 });
  const seed = numberOption(cmd, 'seed', values.seed, { integer: true });
  if (values.out) {
    for (const f of ['entries.csv', 'packs.csv'])
      if (existsSync(join(values.out, f)) && !values.force)
        throw new UsageError(`${cmd}: ${join(values.out, f)} exists; pass --force to replace it`);
  }
  const { matched, validated } = packsOf(positionals, !values['no-builtin-lexicons']);
  const lexicon = compileLexicon(matched);
  const scoredPacks = new Set(validated.filter((p) => p.kind === 'framing').map((p) => p.pack));
  const entries: EntryRef[] = validated
    .filter((p) => scoredPacks.has(p.pack))
    .flatMap((p) =>
      p.entries.map((e) => ({ pack: p.pack, id: e.id, category: e.category, weight: e.weight })),
    );
  if (entries.length === 0)
    throw new UsageError(`${cmd}: the named packs have no framing entries to validate`);

  const labelColumn = values['label-column'];
  const fileLabels = values.labels ? readLabels(values.labels, values['labels-id'], labelColumn) : null;
  const issues: Issue[] = [];
  const sources = loadSourceLexicon();
  const read: { id: string; label: string; words: number; hits: Map<string, number> }[] = [];
  let unlabelled = 0;
  const seen = new Set<string>();
  for await (const article of corpusArticles(cmd, values.corpus, values, io, issues)) {
    seen.add(article.id);
    const label = (fileLabels ? fileLabels.get(article.id) : article.metadata[labelColumn])?.trim();
    if (!label) {
      unlabelled++;
      continue;
    }
    // The reading analyze, score --voice and kwic share: document, quotations, attributions, hits.
    const { doc, matches } = readArticle(article, lexicon, sources);
    const hits = new Map<string, number>();
    for (const m of matches) {
      const weight = voiceWeight[m.voice];
      if (!scoredPacks.has(m.pack) || weight === 0) continue;
      const key = `${m.pack}/${m.entryId}`;
      hits.set(key, (hits.get(key) ?? 0) + weight);
    }
    read.push({ id: article.id, label, words: doc.wordCount, hits });
  }
  const positive = positiveLabel(
    values.positive,
    read.map((r) => r.label),
  );
  const articles: LabelledArticle[] = read.map((r) => ({
    id: r.id,
    positive: r.label.toLowerCase() === positive.toLowerCase(),
    words: r.words,
    hits: r.hits,
  }));
  const result = validatePacks(articles, entries, { resamples, seed });
  if (result.nIn === 0 || result.nOut === 0)
    throw new UsageError(
      `${cmd}: expected labelled articles in and outside the class "${positive}", found ${result.nIn} in and ${result.nOut} outside`,
    );
  const labelsWithoutArticle = fileLabels ? [...fileLabels.keys()].filter((id) => !seen.has(id)).length : 0;

  const safe = { safeCells: !values['raw-csv'] };
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    await writeFile(
      join(values.out, 'entries.csv'),
      toCsv(ENTRY_COLUMNS, result.entries.map(entryRow), safe),
    );
    await writeFile(join(values.out, 'packs.csv'), toCsv(PACK_COLUMNS, result.packs.map(packRow), safe));
  }
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `labelled articles: ${result.nIn} with label "${positive}", ${result.nOut} others; ${unlabelled} corpus articles without a label${fileLabels ? `, ${labelsWithoutArticle} labels without an article` : ''}; voice: ${values.voice}`,
    '',
    'pack  entries  ROC-AUC [95% CI]  half A  half B  in class with a hit  outside with a hit',
    ...result.packs.map(
      (p) =>
        `${p.pack}  ${p.entries}  ${f(p.auc)} [${f(p.ci?.low ?? null)}, ${f(p.ci?.high ?? null)}]  ${f(p.halfA)}  ${f(p.halfB)}  ${pct(p.shareInWithHit)}  ${pct(p.shareOutWithHit)}`,
    ),
    '',
  ];
  const outside = entriesForReading(result.entries).filter((e) => e.asOftenOutside);
  const silent = result.entries.filter((e) => e.docsIn + e.docsOut === 0);
  lines.push(
    `entries that fire as often outside the class: ${outside.length} of ${result.entries.length}${outside.length ? `: ${outside.map((e) => `${e.pack}/${e.id} (${pct(e.shareIn)} vs ${pct(e.shareOut)})`).join(', ')}` : ''}`,
    `entries without a hit: ${silent.length}${silent.length ? `: ${silent.map((e) => `${e.pack}/${e.id}`).join(', ')}` : ''}`,
  );
  if (values.out) lines.push(`entries.csv and packs.csv written to ${values.out}`);
  io.stdout(`${lines.join('\n')}\n`);
  return issues.some((i) => i.severity === 'error') ? EXIT.dataProblems : EXIT.ok;
}
