import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { bootstrapAuc, rocAuc, splitHalves } from '../src/curation/auc.ts';
import { type LabelledArticle, validatePacks } from '../src/curation/packs.ts';
import { readDocument } from '../src/text/document.ts';
import { runCli } from './helpers/io.ts';

test('rocAuc: the share of positive-negative pairs ranked right, ties counting one half', (t) => {
  t.is(rocAuc([3, 2, 1, 0], [true, true, false, false]), 1);
  t.is(rocAuc([0, 1, 2, 3], [true, true, false, false]), 0);
  // Pairs: (2,1) right, (2,2) tie, (0,1) wrong, (0,2) wrong -> 1.5 / 4.
  t.is(rocAuc([2, 0, 1, 2], [true, true, false, false]), 0.375);
  t.is(rocAuc([1, 2], [true, true]), null);
});

test('bootstrapAuc: seeded, reproducible, and around the figure', (t) => {
  const scores = Array.from({ length: 60 }, (_, i) => (i * 7919) % 61);
  const labels = scores.map((s, i) => s + (i % 3) * 10 > 35);
  const a = bootstrapAuc(scores, labels, 500, 7);
  const b = bootstrapAuc(scores, labels, 500, 7);
  t.deepEqual(a, b);
  const auc = rocAuc(scores, labels) as number;
  t.true((a?.low ?? 1) <= auc && auc <= (a?.high ?? 0));
  t.true((a?.low ?? 0) < (a?.high ?? 0));
  t.notDeepEqual(bootstrapAuc(scores, labels, 500, 8), a);
  // Every resample of a perfect ranking is perfect.
  t.deepEqual(bootstrapAuc([1, 2, 3, 4], [false, false, true, true], 200, 1), { low: 1, high: 1 });
});

test('splitHalves: stratified, and independent of the order of the items', (t) => {
  const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
  const labels = keys.map((_, i) => i % 4 === 0);
  const inA = splitHalves(keys, labels, 3);
  t.is(inA.filter((a, i) => a && labels[i]).length, 5);
  t.is(inA.filter((a, i) => a && !labels[i]).length, 15);
  const reversed = splitHalves([...keys].reverse(), [...labels].reverse(), 3).reverse();
  t.deepEqual(reversed, inA);
});

/**
 * Eight invented articles of ten words each: four in the class, four outside. Entry `formula`
 * fires in three articles of the class and none outside; `generic` in two of each; `silent` never.
 */
function invented(): LabelledArticle[] {
  const hits = [
    { formula: 1, generic: 1 },
    { formula: 2 },
    { formula: 1 },
    { generic: 1 },
    { generic: 1 },
    { generic: 2 },
    {},
    {},
  ];
  return hits.map((h, i) => ({
    id: `a${i}`,
    positive: i < 4,
    words: 10,
    hits: new Map(Object.entries(h).map(([k, v]) => [`p/${k}`, v])),
  }));
}
const ENTRIES = [
  { pack: 'p', id: 'formula', category: 'x.formula', weight: 1 },
  { pack: 'p', id: 'generic', category: 'x.generic', weight: 0.5 },
  { pack: 'p', id: 'silent', category: 'x.silent', weight: 1 },
];

test('validatePacks: per entry hits, precision, lift and the as-often-outside flag', (t) => {
  const v = validatePacks(invented(), ENTRIES, { resamples: 100, seed: 1 });
  t.is(v.nIn, 4);
  t.is(v.nOut, 4);
  const [formula, generic, silent] = v.entries;
  t.like(formula, { hitsIn: 4, hitsOut: 0, docsIn: 3, docsOut: 0, shareIn: 0.75, shareOut: 0, precision: 1 });
  t.is(formula?.lift, null, 'no lift when the entry never fires outside');
  t.is(formula?.liftSmoothed, 3.5 / 4.5 / (0.5 / 4.5));
  t.false(formula?.asOftenOutside);
  t.like(generic, {
    hitsIn: 2,
    hitsOut: 3,
    docsIn: 2,
    docsOut: 2,
    precision: 0.5,
    lift: 1,
    asOftenOutside: true,
  });
  t.like(silent, { docsIn: 0, docsOut: 0, precision: null, asOftenOutside: false });
});

