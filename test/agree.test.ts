import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Papa from 'papaparse';
import { cohensKappa } from '../src/agree/cohen.ts';
import { krippendorffAlpha } from '../src/agree/krippendorff.ts';
import { runAgree } from '../src/cli/agreeCommand.ts';
import { UsageError } from '../src/cli/io.ts';
import { collectingIo } from './helpers/io.ts';

const _ = null;
/** Units as rows from coders as rows (how the literature prints reliability data). */
const byUnit = (...coders: (number | null)[][]) => coders[0]!.map((_, u) => coders.map((c) => c[u] ?? null));

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers, 12 units,
// values 1-5, missing data (unit 12 has a single value and is not pairable).
const EXAMPLE_C = byUnit(
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
);
// Example A of the same paper: two observers, binary data, 10 units.
const EXAMPLE_A = byUnit([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);

const close = (actual: number | null, expected: number, digits = 3) =>
  actual !== null && Math.abs(actual - expected) < 0.5 * 10 ** -digits;

test("Krippendorff's published example C: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797", (t) => {
  const expected = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 } as const;
  for (const [level, alpha] of Object.entries(expected) as [keyof typeof expected, number][]) {
    const r = krippendorffAlpha(EXAMPLE_C, level);
    t.true(close(r.alpha, alpha), `${level}: ${r.alpha}`);
    t.is(r.pairableValues, 40, 'n.. = 40 pairable values in the paper');
    t.is(r.pairableUnits, 11);
    t.is(r.units, 12);
    t.is(r.coders, 4);
  }
});

test("Krippendorff's published example A (two coders, binary): alpha 0.095 with D_o and D_e by hand", (t) => {
  const r = krippendorffAlpha(EXAMPLE_A, 'nominal');
  t.true(close(r.alpha, 0.095), String(r.alpha));
  // 4 units disagree, each adds o_01 = o_10 = 1: D_o = 4 * 2 / 20. n_0 = 14, n_1 = 6.
  t.is(r.observedDisagreement, 8 / 20);
  t.true(Math.abs(r.expectedDisagreement - (2 * 14 * 6) / (20 * 19)) < 1e-12);
  t.deepEqual(r.coincidences, [
    [10, 4],
    [4, 2],
  ]);
});

test('alpha worked by hand: four units, two coders, one disagreement', (t) => {
  // Units (a,a) (a,b) (b,b) (b,b) with a=0 b=1: o_aa=2, o_ab=o_ba=1, o_bb=4; n_a=3, n_b=5, n=8.
  // D_o = 2/8; D_e = 2*3*5/(8*7); alpha = 1 - (1/4)/(30/56) = 8/15.
  const r = krippendorffAlpha(byUnit([0, 0, 1, 1], [0, 1, 1, 1]), 'nominal');
  t.true(Math.abs(r.alpha! - 8 / 15) < 1e-12, String(r.alpha));
  t.deepEqual(r.coincidences, [
    [2, 1],
    [1, 4],
  ]);
  // Interval on the same 0/1 data: delta^2 is 1 for every disagreement, so alpha is the same.
  t.true(Math.abs(krippendorffAlpha(byUnit([0, 0, 1, 1], [0, 1, 1, 1]), 'interval').alpha! - 8 / 15) < 1e-12);
  // Interval on counts: units (0,2) (2,2) (4,4): n=6, D_o = 2*4/6, D_e = 2*(0-2)^2*(1*3) + ... by hand:
  // values 0 (n=1), 2 (n=3), 4 (n=2); sum n_c n_k d^2 over c != k = 2*(1*3*4 + 1*2*16 + 3*2*4) = 136;
  // D_e = 136 / 30; alpha = 1 - (8/6) / (136/30) = 1 - 40/136.
  const counts = krippendorffAlpha(byUnit([0, 2, 4], [2, 2, 4]), 'interval');
  t.true(Math.abs(counts.alpha! - (1 - 40 / 136)) < 1e-12, String(counts.alpha));
});

