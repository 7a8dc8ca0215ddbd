import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { collectingIo } from './helpers/io.ts';
import { repoRoot, sharedPath, sharedTest } from './helpers/shared.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'framescope-cli-'));
const readCsv = (p: string) =>
  Papa.parse<Record<string, string>>(readFileSync(p, 'utf8'), { header: true, skipEmptyLines: true }).data;

test('--help prints the commands and examples and does not load the NLP model', (t) => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'src/cli/bin.js'), '--help'], {
    encoding: 'utf8',
  });
  t.is(r.status, 0);
  t.regex(r.stdout, /framescope analyze reports\/example-corpus/);
  const probe = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "await import('./src/cli/main.ts').then(m => m.main(['--help'], {stdout(){}, stderr(){}, stderrIsTTY:false})); const loaded = Object.keys(await import('node:module').then(m => m.default._cache ?? {})).some(k => k.includes('wink-eng-lite-web-model')); console.log(loaded ? 'model' : 'no-model');",
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  t.is(probe.stdout.trim(), 'no-model', probe.stderr);
});

test('an unknown option or command exits 2 with a message naming it', async (t) => {
  const c = collectingIo();
  t.is(await main(['analyze', 'x', '--out', 'y', '--bogus'], c.io), 2);
  t.regex(c.err(), /bogus/);
  const d = collectingIo();
  t.is(await main(['frobnicate'], d.io), 2);
  t.regex(d.err(), /unknown command "frobnicate"/);
});

test('analyze writes one row per article and lists skipped inputs; data errors exit 1', async (t) => {
  const dir = tmp();
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeFileSync(
    join(corpus, 'a.txt'),
    'Accord Signed\n\nThe two sides signed the accord on Thursday. Officials said it was fair.',
  );
  writeFileSync(join(corpus, 'empty.txt'), '');
  writeFileSync(join(corpus, 'meta.csv'), 'file,outlet\na.txt,Northwire\nmissing.txt,Nobody\n');
  const out = join(dir, 'out');
  const c = collectingIo();
  const code = await main(
    ['analyze', corpus, '--metadata', join(corpus, 'meta.csv'), '--out', out, '--quiet'],
    c.io,
  );
  t.is(code, 1, 'an empty file is a data problem');
  const rows = readCsv(join(out, 'articles.csv'));
  t.deepEqual(
    rows.map((r) => [r['id'], r['status'], r['outlet']]),
    [
      ['a.txt', 'analysed', 'Northwire'],
      ['empty.txt', 'skipped', ''],
    ],
  );
  t.is(rows[0]!['title_found'], 'Accord Signed');
  const issues = readCsv(join(out, 'issues.csv')).map((r) => r['code']);
  t.true(issues.includes('input/empty-file'));
  t.true(issues.includes('metadata/unmatched-row'));
  t.true(existsSync(join(out, 'manifest.json')));
  t.regex(readFileSync(join(out, 'report.md'), 'utf8'), /Inputs skipped: 1/);
});

test('analyze never writes into a folder it did not write unless --force, and then never over its files', async (t) => {
  const dir = tmp();
  writeFileSync(join(dir, 'a.txt'), 'Some text. More text.');
  const out = join(dir, 'precious');
  mkdirSync(out);
  writeFileSync(join(out, 'thesis.docx'), 'years of work');
  const c = collectingIo();
  t.is(await main(['analyze', join(dir, 'a.txt'), '--out', out, '--quiet'], c.io), 2);
  t.regex(c.err(), /not written by framescope/);
  t.is(readFileSync(join(out, 'thesis.docx'), 'utf8'), 'years of work');
  // Forced, the outputs go beside the user's file, which stays and is named on stderr (issue 16, case 2).
  const forced = collectingIo();
  t.is(await main(['analyze', join(dir, 'a.txt'), '--out', out, '--quiet', '--force'], forced.io), 0);
  t.is(readFileSync(join(out, 'thesis.docx'), 'utf8'), 'years of work');
  t.true(existsSync(join(out, 'manifest.json')));
  t.regex(forced.err(), /kept 1 file .*thesis\.docx/);
  // A folder framescope wrote is written again without --force, the user's file still kept.
  t.is(await main(['analyze', join(dir, 'a.txt'), '--out', out, '--quiet'], collectingIo().io), 0);
  t.is(readFileSync(join(out, 'thesis.docx'), 'utf8'), 'years of work');
});

test('the same input gives byte-identical outputs apart from the manifest times', async (t) => {
  const dir = tmp();
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const input = join(repoRoot, 'reports', 'example-corpus');
  await main(
    ['analyze', input, '--metadata', join(input, 'metadata.csv'), '--out', a, '--quiet'],
    collectingIo().io,
  );
  await main(
    ['analyze', input, '--metadata', join(input, 'metadata.csv'), '--out', b, '--quiet'],
    collectingIo().io,
  );
  for (const f of ['articles.csv', 'structure.csv', 'issues.csv', 'report.md']) {
    t.is(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
  }
  const strip = (p: string) => readFileSync(p, 'utf8').replace(/"(started|ended)_at": "[^"]+"/g, '');
  t.is(strip(join(a, 'manifest.json')), strip(join(b, 'manifest.json')));
});

test('stdout stays clean: progress and the summary go to stderr', (t) => {
  const dir = tmp();
  const r = spawnSync(
    process.execPath,
    [join(repoRoot, 'src/cli/bin.js'), 'analyze', '-', '--out', join(dir, 'o')],
    {
      input: 'A piped article. It has two sentences.',
      encoding: 'utf8',
    },
  );
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, /1 articles analysed/);
});

sharedTest(['corpus', 'seeds'], 'seeds: five rows with the right titles and the furniture listed', (t) => {
  const out = join(tmp(), 'out');
  const seeds = sharedPath('corpus', 'seeds');
  execFileSync(process.execPath, [
    join(repoRoot, 'src/cli/bin.js'),
    'analyze',
    seeds,
    '--metadata',
    join(seeds, 'metadata.csv'),
    '--out',
    out,
    '--quiet',
  ]);
  const rows = readCsv(join(out, 'articles.csv'));
  t.is(rows.length, 5);
  t.regex(rows[0]!['title_found'] ?? '', /Poutine and Trump/);
  t.regex(rows[4]!['furniture'] ?? '', /navigation x2; repeated-headline/);
  // The metadata's byline column wins over the line read off the page, and says so.
  t.is(rows[2]!['byline_found'], 'Masuda Khatun');
  t.is(rows[2]!['byline_from'], 'metadata:byline');
  const structure = readCsv(join(out, 'structure.csv'));
  t.true(structure.some((r) => r['part'] === 'byline' && r['text'] === 'By Masuda Khatun'));
  t.true(structure.some((r) => r['furniture_kind'] === 'caption' && r['article']?.startsWith('002')));
});
