import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { logLikelihood, logRatio } from '../src/compare/keyness.ts';
import { type Candidate, type MineOptions, Miner } from '../src/curation/mine.ts';
import { readDocument } from '../src/text/document.ts';
import { runCli } from './helpers/io.ts';

/**
 * An invented pair of corpora with known answers. Six target articles (events a, b, c, two each)
 * and six reference articles. In the target:
 * - "the so-called regime" is written once in every article (a formula spread over the events);
 * - "Arthur Pendleworth" (a name) is in every article;
 * - "turbine" is a topic noun, written three times in each article of event a and in no other;
 * - "glorious harvest" is in the two articles of event b only (one story);
 * - "on 3 March 2021" (a date) is in every article.
 * The reference articles talk about weather and markets, with "regime" once in one of them.
 */
const FILLER = 'Officials met with residents to discuss the plans for next year.';
function targetText(k: number): string {
  const event = ['a', 'a', 'b', 'b', 'c', 'c'][k] as string;
  const parts = [
    `Arthur Pendleworth spoke on 3 March 2021 about the so-called regime and its plans number ${k}.`,
    FILLER,
  ];
  if (event === 'a')
    parts.push(
      'The turbine was installed. The turbine failed twice. Engineers replaced the turbine quickly.',
    );
  if (event === 'b') parts.push('Farmers praised the glorious harvest in the valley.');
  parts.push('People walked home through the quiet streets after the meeting ended.');
  return parts.join(' ');
}
const REFERENCE = [
  'Rain fell across the northern hills on Tuesday and markets opened lower.',
  'The weather service said temperatures would rise slowly over the weekend.',
  'Shares in several banks closed higher after a quiet session of trading.',
  'A new bridge opened to traffic after two years of building work downtown.',
  'The old regime of tariffs was replaced by a simpler system last spring.',
  'Volunteers cleaned the beach and collected bags of plastic from the sand.',
];
const EVENTS = ['a', 'a', 'b', 'b', 'c', 'c'];

function article(id: string, text: string, metadata: Record<string, string> = {}) {
  return { id, text, metadata, source: { file: id, format: 'txt' as const } };
}

function mine(
  options: Partial<MineOptions>,
  values = true,
): { candidates: readonly Candidate[]; miner: Miner } {
  const miner = new Miner({ minDocs: 2, minG2: 0, minLogRatio: 0, ...options });
  EVENTS.forEach((e, k) =>
    miner.add(readDocument(article(`t${k}`, targetText(k))), 'target', values ? e : null),
  );
  REFERENCE.forEach((text, k) =>
    miner.add(readDocument(article(`r${k}`, text)), 'reference', values ? 'ref' : null),
  );
  return { candidates: miner.finish().candidates, miner };
}

const find = (cs: readonly Candidate[], key: string) => cs.find((c) => c.candidate === key);

test('mine: a formula spread over the events is a candidate, with its counts, G2 and log ratio', (t) => {
  const { candidates } = mine({});
  const c = find(candidates, 'so call regime');
  t.truthy(c, 'expected "so call regime" (the lemmas of "so-called regime") among the candidates');
  if (!c) return;
  t.is(c.form, 'so-called regime');
  t.is(c.countTarget, 6);
  t.is(c.countReference, 0);
  t.is(c.docsTarget, 6);
  t.is(c.values, 3);
  t.is(c.excluded, '');
  // G2 and log ratio from the corpora's scored words.
  let targetWords = 0;
  let referenceWords = 0;
  EVENTS.forEach((_, k) => {
    targetWords += readDocument(article(`t${k}`, targetText(k))).wordCount;
  });
  for (const [k, text] of REFERENCE.entries())
    referenceWords += readDocument(article(`r${k}`, text)).wordCount;
  t.is(c.g2.toFixed(6), logLikelihood(6, 0, targetWords, referenceWords).toFixed(6));
  t.is(c.logRatio.toFixed(6), logRatio(6, 0, targetWords, referenceWords).toFixed(6));
  // "regime" alone is also over-used, but the reference has it once.
  const regime = find(candidates, 'regime');
  t.is(regime?.countReference, 1);
});

test('mine: candidates are ranked by G2, and ranks count from 1', (t) => {
  const { candidates } = mine({});
  t.true(candidates.length > 3);
  candidates.forEach((c, i) => {
    t.is(c.rank, i + 1);
    if (i > 0) t.true((candidates[i - 1] as Candidate).g2 >= c.g2);
  });
});

test('mine: names, topic nouns and one-story candidates are excluded, with their reason when kept', (t) => {
  const { candidates } = mine({});
  t.is(find(candidates, 'arthur pendleworth'), undefined, 'a name is not a candidate');
  t.is(find(candidates, 'turbine'), undefined, 'a bursty noun of one event is not a candidate');
  t.is(find(candidates, 'glorious harvest'), undefined, 'a phrase of one event is not a candidate');
  const all = mine({ keepExcluded: true }).candidates;
  t.is(find(all, 'arthur pendleworth')?.excluded, 'name');
  t.is(find(all, 'turbine')?.excluded, 'topic-noun');
  t.is(find(all, 'turbine')?.burstiness, 3);
  t.is(find(all, 'glorious harvest')?.excluded, 'few-values');
  t.is(find(all, 'glorious harvest')?.topValue, 'b');
  // With a lower bar for values, one value holding all of a candidate's articles still excludes it.
  const lenient = mine({ keepExcluded: true, minValues: 1 }).candidates;
  t.is(find(lenient, 'glorious harvest')?.excluded, 'one-value');
  // Without values there is no dispersion filter: the one-story phrase is kept.
  t.is(find(mine({}, false).candidates, 'glorious harvest')?.excluded, '');
});

