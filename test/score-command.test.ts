import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { cachedOrBuilt, lexiconsKey } from '../src/lexicon/compiledCache.ts';
import { loadBuiltinPacks } from '../src/lexicon/index.ts';
import { compileSelection } from '../src/lexicon/prepare.ts';
import type { PackSelection } from '../src/lexicon/select.ts';
import { compileLexicon } from '../src/match/index.ts';
import { collectingIo } from './helpers/io.ts';
import { repoRoot, sharedPath, sharedTest } from './helpers/shared.ts';

const EXAMPLE = join(repoRoot, 'reports', 'example-corpus');
const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-score-'));
// Compiled lexicons are cached in a folder of this test file's own, never the user's.
process.env.FRAMESCOPE_CACHE_DIR = tmp();
const parseCsv = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const readCsv = (path: string) => parseCsv(readFileSync(path, 'utf8'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = collectingIo();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** Hits per article, pack and category (and voice) as analyze's matches.csv lists them. */
function analyzeCounts(matchesCsv: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const m of readCsv(matchesCsv)) {
    const key = `${m.article}|${m.pack}|${m.category}`;
    add(key);
    add(`${key}|${m.voice}`);
  }
  return counts;
}

/** The same counts from a score CSV, zero cells left out so both sides list hits only. */
function scoreCounts(rows: readonly Record<string, string>[]): Map<string, number> {
  const counts = new Map<string, number>();
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && Number(value) > 0) counts.set(key, Number(value));
  };
  for (const r of rows) {
    const key = `${r.article}|${r.pack}|${r.category}`;
    put(key, r.count);
    for (const voice of ['authorial', 'attributed', 'quoted']) put(`${key}|${voice}`, r[`count_${voice}`]);
  }
  return counts;
}

function withoutVoice(counts: Map<string, number>): Map<string, number> {
  return new Map([...counts].filter(([k]) => k.split('|').length === 3));
}

/** Maps compare in key order: sorted, so that only keys and values count. */
const sorted = <V>(m: Map<string, V>) =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Runs analyze and score (lexical reading, and --voice) on one input and checks that score counts
 * exactly the hits analyze lists in matches.csv, category by category and voice by voice.
 */
async function checkHitsEqualAnalyze(t: ExecutionContext, input: string, extra: string[] = []) {
  const dir = tmp();
  const analyzed = await run([
    'analyze',
    input,
    '--out',
    join(dir, 'out'),
    '--quiet',
    '--jobs',
    '1',
    ...extra,
  ]);
  t.true(analyzed.code === 0 || analyzed.code === 1, analyzed.err);
  const expected = analyzeCounts(join(dir, 'out', 'matches.csv'));
  t.true(expected.size > 0, 'analyze found hits to compare with');

  // Two workers: the compiled lexicon crosses to them by structured clone.
  const lexical = await run([
    'score',
    input,
    '--out',
    join(dir, 'scores.csv'),
    '--jobs',
    '2',
    '--quiet',
    ...extra,
  ]);
  t.true(lexical.code === 0 || lexical.code === 1, lexical.err);
  t.deepEqual(sorted(scoreCounts(readCsv(join(dir, 'scores.csv')))), sorted(withoutVoice(expected)));

  const voiced = await run(['score', input, '--voice', '--jobs', '1', '--quiet', ...extra]);
  t.true(voiced.code === 0 || voiced.code === 1, voiced.err);
  t.deepEqual(sorted(scoreCounts(parseCsv(voiced.out))), sorted(expected));

  // Articles analysed are articles scored, with the same word counts.
  const articles = readCsv(join(dir, 'out', 'articles.csv')).filter((a) => a.status === 'analysed');
  const words = new Map(readCsv(join(dir, 'scores.csv')).map((r) => [r.article as string, r.word_count]));
  t.deepEqual(
    sorted(new Map(articles.map((a) => [a.id as string, a.word_count]))),
    sorted(words),
    'one word count per analysed article, the same as articles.csv',
  );
}

