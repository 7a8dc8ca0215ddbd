import test from 'ava';
import {
  articleKeynessOf,
  benjaminiHochberg,
  chiSquare1PValue,
  logLikelihood,
} from '../src/compare/keyness.ts';
import type { TermCounts } from '../src/compare/summary.ts';

test('the p-value of G2 is the chi-square tail with one degree of freedom', (t) => {
  // Critical values of chi-square with 1 d.f. (any statistics table).
  for (const [g2, p] of [
    [3.841459, 0.05],
    [6.634897, 0.01],
    [10.827566, 0.001],
  ] as const)
    t.true(Math.abs(chiSquare1PValue(g2) - p) / p < 1e-5, `${g2} -> ${chiSquare1PValue(g2)}`);
  t.is(chiSquare1PValue(0), 1);
});

test('Benjamini-Hochberg adjusts as R p.adjust(method = "BH") does', (t) => {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") in R: 0.025 0.05 0.05 0.025 0.5
  const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
  [0.025, 0.05, 0.05, 0.025, 0.5].forEach((x, i) => t.true(Math.abs((adjusted[i] as number) - x) < 1e-12));
  t.deepEqual(benjaminiHochberg([]), []);
});

/** The term counts of one invented text, stop words and all (keyness reads counts, not text). */
function counts(words: Record<string, number>): TermCounts {
  const keys = Object.keys(words).sort();
  const values = keys.map((k) => words[k] as number);
  return { keys, counts: Int32Array.from(values), total: values.reduce((a, b) => a + b, 0) };
}

test('a distinctive word occurs at least 5 times and passes after the correction; its row says both p-values', (t) => {
  const filler = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`w${i}`, 3]));
  const texts = [
    // "harbour" 4 times, never elsewhere: a large G2, but too rare to test.
    counts({ ...filler, harbour: 4, quota: 12 }),
    counts({ ...filler, pier: 1 }),
    counts({ ...filler, pier: 1 }),
  ];
  const rows = articleKeynessOf(
    'g',
    texts.length,
    (k) => `a${k}`,
    (k) => texts[k] as TermCounts,
  );
  const terms = rows.filter((r) => r.target === 'a0').map((r) => r.term);
  t.deepEqual(terms, ['quota']);
  const [a0, a1, a2] = texts as [TermCounts, TermCounts, TermCounts];
  t.true(logLikelihood(4, 0, a0.total, a1.total + a2.total) > 3.84, 'harbour would pass G2 >= 3.84 alone');
  const quota = rows.find((r) => r.term === 'quota');
  t.truthy(quota);
  t.true((quota?.pAdjusted as number) >= (quota?.pValue as number));
  t.true((quota?.pAdjusted as number) < 0.05);
});

test('a word significant on its own but not after adjusting over every word tested is not listed', (t) => {
  // 60 words each a little over-used in the target (p about 0.02 each): the false discovery rate
  // over 60 tests leaves none.
  const target: Record<string, number> = {};
  const rest: Record<string, number> = {};
  for (let i = 0; i < 60; i++) {
    target[`t${i}`] = 9;
    rest[`t${i}`] = 6;
  }
  for (let i = 0; i < 300; i++) {
    target[`f${i}`] = 5;
    rest[`f${i}`] = 12;
  }
  const texts = [counts(target), counts(rest)];
  const single = chiSquare1PValue(
    logLikelihood(9, 6, (texts[0] as TermCounts).total, (texts[1] as TermCounts).total),
  );
  t.true(single < 0.05, `each word alone: p = ${single}`);
  const rows = articleKeynessOf(
    'g',
    2,
    (k) => `a${k}`,
    (k) => texts[k] as TermCounts,
  );
  t.deepEqual(
    rows.filter((r) => r.target === 'a0' && r.term.startsWith('t')),
    [],
  );
});