test('mine: no candidate spans a number, a date or punctuation, or ends on a function word', (t) => {
  const { candidates } = mine({ keepExcluded: true, minLogRatio: -100 });
  for (const c of candidates) {
    t.false(/\d|march/.test(c.candidate), `${c.candidate} holds a number or a date`);
    t.false(/ (the|of|and|to|its)$/.test(c.candidate), `${c.candidate} ends on a function word`);
  }
  t.truthy(find(candidates, 'regime and its plan'));
  t.is(find(candidates, 'regime and'), undefined);
});

test('mine: concordance lines come from different articles, preferring different values', (t) => {
  const c = find(mine({}).candidates, 'so call regime');
  t.is(c?.kwic.length, 3);
  const ids = (c?.kwic ?? []).map((l) => l.split(':')[0]);
  t.deepEqual(ids, ['t0', 't2', 't4'], 'one line from each event first');
  t.regex(c?.kwic[0] ?? '', /^t0: .*about the \| so-called regime \| and its plans/);
});

test('mine: only n-grams up to maxN words are counted', (t) => {
  const { candidates } = mine({ maxN: 2 });
  t.true(candidates.every((c) => c.n <= 2));
  t.truthy(find(candidates, 'so call'));
});

// ---------------------------------------------------------------------------------------------
// The command

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-mine-'));

function corpusFile(dir: string): string {
  const lines = [
    ...EVENTS.map((e, k) => ({ id: `t${k}`, text: targetText(k), side: 'state', event: e })),
    ...REFERENCE.map((text, k) => ({ id: `r${k}`, text, side: 'other', event: 'ref' })),
  ];
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return file;
}

const run = runCli;

const rows = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

test('lexicon mine: --target picks the target by a metadata column and writes the CSV', async (t) => {
  const dir = tmp();
  const out = join(dir, 'candidates.csv');
  const r = await run([
    'lexicon',
    'mine',
    corpusFile(dir),
    '--target',
    'side=state',
    '--disperse-by',
    'event',
    '--min-docs',
    '2',
    '--min-g2',
    '0',
    '--out',
    out,
  ]);
  t.is(r.code, 0, r.err);
  const table = rows(readFileSync(out, 'utf8'));
  const row = table.find((x) => x.candidate === 'so call regime');
  t.is(row?.form, 'so-called regime');
  t.is(row?.count_target, '6');
  t.is(row?.docs_reference, '0');
  t.is(row?.values_target, '3');
  t.truthy(row?.kwic_3);
  t.false(table.some((x) => x.candidate === 'turbine'));
  t.regex(r.err, /6 target articles .* 6 reference articles/);
});

test('lexicon mine: two inputs are the target and the reference', async (t) => {
  const dir = tmp();
  const target = join(dir, 'target.jsonl');
  const reference = join(dir, 'reference.jsonl');
  writeFileSync(
    target,
    EVENTS.map((e, k) => JSON.stringify({ id: `t${k}`, text: targetText(k), event: e })).join('\n'),
  );
  writeFileSync(reference, REFERENCE.map((text, k) => JSON.stringify({ id: `r${k}`, text })).join('\n'));
  const r = await run([
    'lexicon',
    'mine',
    target,
    reference,
    '--min-docs',
    '2',
    '--min-g2',
    '0',
    '--kwic',
    '1',
  ]);
  t.is(r.code, 0, r.err);
  const table = rows(r.out);
  t.is(table.find((x) => x.candidate === 'so call regime')?.count_target, '6');
  t.false('kwic_2' in (table[0] ?? {}), 'one concordance column for --kwic 1');
});

test('lexicon mine: usage errors exit 2 and say what is wrong', async (t) => {
  const dir = tmp();
  const file = corpusFile(dir);
  const noTarget = await run(['lexicon', 'mine', file]);
  t.is(noTarget.code, 2);
  t.regex(noTarget.err, /--target/);
  const badSelector = await run(['lexicon', 'mine', file, '--target', 'side']);
  t.is(badSelector.code, 2);
  t.regex(badSelector.err, /column=value/);
  const nobody = await run(['lexicon', 'mine', file, '--target', 'side=nobody']);
  t.is(nobody.code, 2);
  t.regex(nobody.err, /0 target/);
  const badNumber = await run(['lexicon', 'mine', file, '--target', 'side=state', '--min-docs', 'many']);
  t.is(badNumber.code, 2);
  t.regex(badNumber.err, /--min-docs/);
});

test('lexicon mine --help lists the options', async (t) => {
  const r = await run(['lexicon', 'mine', '--help']);
  t.is(r.code, 0);
  for (const option of [
    '--target',
    '--reference',
    '--where',
    '--disperse-by',
    '--min-docs',
    '--max-burstiness',
    '--kwic',
  ])
    t.true(r.out.includes(option), option);
});