test('score writes every article x category in input order, categories sorted, the same for any --jobs', async (t) => {
  const dir = tmp();
  const one = await run(['score', EXAMPLE, '--jobs', '1', '--out', join(dir, 'one.csv'), '--quiet']);
  const two = await run(['score', EXAMPLE, '--jobs', '2', '--out', join(dir, 'two.csv'), '--quiet']);
  t.is(one.code, 0, one.err);
  t.is(two.code, 0, two.err);
  const bytes = readFileSync(join(dir, 'one.csv'), 'utf8');
  t.is(readFileSync(join(dir, 'two.csv'), 'utf8'), bytes, 'byte-identical whatever the number of workers');
  t.true(bytes.startsWith('article,pack,category,count,word_count\r\n'));

  const rows = parseCsv(bytes);
  const files = readdirSync(EXAMPLE)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort();
  const lexicon = compileLexicon(loadBuiltinPacks());
  const pairs = new Set(lexicon.entries.map((e) => `${e.pack.pack}|${e.entry.category}`));
  t.is(rows.length, files.length * pairs.size, 'one row per article and (pack, category)');
  t.deepEqual([...new Set(rows.map((r) => r.article))], files, 'articles in input order');
  const firstArticle = rows.filter((r) => r.article === files[0]).map((r) => `${r.pack}|${r.category}`);
  t.deepEqual(firstArticle, [...pairs].sort(), 'categories sorted by pack, then category');
  t.false(existsSync(`${join(dir, 'one.csv')}.partial-${process.pid}`), 'no temporary file left');

  const nonzero = await run(['score', EXAMPLE, '--nonzero', '--jobs', '1', '--quiet']);
  const kept = parseCsv(nonzero.out);
  t.true(kept.length > 0);
  t.true(kept.every((r) => Number(r.count) > 0));
  t.deepEqual(
    kept,
    rows.filter((r) => Number(r.count) > 0),
    '--nonzero keeps exactly the rows with hits, to standard output',
  );
});

test('score counts the hits analyze lists in matches.csv (example corpus)', async (t) => {
  await checkHitsEqualAnalyze(t, EXAMPLE);
});

sharedTest(['corpus', 'seeds'], 'score counts the hits analyze lists in matches.csv (seeds)', async (t) => {
  await checkHitsEqualAnalyze(t, sharedPath('corpus', 'seeds'));
});

sharedTest(
  ['data', 'bbc', 'bbc_news_2225.jsonl'],
  'score counts the hits analyze lists in matches.csv (150 BBC articles)',
  async (t) => {
    const dir = tmp();
    const sample = join(dir, 'bbc-150.jsonl');
    const lines = readFileSync(sharedPath('data', 'bbc', 'bbc_news_2225.jsonl'), 'utf8').split('\n');
    // Every 15th article, so that every section of the corpus is in the sample.
    writeFileSync(sample, `${lines.filter((l, i) => l.trim() !== '' && i % 15 === 0).join('\n')}\n`);
    await checkHitsEqualAnalyze(t, sample);
  },
);

test('skipped inputs are listed on stderr and in --issues, counted, and exit 1; good articles are scored', async (t) => {
  const dir = tmp();
  const corpus = join(dir, 'corpus.jsonl');
  writeFileSync(
    corpus,
    [
      JSON.stringify({
        id: 'good',
        text: 'Officials said the accord was fair. Critics claimed it was a disaster.',
      }),
      '{ this is not json',
      JSON.stringify({ id: 'no-text', body: 'The text is in the wrong field.' }),
      JSON.stringify({ id: 'blank', text: '   ' }),
      JSON.stringify({ id: 'huge', text: 'word '.repeat(400) }),
      JSON.stringify({ id: 'also-good', text: 'The minister reportedly denied the claims on Monday.' }),
    ].join('\n'),
  );
  const out = join(dir, 'scores.csv');
  const issues = join(dir, 'issues.csv');
  const r = await run([
    'score',
    corpus,
    '--out',
    out,
    '--issues',
    issues,
    '--max-bytes',
    '1000',
    '--jobs',
    '2',
  ]);
  t.is(r.code, 1, 'skipped inputs are data problems');
  for (const code of ['jsonl/bad-json', 'jsonl/missing-text', 'input/empty-text', 'input/too-large'])
    t.regex(r.err, new RegExp(code.replace('/', '\\/')), `${code} is on stderr`);
  t.regex(r.err, /2 articles scored .*, 4 skipped, 4 errors/);
  const listed = readCsv(issues);
  t.deepEqual(listed.map((i) => i.code).sort(), [
    'input/empty-text',
    'input/too-large',
    'jsonl/bad-json',
    'jsonl/missing-text',
  ]);
  t.deepEqual(
    listed.filter((i) => i.code !== 'jsonl/bad-json').map((i) => i.article),
    ['no-text', 'blank', 'huge'],
    'each skipped input names its article',
  );
  t.deepEqual([...new Set(readCsv(out).map((s) => s.article))], ['good', 'also-good']);

  const again = await run(['score', corpus, '--out', out, '--quiet']);
  t.is(again.code, 2, 'an existing output is not replaced without --force');
  t.regex(again.err, /exists; pass --force/);
});

/** A one-entry pack finding `word`, as YAML. */
const onePack = (word: string) =>
  [
    'pack: one-word',
    'kind: framing',
    'version: 1.0.0',
    'description: One entry.',
    'licence: CC0',
    'citation: none',
    'entries:',
    '  - id: the-word',
    '    category: test.word',
    `    patterns: [${word}]`,
    '    rationale: test',
    '    evidence: test',
  ].join('\n');

