import test from 'ava';
import { agreeAfterRounding, findDiscrepancies, isSpellingVariant } from '../src/compare/discrepancies.ts';
import { loadEventKinds } from '../src/compare/eventKinds.ts';
import { type AmountFact, findAmounts, findDates } from '../src/compare/facts.ts';
import { clusterByText, groupAll, groupByColumn } from '../src/compare/grouping.ts';
import { compareCorpus } from '../src/compare/index.ts';
import { logLikelihood, logRatio } from '../src/compare/keyness.ts';
import { candidateProbability, estimatedJaccard, minhashSignature } from '../src/compare/minhash.ts';
import { findReuse } from '../src/compare/reuse.ts';
import { type ArticleSummary, summarizeForComparison } from '../src/compare/summary.ts';
import { comparisonMarkdown, discrepancyTable, reuseTable } from '../src/report/sections/comparison.ts';
import { readDocument } from '../src/text/document.ts';

const eventKinds = loadEventKinds();

function doc(id: string, text: string, metadata: Record<string, string> = {}) {
  return readDocument({ id, text, metadata, source: { file: `${id}.txt`, format: 'txt' } });
}

function summary(id: string, text: string, metadata: Record<string, string> = {}): ArticleSummary {
  return summarizeForComparison(doc(id, text, metadata), [], [], {}, { eventKinds });
}

// Invented articles about invented events.
const HARBOUR = [
  'The harbour authority of Velmora opened a new container terminal on Tuesday after four years of construction.',
  'Engineers dredged the northern channel so that larger freighters can dock beside the warehouses.',
  'The port director said the terminal would double the volume of grain shipped through the bay.',
  'Fishermen complained that the dredging had muddied the water near their traditional mooring grounds.',
  'The regional council promised compensation payments to the fishing cooperatives before the summer season.',
  'Shipping companies announced three new weekly routes connecting Velmora with southern ports.',
];
const HARBOUR_REWRITE = [
  'On Tuesday the Velmora harbour authority inaugurated a container terminal that took four years to construct.',
  'The northern channel was dredged by engineers so larger freighters could dock next to the warehouses.',
  'According to the port director, grain volume shipped through the bay will double thanks to the terminal.',
  'Dredging muddied the water near traditional mooring grounds, fishermen complained.',
  'Compensation payments for fishing cooperatives were promised by the regional council ahead of summer.',
  'Three new weekly routes linking Velmora to southern ports were announced by shipping companies.',
];
const ORCHARD = [
  'A late frost damaged apple orchards across the Tarsel valley last week, growers reported.',
  'Blossoms turned brown overnight when temperatures fell below freezing for six hours.',
  'Cooperative managers expect the harvest to shrink by a third compared with the previous autumn.',
  'Insurance assessors began visiting farms on Monday to estimate the losses tree by tree.',
  'Some growers lit smudge pots and ran wind machines, which saved the orchards on higher slopes.',
  'The agriculture ministry is considering emergency loans for families who lost most of their crop.',
];

test('MinHash estimates Jaccard and LSH candidate probability follows 1-(1-J^r)^b', (t) => {
  const a = Array.from({ length: 400 }, (_, i) => i * 7919);
  const b = [...a.slice(0, 300), ...Array.from({ length: 100 }, (_, i) => 10_000_000 + i)];
  // True Jaccard: 300 / 500 = 0.6.
  const est = estimatedJaccard(minhashSignature(a), minhashSignature(b));
  t.true(Math.abs(est - 0.6) < 0.15, `estimate ${est}`);
  t.true(candidateProbability(0.4, { bands: 42, rows: 3 }) > 0.9);
  t.true(candidateProbability(0.05, { bands: 42, rows: 3 }) < 0.01);
});

test('a sentence-by-sentence rewrite is a rewrite pair with aligned passages; an unrelated article is not', (t) => {
  const texts = new Map([
    ['a', HARBOUR.join('\n')],
    ['b', HARBOUR_REWRITE.join('\n')],
    ['c', ORCHARD.join('\n')],
  ]);
  const summaries = [...texts].map(([id, text]) => summary(id, text));
  const reuse = findReuse(summaries, groupAll(summaries), undefined, (id) => texts.get(id));
  t.is(reuse.pairs.length, 1);
  const pair = reuse.pairs[0];
  t.truthy(pair);
  if (!pair) return;
  t.deepEqual([pair.a, pair.b, pair.kind], ['a', 'b', 'rewrite']);
  t.true(pair.sharedShareA >= 0.4 && pair.sharedShareB >= 0.4);
  t.true(pair.passages.length >= 1);
  const first = pair.passages[0];
  if (!first) return;
  // The passage text is the article's text at the passage span, and its line:column is right.
  t.is(first.a.text, (texts.get('a') as string).slice(first.a.start, first.a.end));
  t.is(first.a.line, 1);
  t.true(first.b.text.includes('Velmora harbour authority'));
});

