import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { main } from '../src/cli/main.ts';
import { displayNumber, displayPercent } from '../src/report/format.ts';
import { toLatex } from '../src/report/latexTables.ts';
import { markdownTable } from '../src/report/markdown.ts';
import { collectingIo } from './helpers/io.ts';

// What a reader sees first: comparison.md opens with the figures per outlet (mean and bootstrap
// interval, the numbers of groups_long.csv), groups of one article are listed rather than given
// sections, each article's story group is in articles.csv, and chart series say what they plot.

// Invented articles: three outlets, one story told three times and two stories told once.
const HARBOUR = [
  'The harbour authority of Velmora opened a new container terminal on Tuesday after four years of work.',
  '"The terminal will double the grain we ship," the port director Anja Rell said.',
  'Critics say the dredging muddied the water near the old mooring grounds.',
  'The regional council promised payments to the fishing cooperatives, officials said.',
].join('\n');
const ORCHARD =
  'A late frost damaged apple orchards across the Tarsel valley, growers reported. Blossoms turned brown overnight.';
const MINE =
  'The Kessel copper mine closed its eastern shaft after a flood, the operator said. Nobody was hurt.';
const ROWS = [
  ['h1', 'Gazette', 'harbour', HARBOUR],
  ['h2', 'Courier', 'harbour', `${HARBOUR}\nAnalysts say the terminal is overdue.`],
  ['h3', 'Herald', 'harbour', HARBOUR.replace('Tuesday', 'Wednesday')],
  ['o1', 'Gazette', 'orchard', ORCHARD],
  ['m1', 'Courier', 'mine', MINE],
];

const run = (async () => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-comparison-'));
  const input = join(dir, 'corpus.csv');
  writeFileSync(input, Papa.unparse({ fields: ['id', 'outlet', 'event', 'text'], data: ROWS }));
  const out = join(dir, 'out');
  const c = collectingIo();
  const code = await main(['analyze', input, '--out', out, '--quiet', '--latex'], c.io);
  return { code, err: c.err(), out };
})();

const read = (out: string, file: string) => readFileSync(join(out, file), 'utf8');
const csv = (out: string, file: string) =>
  Papa.parse<Record<string, string>>(read(out, file), { header: true, skipEmptyLines: true }).data;

test('comparison.md opens with the mean and bootstrap interval of each index per outlet, as groups_long.csv has them', async (t) => {
  const { code, err, out } = await run;
  t.is(code, 0, err);
  const md = read(out, 'comparison.md');
  const headings = md.split('\n').filter((l) => l.startsWith('## '));
  t.is(headings[0], '## Per outlet');
  t.regex(headings[1] ?? '', /^## Group harbour/);
  const long = csv(out, 'groups_long.csv');
  const stat = (group: string, figure: string) =>
    long.find((r) => r['group'] === group && r['figure'] === figure && r['statistic'] === 'mean');
  // The Gazette has two articles (h1, o1): its cell is the mean with its interval below.
  const gazette = stat('Gazette', 'index_evaluative_intensity');
  t.truthy(gazette?.['ci_low']);
  const cell = `${displayNumber(Number(gazette?.['value']))} \\[${displayNumber(Number(gazette?.['ci_low']))}, ${displayNumber(Number(gazette?.['ci_high']))}\\]`;
  const indexes = md.slice(md.indexOf('### Indexes'), md.indexOf('### Citation'));
  const row = indexes.split('\n').find((l) => l.startsWith('| Gazette | 2 |'));
  t.truthy(row, indexes);
  t.true(row?.includes(cell), `${row} lacks ${cell}`);
  // The citation table has the shares, with the same numbers.
  const citation = md.slice(md.indexOf('### Citation'), md.indexOf('## Group'));
  t.regex(citation, /\| outlet \| articles \| n\\_attributions \| share\\_direct \|/);
  t.is(citation.split('\n').filter((l) => /^\| (Courier|Gazette|Herald) \|/.test(l)).length, 3);
  // And so does tables/groups.tex.
  t.true(read(out, 'tables/groups.tex').includes(`[${displayNumber(Number(gazette?.['ci_low']))}, `));
});

test('groups_long.csv holds every statistic of groups.csv, one row each', async (t) => {
  const { out } = await run;
  const wide = csv(out, 'groups.csv');
  const long = csv(out, 'groups_long.csv');
  t.deepEqual(Object.keys(long[0] ?? {}), [
    'group',
    'figure',
    'statistic',
    'value',
    'ci_low',
    'ci_high',
    'n',
  ]);
  let compared = 0;
  for (const row of long) {
    const w = wide.find((r) => r['outlet'] === row['group']);
    const f = `${row['figure']}_${row['statistic']}`;
    t.is(row['value'], w?.[f], f);
    t.is(row['ci_low'], w?.[`${f}_ci_low`], f);
    t.is(row['ci_high'], w?.[`${f}_ci_high`], f);
    t.is(row['n'], w?.[`${row['figure']}_n`], f);
    compared++;
  }
  const figures = Object.keys(wide[0] ?? {}).filter((k) => k.endsWith('_median_ci_high')).length;
  t.is(compared, wide.length * figures * 2);
});

test("groups of one article are listed, not given sections; articles.csv names each article's story group", async (t) => {
  const { out } = await run;
  const md = read(out, 'comparison.md');
  t.notRegex(md, /## Group (orchard|mine)/);
  const alone = md.slice(md.indexOf('## Articles alone in their group (2)'));
  t.regex(alone, /\| orchard \| o1 \| Gazette \|/);
  t.regex(alone, /\| mine \| m1 \| Courier \|/);
  t.deepEqual(
    csv(out, 'articles.csv').map((r) => [r['id'], r['story_group']]),
    ROWS.map(([id, , event]) => [id, event]),
  );
});

test('the chart series say what they add up: the vague-attribution list is "attribution: vague"', async (t) => {
  const { out } = await run;
  const svg = read(out, 'charts/rates-by-outlet.svg');
  t.regex(svg, />attribution: vague</);
  t.notRegex(svg, />attribution</);
});

test('--digits sets the significant digits of the Markdown and LaTeX tables; percentages keep one decimal', (t) => {
  t.is(displayNumber(0.285714), '0.286');
  t.is(displayNumber(0.285714, 2), '0.29');
  t.is(displayNumber(60.423), '60.4');
  t.is(displayNumber(1234.5), '1235');
  t.is(displayNumber(344), '344');
  t.is(displayPercent(0.553488), '55.3%');
  t.true(markdownTable(['a', 'x'], [['r', 0.285714]], new Set([1]), 2).includes('| r | 0.29 |'));
  t.true(
    toLatex(['a', 'x'], [['r', 0.285714]], { numericColumns: [1], digits: 4 }).includes('r & 0.2857 \\\\'),
  );
});