test('alpha is undefined without variation or without pairs, and 1 on perfect agreement', (t) => {
  t.is(krippendorffAlpha(byUnit([1, 1, 1], [1, 1, 1])).alpha, null);
  t.is(krippendorffAlpha(byUnit([1, _, 2], [_, 3, _])).alpha, null);
  t.is(krippendorffAlpha(byUnit([0, 1, 2, _], [0, 1, 2, 7])).alpha, 1);
  t.throws(() => krippendorffAlpha(byUnit([1, -1], [1, 2]), 'ratio'), { message: /negative/ });
  t.throws(() => krippendorffAlpha([[Number.NaN, 1]]), { message: /finite numbers/ });
});

test("Cohen's kappa: a textbook 2x2 table worked by hand, and its edge cases", (t) => {
  // 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15. p_o = 35/50 = 0.7; rater A says yes
  // 25 times, rater B 30 times: p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
  const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
  const b = [
    ...Array(20).fill('yes'),
    ...Array(5).fill('no'),
    ...Array(10).fill('yes'),
    ...Array(15).fill('no'),
  ];
  const r = cohensKappa(a, b);
  t.is(r.pairs, 50);
  t.true(Math.abs(r.observedAgreement - 0.7) < 1e-12);
  t.true(Math.abs(r.expectedAgreement - 0.5) < 1e-12);
  t.true(Math.abs(r.kappa! - 0.4) < 1e-12, String(r.kappa));
  t.is(cohensKappa([1, 0, 1, null], [1, 0, 1, 0]).pairs, 3, 'a unit either rater left empty is left out');
  t.is(cohensKappa([1, 0, 1], [1, 0, 1]).kappa, 1);
  t.is(cohensKappa([1, 1], [1, 1]).kappa, null, 'p_e = 1: undefined');
  t.throws(() => cohensKappa([1], [1, 2]), { message: /two ratings per unit/ });
});

const readCsv = (p: string) =>
  Papa.parse<Record<string, string>>(readFileSync(p, 'utf8'), { header: true, skipEmptyLines: true }).data;

function resultsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-agree-'));
  writeFileSync(
    join(dir, 'articles.csv'),
    [
      'id,status,skip_reason,outlet,count_hedge,count_state_media,n_loaded',
      'a1,analysed,,X,2,0,1',
      'a2,analysed,,X,0,3,0',
      'a3,analysed,,Y,1,1,0',
      'a4,analysed,,Y,0,0,4',
      "'-odd,analysed,,Y,1,0,0",
      'gone,skipped,input/empty-file: empty,,,,',
    ].join('\r\n'),
  );
  return dir;
}

test('agree: one coder against framescope, presence level, values worked by hand', async (t) => {
  const dir = resultsDir();
  const coded = join(dir, 'coded.csv');
  writeFileSync(coded, 'article,hedge,state-media\na1,1,0\na2,0,yes\na3,0,1\na4,0,0\n');
  const c = collectingIo();
  t.is(await runAgree([coded, dir], c.io), 0, c.err());
  const rows = readCsv(join(dir, 'agreement.csv'));
  const hedge = rows.find((r) => r['category'] === 'hedge')!;
  // framescope presence 1,0,1,0 vs coder 1,0,0,0: kappa (3/4 - 1/2) / (1/2) = 0.5; alpha 8/15.
  t.is(hedge['comparison'], 'framescope vs coder');
  t.is(hedge['kappa'], '0.5');
  t.is(hedge['alpha'], '0.5333');
  t.is(hedge['units'], '4');
  t.is(hedge['pairable_values'], '8');
  t.is(hedge['framescope_column'], 'count_hedge');
  const state = rows.find((r) => r['category'] === 'state-media')!;
  t.is(state['framescope_column'], 'count_state_media', 'found in snake_case');
  t.is(state['alpha'], '1');
  const md = readFileSync(join(dir, 'agreement.md'), 'utf8');
  t.regex(md, /\| hedge \| framescope vs coder \| 0\.533 \| 0\.500 \| 4 \| 2 \|/);
  t.regex(md, /dichotomised to presence/);
});

