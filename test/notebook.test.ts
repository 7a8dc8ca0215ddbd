import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { repoRoot } from './helpers/shared.ts';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/notebook-example.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });

const outlets = (csv: string) =>
  Papa.parse<string[]>(readFileSync(csv, 'utf8').trim(), { skipEmptyLines: true }).data;

test('the notebook example analyses reports/example-corpus, leaves out the reprint site, writes table and chart', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-notebook-'));
  const r = run(dir);
  t.is(r.status, 0, r.stderr);
  const metadata = Papa.parse<Record<string, string>>(
    readFileSync(join(repoRoot, 'reports/example-corpus/metadata.csv'), 'utf8'),
    {
      header: true,
      skipEmptyLines: true,
    },
  ).data;
  const expected = metadata
    .filter((m) => m['outlet_type'] !== 'reprint')
    .map((m) => m['outlet']!)
    .sort();
  const [header, ...rows] = outlets(join(dir, 'outlets.csv'));
  t.deepEqual(header, ['outlet', 'articles', 'scored_words', 'sentences', 'words_per_sentence']);
  t.deepEqual(
    rows.map((row) => row[0]),
    expected,
  );
  for (const row of rows) {
    const [, articles, words, sentences, perSentence] = row.map(Number);
    t.true(articles! >= 1 && words! > 50 && sentences! > 0, row.join());
    t.true(Math.abs(perSentence! - words! / sentences!) < 1e-4, row.join());
  }
  const svg = readFileSync(join(dir, 'sentence-length.svg'), 'utf8');
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  for (const outlet of expected) t.true(svg.includes(`>${outlet}<`), outlet);
  t.is(
    svg.match(/<rect [^>]*fill="url\(#fs-series-0\)"[^>]*><title>/g)?.length,
    expected.length,
    'one bar per outlet',
  );
  const tex = readFileSync(join(dir, 'outlets.tex'), 'utf8');
  t.regex(tex, /\\begin\{tabular\}\{lrrrr\}/);
  t.is(tex.match(/ \\\\\n/g)?.length, expected.length + 1, 'header and one row per outlet');
  t.regex(readFileSync(join(dir, 'outlets.md'), 'utf8'), /^\| outlet \| articles \|/);
});

test('the notebook example keeps only the outlets named with --outlet', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-notebook-'));
  const r = run(dir, '--outlet', 'VNA', '--outlet', 'RelayDaily');
  t.is(r.status, 0, r.stderr);
  t.deepEqual(
    outlets(join(dir, 'outlets.csv'))
      .slice(1)
      .map((row) => row[0]),
    ['RelayDaily', 'VNA'],
  );
  t.is(run().status, 2, 'no output folder: usage error');
});