test('a copy with one sentence added is a copy; an exact copy is a duplicate', (t) => {
  const summaries = [
    summary('a', HARBOUR.join('\n')),
    summary('b', [...HARBOUR, 'Local bakers sold commemorative bread shaped like cargo cranes.'].join('\n')),
    summary('c', ORCHARD.join('\n')),
    summary('d', HARBOUR.join('\n')),
  ];
  const reuse = findReuse(summaries, null);
  t.deepEqual(
    reuse.pairs.map((p) => [p.a, p.b, p.kind]),
    [
      ['a', 'd', 'duplicate'],
      ['a', 'b', 'copy'],
    ],
  );
  t.is(reuse.pairs[1]?.containmentA, 1);
});

test('text clustering separates two stories and groupByColumn uses the column', (t) => {
  const summaries = [
    summary('h1', HARBOUR.join('\n')),
    summary('o1', ORCHARD.join('\n')),
    summary('h2', HARBOUR_REWRITE.join('\n')),
    summary('o2', [...ORCHARD].reverse().join('\n')),
  ];
  const grouping = clusterByText(summaries);
  t.deepEqual(
    grouping.groups.map((g) => g.members.map((m) => summaries[m]?.id)),
    [
      ['h1', 'h2'],
      ['o1', 'o2'],
    ],
  );
  const byColumn = groupByColumn(
    [summary('x', 'One.', { event: 'e1' }), summary('y', 'Two.', { event: 'e1' }), summary('z', 'Three.')],
    'event',
  );
  t.deepEqual(
    byColumn.groups.map((g) => [g.id, g.members]),
    [
      ['e1', [0, 1]],
      ['(no event) z', [2]],
    ],
  );
});

test('dates are read in their common forms, and the event date skips a deadline', (t) => {
  const d = doc(
    'd',
    'The treaty is due to expire on Feb. 5, 2031.\nOn Feb 3rd the two ministers held talks in Ostrel. A second round is planned for 12 March 2031.',
  );
  const dates = findDates(d);
  t.deepEqual(
    dates.map((x) => [x.text, x.month, x.day, x.year, x.role]),
    [
      ['Feb. 5, 2031', 2, 5, 2031, 'other'],
      ['Feb 3rd', 2, 3, null, 'event'],
      ['12 March 2031', 3, 12, 2031, 'other'],
    ],
  );
  const first = dates[0];
  if (first) t.is(d.text.slice(first.span.start, first.span.end), first.text);
});

test('amounts carry unit, scale, precision and context; rounding decides precision vs conflict', (t) => {
  const amounts = findAmounts(
    doc(
      'a',
      'Exports reached $41.25 billion in 2030, and the meeting lasted about 45 minutes. Support stood at 43%.',
    ),
  );
  t.deepEqual(
    amounts.map((a) => [a.text, a.unit, a.value, a.decimals, a.year, a.approximate]),
    [
      ['$41.25 billion', 'USD', 41.25e9, 2, 2030, false],
      ['about 45 minutes', 'minute', 45, 0, null, true],
      ['43%', 'percent', 43, 0, null, false],
    ],
  );
  t.true(amounts[0]?.context.includes('reach'));
  const money = (mantissa: number, decimals: number): AmountFact => ({
    ...(amounts[0] as AmountFact),
    mantissa,
    decimals,
    value: mantissa * 1e9,
  });
  t.true(agreeAfterRounding(money(41.3, 1), money(41.25, 2)));
  t.false(agreeAfterRounding(money(41.1, 1), money(41.25, 2)));
});

test('spelling variants: same sound and few edits, not different names', (t) => {
  t.true(isSpellingVariant('berendt', 'berent'));
  t.false(isSpellingVariant('berendt', 'bergman'));
  t.false(isSpellingVariant('varga', 'varga'));
});