/** The packs of a selection as score prepares them: read back from the cache, else compiled and kept. */
async function prepareLexicon(selection: PackSelection, { cacheDir }: { cacheDir: string | null }) {
  const { value, hit } = await cachedOrBuilt(
    cacheDir,
    cacheDir === null ? null : lexiconsKey(selection),
    async () => compileSelection(selection),
  );
  return { ...value, cached: hit };
}

test('a compiled lexicon is read back from the cache until a pack file changes', async (t) => {
  const dir = tmp();
  const cacheDir = join(dir, 'cache');
  const pack = join(dir, 'pack.yaml');
  writeFileSync(pack, onePack('accord'));
  const selection = { lexicons: [pack], builtinLexicons: false };
  const first = await prepareLexicon(selection, { cacheDir });
  t.false(first.cached);
  const second = await prepareLexicon(selection, { cacheDir });
  t.true(second.cached, 'read back');
  t.deepEqual(
    second.lexicon.patterns.map((p) => [p.text, p.key, JSON.stringify(p.phrases)]),
    first.lexicon.patterns.map((p) => [p.text, p.key, JSON.stringify(p.phrases)]),
  );
  t.false(
    (await prepareLexicon({ ...selection, lexicons: [pack, pack] }, { cacheDir })).cached,
    'other options, another entry',
  );

  writeFileSync(pack, onePack('treaty'));
  const changed = await prepareLexicon(selection, { cacheDir });
  t.false(changed.cached, 'a changed pack file is compiled again');
  t.deepEqual(
    changed.lexicon.patterns.map((p) => p.text),
    ['treaty'],
  );
  t.false((await prepareLexicon(selection, { cacheDir: null })).cached, 'no folder, no cache');
});

test('score gives the same bytes with the cache, without it, and after a pack changes', async (t) => {
  const dir = tmp();
  const pack = join(dir, 'pack.yaml');
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a.txt'), 'The accord was signed. The treaty and the accord were praised.');
  writeFileSync(pack, onePack('accord'));
  const args = ['score', corpus, '--no-builtin-lexicons', '--lexicon', pack, '--jobs', '1', '--quiet'];
  const cold = await run(args);
  const warm = await run(args);
  const none = await run([...args, '--no-cache']);
  t.is(cold.code, 0, cold.err);
  t.is(warm.out, cold.out);
  t.is(none.out, cold.out);
  t.deepEqual(
    parseCsv(cold.out).map((r) => [r.category, r.count]),
    [['test.word', '2']],
  );
  writeFileSync(pack, onePack('treaty'));
  const changed = await run(args);
  t.deepEqual(
    parseCsv(changed.out).map((r) => [r.category, r.count]),
    [['test.word', '1']],
  );
});

test('a user pack with errors is reported and left out, the rest is counted', async (t) => {
  const dir = tmp();
  const pack = join(dir, 'broken.yaml');
  writeFileSync(
    pack,
    [
      'pack: broken-pack',
      'kind: framing',
      'version: 1.0.0',
      'description: A pack with one pattern that cannot compile.',
      'licence: CC0',
      'citation: none',
      'entries:',
      '  - id: accord',
      '    category: test.accord',
      '    patterns: [accord, "re:("]',
      '    rationale: test',
      '    evidence: test',
    ].join('\n'),
  );
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(join(corpus, 'a.txt'), 'The accord was signed. Officials said the accord was fair.');
  const r = await run(['score', corpus, '--lexicon', pack, '--jobs', '1', '--quiet']);
  t.is(r.code, 1);
  t.regex(r.err, /broken\.yaml:10: lexicon\/bad-syntax/);
  const rows = parseCsv(r.out);
  t.false(
    rows.some((row) => row.pack === 'broken-pack'),
    'the broken pack is left out, as analyze does',
  );
  t.true(
    rows.some((row) => row.pack === 'vague-attribution' && Number(row.count) > 0),
    'the built-in packs are still counted',
  );

  const none = await run(['score', corpus, '--no-builtin-lexicons', '--lexicon', pack, '--quiet']);
  t.is(none.code, 2, 'nothing left to match is a usage error');
  t.regex(none.err, /no lexicon pattern to match/);
});

test('score --help lists its options; an unknown option exits 2', async (t) => {
  const r = await run(['score', '--help']);
  t.is(r.code, 0);
  for (const option of ['--out', '--issues', '--lexicon', '--nonzero', '--voice', '--jobs'])
    t.true(r.out.includes(option), option);
  const bad = await run(['score', EXAMPLE, '--bogus']);
  t.is(bad.code, 2);
  t.regex(bad.err, /bogus/);
});