test('validatePacks: the pack ROC-AUC of the weighted rate, with its interval', (t) => {
  const v = validatePacks(invented(), ENTRIES, { resamples: 300, seed: 1 });
  // Scores (Σ weight × hits / 10 words × 1000): in class 150, 200, 100, 50; outside 50, 100, 0, 0.
  // Pairs ranked right: 150 > all 4; 200 > all 4; 100 > 50,0,0 and ties 100; 50 > 0,0 and ties 50.
  const expected = (4 + 4 + 3.5 + 2.5) / 16;
  const pack = v.packs[0];
  t.is(pack?.pack, 'p');
  t.is(pack?.auc, expected);
  t.true((pack?.ci?.low ?? 1) <= expected && expected <= (pack?.ci?.high ?? 0));
  t.is(pack?.shareInWithHit, 1);
  t.is(pack?.shareOutWithHit, 0.5);
  t.is(v.packs.length, 1, 'no "all" row for one pack');
});

// ---------------------------------------------------------------------------------------------
// The command

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-validate-'));
const article = (id: string, text: string) => ({
  id,
  text,
  metadata: {},
  source: { file: id, format: 'txt' as const },
});
const PACK = `pack: test-formulae
kind: framing
version: 1.0.0
description: Invented formulae for the validate test.
licence: CC-BY-4.0
citation: none
entries:
  - id: glorious-formula
    category: invented.formula
    patterns:
      - glorious motherland
    rationale: Invented.
    evidence: Invented.
  - id: plain-word
    category: invented.plain
    patterns:
      - weather
    rationale: Invented.
    evidence: Invented.
`;

const TEXTS = [
  ['s1', 'true', 'The glorious motherland welcomed the visitors today, and the weather was fine.'],
  ['s2', 'true', 'Leaders praised the glorious motherland in a speech on the harbour.'],
  ['s3', 'true', 'Workers in the glorious motherland built a road across the plain.'],
  ['s4', 'true', 'The weather turned cold in the mountains overnight.'],
  ['o1', 'false', 'The weather was mild and the market opened higher.'],
  ['o2', 'false', 'A bakery opened on the corner of the old street.'],
  ['o3', 'false', 'The weather service warned of storms along the coast.'],
  ['o4', 'false', 'Students returned to school after the long holiday.'],
] as const;

function corpus(dir: string): { corpus: string; labels: string; pack: string } {
  const texts = TEXTS;
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, texts.map(([id, state, text]) => JSON.stringify({ id, text, state })).join('\n'));
  const labels = join(dir, 'labels.csv');
  writeFileSync(
    labels,
    `doc,outlet_type\n${texts.map(([id, state]) => `${id},${state === 'true' ? 'state' : 'other'}`).join('\n')}\n`,
  );
  const pack = join(dir, 'pack.yaml');
  writeFileSync(pack, PACK);
  return { corpus: file, labels, pack };
}

const run = runCli;

/** The options that read the invented labels file, with the class "state" and the pack alone. */
const labelsFile = (c: { labels: string }) => [
  '--labels',
  c.labels,
  '--labels-id',
  'doc',
  '--label-column',
  'outlet_type',
  '--positive',
  'state',
  '--no-builtin-lexicons',
  '--bootstrap',
  '200',
];
const rows = (csv: string) =>
  Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

test('lexicon validate: entries and packs from a labels file, written to --out', async (t) => {
  const dir = tmp();
  const c = corpus(dir);
  const out = join(dir, 'validation');
  const r = await run(['lexicon', 'validate', c.pack, '--corpus', c.corpus, ...labelsFile(c), '--out', out]);
  t.is(r.code, 0, r.err);
  const entries = rows(readFileSync(join(out, 'entries.csv'), 'utf8'));
  const formula = entries.find((e) => e.entry === 'glorious-formula');
  t.like(formula, { docs_in: '3', docs_out: '0', precision: '1', as_often_outside: 'FALSE' });
  const plain = entries.find((e) => e.entry === 'plain-word');
  t.like(plain, { docs_in: '2', docs_out: '2', lift: '1', as_often_outside: 'TRUE' });
  const packs = rows(readFileSync(join(out, 'packs.csv'), 'utf8'));
  t.is(packs.length, 1);
  t.is(packs[0]?.pack, 'test-formulae');
  // The figure from the formula, worked out here: (2 hits for s1, 1 for s2-s4, o1, o3) / words × 1000.
  const hitsOf = [2, 1, 1, 1, 1, 0, 1, 0];
  const rates = TEXTS.map(
    ([id, , text], i) => (1000 * (hitsOf[i] as number)) / readDocument(article(id, text)).wordCount,
  );
  const expected = rocAuc(
    rates,
    TEXTS.map(([, state]) => state === 'true'),
  ) as number;
  t.is(Number(packs[0]?.roc_auc), Number(expected.toFixed(4)));
  t.regex(r.out, /4 with label "state", 4 others/);
  t.regex(r.out, /fire as often outside the class: 1 of 2: test-formulae\/plain-word/);
  // Same seed, same interval.
  const again = await run(['lexicon', 'validate', c.pack, '--corpus', c.corpus, ...labelsFile(c)]);
  t.is(again.out.split('\n')[3], r.out.split('\n')[3]);
});

