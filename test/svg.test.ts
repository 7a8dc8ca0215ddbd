import test from 'ava';
import { barChartSvg, escapeXml, formatFixed, heatmapSvg } from '../src/report/svg.ts';

const nasty = 'loaded <b>"scare"</b> & \'quotes\' \u0007';

const bars = () =>
  barChartSvg({
    title: 'Rates & <ranks>',
    categories: ['hedge', nasty],
    series: [
      { label: 'wire', values: [1.5, 2], lower: [1, 1.2], upper: [2.25, 3] },
      { label: 'op-ed <x>', values: [0.333333, null] },
      { label: 'state', values: [-1, 4] },
    ],
    valueLabel: 'rate per 1,000 words',
  });

test('escapeXml escapes markup and drops characters XML cannot hold', (t) => {
  t.is(escapeXml(nasty), 'loaded &lt;b&gt;&quot;scare&quot;&lt;/b&gt; &amp; &apos;quotes&apos; ');
  t.is(escapeXml('a\uD800b'), 'a\uFFFDb');
  t.is(escapeXml('😀'), '😀');
  t.is(formatFixed(-0.0001, 2), '0.00');
  t.is(formatFixed(2, 2), '2.00');
});

test('bar chart: every label escaped, values printed with fixed decimals, self-contained', (t) => {
  const svg = bars();
  t.true(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.false(svg.includes('<b>'), 'no raw markup from a label');
  t.false(svg.includes('\u0007'));
  t.true(svg.includes('loaded &lt;b&gt;&quot;scare&quot;&lt;/b&gt; &amp;'));
  t.true(svg.includes('op-ed &lt;x&gt;'));
  t.true(svg.includes('Rates &amp; &lt;ranks&gt;'));
  for (const v of ['>1.50<', '>2.00<', '>0.33<', '>-1.00<', '>4.00<', '>n/a<']) t.true(svg.includes(v), v);
  t.true(svg.includes('>rate per 1,000 words<'));
  t.notRegex(
    svg,
    /<script|<image|<use|href=|@import|url\((?!#)/,
    'no script, image, link or external resource',
  );
  t.is(svg, bars(), 'deterministic');
});

test('bar chart: each series has its own hatching pattern, not only its own colour', (t) => {
  const svg = bars();
  const patterns = [...svg.matchAll(/<pattern id="fs-series-(\d)"[^>]*>(.*?)<\/pattern>/g)];
  t.is(patterns.length, 3);
  const shapes = patterns.map((p) => p[2]!.replace(/#[0-9A-Fa-f]{6}/g, ''));
  t.is(new Set(shapes).size, 3, 'the patterns differ with the colours taken out');
  t.regex(svg, /fill="url\(#fs-series-0\)"/);
  t.regex(svg, /fill="url\(#fs-series-2\)"/);
});

test('bar chart: error bars drawn where bounds are given, at the bounds', (t) => {
  const svg = bars();
  const errorBars = [...svg.matchAll(/<path d="M([\d.]+),[\d.]+ H([\d.]+) /g)];
  t.is(errorBars.length, 2, 'two intervals given, for the first series');
  t.true(svg.includes('<title>interval 1.00 to 2.25</title>'));
  for (const m of errorBars) t.true(Number(m[1]) < Number(m[2]));
});

test('bar chart: wrong lengths throw with what was expected', (t) => {
  t.throws(() => barChartSvg({ title: 't', categories: ['a', 'b'], series: [{ label: 's', values: [1] }] }), {
    message: /series "s": expected 2 values \(one per category\), found 1/,
  });
  t.throws(() => barChartSvg({ title: 't', categories: ['a'], series: [] }), {
    message: /at least one series/,
  });
});

test('heatmap: each cell prints its value, on a one-hue ramp whose lightness falls with the value', (t) => {
  const svg = heatmapSvg({
    title: 'Articles <by> categories',
    rows: ['a & 1', 'b'],
    columns: ['hedge', 'loaded "x"'],
    values: [
      [0, 5],
      [10, null],
    ],
  });
  for (const v of ['>0.00<', '>5.00<', '>10.00<', '>n/a<']) t.true(svg.includes(v), v);
  t.true(svg.includes('a &amp; 1'));
  t.true(svg.includes('loaded &quot;x&quot;'));
  const fills = [
    ...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})" stroke="#ffffff"><title>([^<]*)<\/title>/g),
  ].map((m) => ({ fill: m[1]!, cell: m[2]! }));
  t.is(fills.length, 3, 'three cells with values; the missing one is hatched');
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const by = (suffix: string) => luminance(fills.find((f) => f.cell.endsWith(suffix))!.fill);
  t.true(by(': 0.00') > by(': 5.00') && by(': 5.00') > by(': 10.00'));
  t.regex(svg, /fill="url\(#fs-missing\)"/);
  t.throws(() => heatmapSvg({ title: 't', rows: ['a'], columns: ['x', 'y'], values: [[1]] }), {
    message: /row "a": expected 2 values/,
  });
});