test('discrepancies in a group of invented articles are lined up and classified', (t) => {
  const a = summary(
    'a',
    'On March 3, 2031, President Alma Varga held a video call with Prime Minister Tomas Berendt.\nTrade between the two countries reached $41.2 billion in 2030, officials said.',
  );
  const b = summary(
    'b',
    'On March 5, 2031, President Alma Varga held a phone call with Prime Minister Tomas Berent.\nTrade between the two countries reached $41.23 billion in 2030, the ministry said.',
  );
  const c = summary(
    'c',
    'President Alma Varga met Prime Minister Tomas Berendt on March 3 in a virtual meeting with Berendt.\nBilateral trade reached $39.9 billion in 2030.',
  );
  const found = findDiscrepancies(groupAll([a, b, c]).groups[0] as never, [a, b, c]);
  const byField = (f: string) => found.filter((d) => d.field === f);
  const date = byField('event-date')[0];
  t.is(date?.class, 'conflict');
  t.deepEqual(
    date?.values.map((v) => [v.value, v.mentions.map((m) => m.article)]),
    [
      ['03-03', ['a', 'c']],
      ['03-05', ['b']],
    ],
  );
  t.true(date?.values[1]?.mentions[0]?.sentence.text.startsWith('On March 5, 2031'));
  const amount = byField('amount')[0];
  // 41.2 and 41.23 agree after rounding; 39.9 does not, so the slot is a conflict.
  t.is(amount?.class, 'conflict');
  t.is(amount?.values.length, 3);
  const name = byField('name')[0];
  t.is(name?.class, 'spelling-variant');
  t.deepEqual(
    name?.values.map((v) => v.value),
    ['berendt', 'berent'],
  );
  const kind = byField('event-kind')[0];
  t.is(kind?.class, 'alternative-description');
  t.is(kind?.subject, 'exchange with Berendt');
  t.deepEqual(
    kind?.values.map((v) => v.value),
    ['phone-call', 'video-call', 'virtual-meeting'],
  );
});

test('precision only: amounts that agree after rounding are not a conflict', (t) => {
  const a = summary('a', 'Trade between the two countries reached $41.2 billion in 2030, officials said.');
  const b = summary(
    'b',
    'Trade between the two countries reached $41.23 billion in 2030, the ministry said.',
  );
  const found = findDiscrepancies(groupAll([a, b]).groups[0] as never, [a, b]);
  t.deepEqual(
    found.map((d) => [d.field, d.class]),
    [['amount', 'precision']],
  );
});

test('log-likelihood and log ratio follow Rayson & Garside and Hardie', (t) => {
  // Same relative frequency: no keyness.
  t.true(Math.abs(logLikelihood(10, 100, 1000, 10000)) < 1e-9);
  t.is(logRatio(10, 100, 1000, 10000), 0);
  // Twice as frequent: log ratio 1; G2 by hand: E1 = 1000*30/11000, E2 = 10000*30/11000.
  const e1 = (1000 * 30) / 11000;
  const e2 = (10000 * 30) / 11000;
  t.true(
    Math.abs(logLikelihood(10, 20, 1000, 10000) - 2 * (10 * Math.log(10 / e1) + 20 * Math.log(20 / e2))) <
      1e-9,
  );
  t.true(Math.abs(logRatio(20, 100, 1000, 10000) - 1) < 1e-12);
  // Zero in the reference counts as 0.5.
  t.true(Math.abs(logRatio(4, 0, 100, 100) - 3) < 1e-12);
});

test('compareCorpus builds the report and CSV rows with spans and sentences', (t) => {
  const texts = new Map([
    ['a', `${HARBOUR.join('\n')}\nThe terminal opened on May 4, 2031 after talks with Mayor Ilse Korvan.`],
    [
      'b',
      `${HARBOUR_REWRITE.join('\n')}\nThe terminal opened on May 6, 2031 after talks with Mayor Ilse Korvan.`,
    ],
  ]);
  const summaries = [...texts].map(([id, text]) =>
    summary(id, text, { outlet: id === 'a' ? 'North' : 'South' }),
  );
  const comparison = compareCorpus(summaries, { all: true, textOf: (id) => texts.get(id) });
  const reuse = reuseTable(comparison);
  t.is(reuse.rows.length, 1);
  t.true(String(reuse.rows[0]?.[10]).includes('a@1:1'));
  const md = comparisonMarkdown(comparison);
  t.true(md.includes('## Group all (2 articles)'));
  t.true(md.includes('rewrite'));
  const table = discrepancyTable(comparison);
  t.true(table.header.includes('sentence'));
  for (const row of table.rows) {
    const id = String(row[6]);
    const start = Number(row[9]);
    const end = Number(row[10]);
    t.is((texts.get(id) as string).slice(start, end), String(row[11]));
  }
});