test('lexicon validate: labels from the corpus metadata, true-like labels as the class', async (t) => {
  const dir = tmp();
  const c = corpus(dir);
  const r = await run([
    'lexicon',
    'validate',
    c.pack,
    '--corpus',
    c.corpus,
    '--label-column',
    'state',
    '--no-builtin-lexicons',
    '--bootstrap',
    '50',
  ]);
  t.is(r.code, 0, r.err);
  t.regex(r.out, /4 with label "true", 4 others/);
});

test('lexicon validate: a built-in pack by id, matched with the other built-in packs', async (t) => {
  const dir = tmp();
  const c = corpus(dir);
  const r = await run([
    'lexicon',
    'validate',
    'ru-state-media',
    '--corpus',
    c.corpus,
    '--label-column',
    'state',
    '--bootstrap',
    '10',
  ]);
  t.is(r.code, 0, r.err);
  t.regex(r.out, /^ru-state-media {2}\d+ {2}0\.500/m, 'no entry fires: chance');
});

test('lexicon validate: usage errors name what is wrong', async (t) => {
  const dir = tmp();
  const c = corpus(dir);
  const noCorpus = await run(['lexicon', 'validate', c.pack]);
  t.is(noCorpus.code, 2);
  t.regex(noCorpus.err, /--corpus/);
  const badColumn = await run(['lexicon', 'validate', c.pack, '--corpus', c.corpus, '--labels', c.labels]);
  t.is(badColumn.code, 2);
  t.regex(badColumn.err, /labels\.csv:1: expected a column "id"/);
  const unknownPack = await run(['lexicon', 'validate', 'no-such-pack', '--corpus', c.corpus]);
  t.is(unknownPack.code, 2);
  t.regex(unknownPack.err, /neither a pack file nor a built-in pack/);
  const twoLabels = await run([
    'lexicon',
    'validate',
    c.pack,
    '--corpus',
    c.corpus,
    '--labels',
    c.labels,
    '--labels-id',
    'doc',
    '--label-column',
    'outlet_type',
    '--no-builtin-lexicons',
  ]);
  t.is(twoLabels.code, 2);
  t.regex(twoLabels.err, /--positive/);
});

test('lexicon validate --voice: quoted hits count 0 (authorial), ½ (carried, the default) or 1 (all)', async (t) => {
  const dir = tmp();
  const c = corpus(dir);
  const file = join(dir, 'voices.jsonl');
  const texts = [
    ['q1', 'true', 'The minister said: "The glorious motherland stands firm." Reporters left.'],
    ['q2', 'true', 'The glorious motherland opened a new bridge over the river.'],
    ['q3', 'false', 'A bakery opened on the corner of the old street.'],
    ['q4', 'false', 'Students returned to school after the long holiday.'],
  ];
  writeFileSync(file, texts.map(([id, state, text]) => JSON.stringify({ id, text, state })).join('\n'));
  const validate = (voice: string | null, ...more: string[]) =>
    run([
      'lexicon',
      'validate',
      c.pack,
      '--corpus',
      file,
      '--label-column',
      'state',
      ...(voice === null ? [] : ['--voice', voice]),
      ...more,
    ]);
  const hitsIn = async (voice: string | null) => {
    const out = join(dir, `by-${voice ?? 'default'}`);
    const r = await validate(voice, '--no-builtin-lexicons', '--bootstrap', '10', '--out', out);
    t.is(r.code, 0, r.err);
    return rows(readFileSync(join(out, 'entries.csv'), 'utf8')).find((e) => e.entry === 'glorious-formula')
      ?.hits_in;
  };
  t.is(await hitsIn('authorial'), '1');
  t.is(await hitsIn('carried'), '1.5');
  t.is(await hitsIn('all'), '2');
  t.is(await hitsIn(null), '1.5', 'by default as index_state_media counts: carried words at ½');
  const bad = await validate('constructor');
  t.is(bad.code, 2);
});

test('lexicon validate --help lists the options', async (t) => {
  const r = await run(['lexicon', 'validate', '--help']);
  t.is(r.code, 0);
  for (const option of [
    '--corpus',
    '--labels',
    '--label-column',
    '--positive',
    '--voice',
    '--bootstrap',
    '--seed',
  ])
    t.true(r.out.includes(option), option);
});
