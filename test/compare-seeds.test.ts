import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEventKinds } from '../src/compare/eventKinds.ts';
import { compareCorpus } from '../src/compare/index.ts';
import { type ArticleSummary, summarizeForComparison } from '../src/compare/summary.ts';
import { readDocument } from '../src/text/document.ts';
import { sharedPath, sharedTest } from './helpers/shared.ts';

/** Acceptance checks of issue 5 on the five seed articles, compared as one group. */

function seeds() {
  const dir = sharedPath('corpus', 'seeds');
  const eventKinds = loadEventKinds();
  const texts = new Map<string, string>();
  const summaries: ArticleSummary[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const id = file.slice(0, 3);
    const text = readFileSync(resolve(dir, file), 'utf8');
    texts.set(id, text);
    const doc = readDocument({ id, text, metadata: {}, source: { file, format: 'txt' } });
    summaries.push(summarizeForComparison(doc, [], [], {}, { eventKinds }));
  }
  return { texts, comparison: compareCorpus(summaries, { all: true, textOf: (id) => texts.get(id) }) };
}

sharedTest(['corpus', 'seeds'], 'seeds: 000 and 001 are the one rewrite pair, with aligned passages', (t) => {
  const { texts, comparison } = seeds();
  t.deepEqual(
    comparison.reuse.pairs.map((p) => [p.a, p.b, p.kind]),
    [['000', '001', 'rewrite']],
  );
  const pair = comparison.reuse.pairs[0];
  if (!pair) return;
  t.true(pair.passages.length >= 3, `${pair.passages.length} passages`);
  for (const p of pair.passages) {
    t.is(p.a.text, (texts.get('000') as string).slice(p.a.start, p.a.end));
    t.is(p.b.text, (texts.get('001') as string).slice(p.b.start, p.b.end));
    t.true(p.a.text.length > 0 && p.b.text.length > 0);
  }
  t.log(
    `000/001: similarity ${pair.similarity.toFixed(3)}, shares ${pair.sharedShareA.toFixed(2)}/${pair.sharedShareB.toFixed(2)}`,
  );
});

sharedTest(
  ['corpus', 'seeds'],
  'seeds: event dates Feb 4 (002, 003, 004), Feb 6 (000), Feb 7 (001) are a conflict',
  (t) => {
    const { comparison } = seeds();
    const dates = comparison.discrepancies.filter((d) => d.field === 'event-date');
    t.is(dates.length, 1);
    const d = dates[0];
    if (!d) return;
    t.is(d.class, 'conflict');
    t.deepEqual(
      d.values.map((v) => [v.value, v.mentions.map((m) => m.article)]),
      [
        ['02-04', ['002', '003', '004']],
        ['02-06', ['000']],
        ['02-07', ['001']],
      ],
    );
    for (const v of d.values)
      for (const m of v.mentions) {
        t.true(m.sentence.text.includes(m.text), `${m.article}: sentence holds "${m.text}"`);
        // 004's site date line and the treaty's expiry are not the event date.
        t.false(/Fri\.|expir|lapse/i.test(m.sentence.text), m.sentence.text);
      }
  },
);

sharedTest(['corpus', 'seeds'], 'seeds: "Poutine" is a spelling variant of "Putin"', (t) => {
  const { comparison } = seeds();
  const names = comparison.discrepancies.filter((d) => d.field === 'name');
  const putin = names.find((d) => d.subject === 'Putin');
  t.truthy(putin);
  t.is(putin?.class, 'spelling-variant');
  const poutine = putin?.values.find((v) => v.value === 'poutine');
  t.deepEqual(
    poutine?.mentions.map((m) => [m.article, m.text]),
    [['000', 'Poutine']],
  );
});

sharedTest(
  ['corpus', 'seeds'],
  'seeds: $228.1 billion vs $228.105 billion is precision, not a conflict',
  (t) => {
    const { comparison } = seeds();
    const trade = comparison.discrepancies.filter(
      (d) =>
        d.field === 'amount' && d.values.some((v) => v.mentions.some((m) => m.text === '$228.105 billion')),
    );
    t.is(trade.length, 1);
    t.is(trade[0]?.class, 'precision');
    t.deepEqual(
      trade[0]?.values.map((v) => v.mentions.map((m) => `${m.article} ${m.text}`)),
      [['000 $228.1 billion', '001 $228.1 billion'], ['002 $228.105 billion']],
    );
    t.false(comparison.discrepancies.some((d) => d.field === 'amount' && d.class === 'conflict'));
  },
);

sharedTest(['corpus', 'seeds'], 'seeds: the exchange with Putin has alternative descriptions', (t) => {
  const { comparison } = seeds();
  const putin = comparison.discrepancies.find(
    (d) => d.field === 'event-kind' && d.subject === 'exchange with Putin',
  );
  t.is(putin?.class, 'alternative-description');
  const used = new Map(putin?.values.map((v) => [v.value, [...new Set(v.mentions.map((m) => m.article))]]));
  t.deepEqual(used.get('phone-conversation'), ['001']);
  t.deepEqual(used.get('virtual-meeting'), ['002']);
  t.deepEqual(used.get('video-conference'), ['002']);
  t.deepEqual(used.get('video-call'), ['004']);
});
