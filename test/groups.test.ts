import test from 'ava';
import { figureStats, groupFigures, groupFiguresTable, mulberry32, quantile } from '../src/figures/groups.ts';

test('quantile interpolates like R type 7', (t) => {
  t.is(quantile([1, 2, 3, 4], 0.5), 2.5);
  t.is(quantile([1, 2, 3, 4], 0), 1);
  t.is(quantile([1, 2, 3, 4], 1), 4);
});

test('the seeded PRNG repeats and the bootstrap intervals are deterministic and bracket the estimate', (t) => {
  const r1 = mulberry32(7);
  const r2 = mulberry32(7);
  t.deepEqual([r1(), r1(), r1()], [r2(), r2(), r2()]);
  const values = [1, 4, 2, 8, 5, 7, 3, 6, 9, 2];
  const a = figureStats(values);
  const b = figureStats(values);
  t.deepEqual(a, b);
  t.is(a.mean, 4.7);
  t.is(a.median, 4.5);
  t.true((a.meanLow as number) < 4.7 && 4.7 < (a.meanHigh as number));
  t.true((a.medianLow as number) <= 4.5 && 4.5 <= (a.medianHigh as number));
  // A constant sample has a zero-width interval.
  const c = figureStats([3, 3, 3]);
  t.deepEqual([c.meanLow, c.meanHigh], [3, 3]);
});

test('groupFigures counts articles per value and skips null figures', (t) => {
  const groups = groupFigures(
    [
      { metadata: { outlet: 'B' }, figures: { rate: 2, share: null } },
      { metadata: { outlet: 'A' }, figures: { rate: 1, share: 0.5 } },
      { metadata: { outlet: 'A' }, figures: { rate: 3, share: null } },
      { metadata: {}, figures: { rate: 5, share: 1 } },
    ],
    'outlet',
    { resamples: 200, seed: 1, level: 0.95 },
  );
  t.deepEqual(
    groups.map((g) => [
      g.value,
      g.articles,
      g.figures['rate']?.n,
      g.figures['rate']?.mean,
      g.figures['share']?.n,
    ]),
    [
      ['(none)', 1, 1, 5, 1],
      ['A', 2, 2, 2, 1],
      ['B', 1, 1, 2, 0],
    ],
  );
  const table = groupFiguresTable(groups, 'outlet');
  t.deepEqual(table.header.slice(0, 5), ['outlet', 'articles', 'rate_n', 'rate_mean', 'rate_mean_ci_low']);
  t.is(table.rows.length, 3);
  t.is(table.rows[2]?.[table.header.indexOf('share_mean')], null);
});