test('agree: several coders, --map, --level count, --out, and the problems it lists', async (t) => {
  const dir = resultsDir();
  const out = join(dir, 'agreement-out');
  const coded = join(dir, 'coded.csv');
  writeFileSync(
    coded,
    [
      'id,coder,loaded,hedge',
      'a1,ann,1,2',
      'a1,ben,1,2',
      'a2,ann,0,0',
      'a2,ben,0,1',
      'a3,ann,0,1',
      'a3,ben,0,1',
      'a4,ann,3,0',
      'a4,ben,4,0',
      '-odd,ann,0,1',
      'missing,ann,1,1',
      'a4,ann,0,0',
      'gone,ben,maybe,0',
    ].join('\n'),
  );
  const c = collectingIo();
  const code = await runAgree(
    [coded, dir, '--map', 'loaded=n_loaded', '--level', 'count', '--out', out],
    c.io,
  );
  t.is(code, 1, 'data problems exit 1');
  const err = c.err();
  t.regex(err, /agree\/article-not-found.*"missing"/);
  t.regex(err, /agree\/article-skipped.*"gone"/);
  t.regex(err, /agree\/duplicate-row.*ann coded article "a4" twice/);
  t.regex(err, /agree\/bad-value.*"maybe"/);
  const rows = readCsv(join(out, 'agreement.csv'));
  const loaded = rows.filter((r) => r['category'] === 'loaded');
  t.deepEqual(
    loaded.map((r) => r['comparison']),
    ['framescope vs ann', 'framescope vs ben', 'framescope + coders', 'among coders'],
  );
  t.true(loaded.every((r) => r['alpha_metric'] === 'interval' && r['framescope_column'] === 'n_loaded'));
  t.is(loaded[2]!['n_raters'], '3');
  t.is(loaded[2]!['kappa'], '', 'kappa is for two raters only');
  // The "-odd" id is guarded with a quote in articles.csv and still matched: ann's row counts.
  t.is(loaded[0]!['units'], '7');
  t.is(loaded[0]!['pairable_units'], '5', 'a1 a2 a3 a4 -odd; "missing" has no framescope value');
  const among = loaded[3]!;
  t.is(among['raters'], 'ann; ben');
  t.not(among['kappa'], '', 'two coders: kappa among them');
});

test('agree: inputs it cannot use exit 2 or throw a usage error naming the problem', async (t) => {
  const dir = resultsDir();
  const coded = join(dir, 'coded.csv');
  writeFileSync(coded, 'name,hedge\na1,1\n');
  const c = collectingIo();
  t.is(await runAgree([coded, dir], c.io), 2);
  t.regex(c.err(), /expected an "article" or "id" column, found "name", "hedge"/);
  const d = collectingIo();
  t.is(await runAgree([coded, join(dir, 'nowhere')], d.io), 2);
  t.regex(d.err(), /articles\.csv not found/);
  await t.throwsAsync(runAgree([coded], collectingIo().io), {
    instanceOf: UsageError,
    message: /expected <coded.csv>/,
  });
  await t.throwsAsync(runAgree([coded, dir, '--level', 'ordinal'], collectingIo().io), {
    message: /presence or count/,
  });
  await t.throwsAsync(runAgree([coded, dir, '--map', 'hedge'], collectingIo().io), {
    message: /category=column/,
  });
});

test('agree: a category without a framescope column is compared among coders only, exit 1', async (t) => {
  const dir = resultsDir();
  const coded = join(dir, 'coded.csv');
  writeFileSync(coded, 'article,coder,irony\na1,ann,1\na1,ben,1\na2,ann,0\na2,ben,1\n');
  const c = collectingIo();
  t.is(await runAgree([coded, dir], c.io), 1);
  t.regex(c.err(), /no column for category "irony"/);
  const rows = readCsv(join(dir, 'agreement.csv'));
  t.deepEqual(
    rows.map((r) => r['comparison']),
    ['among coders'],
  );
});
