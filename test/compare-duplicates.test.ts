import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { findDuplicates } from '../src/compare/duplicates.ts';
import { groupArticles } from '../src/compare/grouping.ts';
import { compareCorpus } from '../src/compare/index.ts';
import { findReuse } from '../src/compare/reuse.ts';
import { type ArticleSummary, summarizeForComparison } from '../src/compare/summary.ts';
import type { ArticleRecord } from '../src/report/articleRecord.ts';
import { comparisonMarkdown } from '../src/report/sections/comparison.ts';
import { FileArticleStore } from '../src/run/articleStore.ts';
import { readDocument } from '../src/text/document.ts';

// Invented articles about invented events.
const BRIDGE = [
  'Workers in Dunmarrow lifted the last steel span of the river bridge into place on Friday morning.',
  'The bridge will carry two tram lines and a cycle path between the old town and the eastern quarter.',
  'City engineers said the deck had to be lowered by forty centimetres after a survey of the river bed.',
  'Residents of the eastern quarter have waited eleven years for a crossing that avoids the ring road.',
].join('\n');
const BRIDGE_REWRITE = [
  'The final steel span of the Dunmarrow river bridge was lifted into place by workers on Friday morning.',
  'Two tram lines and a cycle path will cross the bridge, linking the eastern quarter with the old town.',
  'After surveying the river bed, city engineers lowered the deck by forty centimetres, they said.',
  'A crossing avoiding the ring road has been awaited by eastern quarter residents for eleven years.',
].join('\n');
const VINEYARD = [
  'Hailstones the size of marbles shredded the vines of the Ostrel hills on Sunday afternoon.',
  'Growers counted the damage row by row and feared the loss of most of the autumn vintage.',
  'The wine cooperative asked the province for emergency help to replant the worst hit terraces.',
  'Meteorologists said storms of that strength reach the hills about once in twenty years.',
].join('\n');

function summary(id: string, text: string): ArticleSummary {
  const doc = readDocument({ id, text, metadata: {}, source: { file: `${id}.txt`, format: 'txt' } });
  return summarizeForComparison(doc, [], [], {});
}

const distinct = () => [summary('a', BRIDGE), summary('b', BRIDGE_REWRITE), summary('c', VINEYARD)];
/** The same corpus with every text copied twice under new ids, copies interleaved after the originals. */
const withCopies = () => [
  ...distinct(),
  summary('a#1', BRIDGE),
  summary('c#1', VINEYARD),
  summary('b#1', BRIDGE_REWRITE),
  summary('a#2', BRIDGE),
  summary('b#2', BRIDGE_REWRITE),
  summary('c#2', VINEYARD),
];

test('each exact duplicate points at the first article with its text; short texts are never duplicates', (t) => {
  const summaries = [...withCopies(), summary('s1', 'Brief note.'), summary('s2', 'Brief note.')];
  const d = findDuplicates(summaries);
  t.deepEqual(Array.from(d.representativeOf), [0, 1, 2, 0, 2, 1, 0, 1, 2, 9, 10]);
  t.deepEqual(d.representatives, [0, 1, 2, 9, 10]);
  t.is(d.count, 6);
  // A long run stores its articles on disk and finds the same duplicates from what it kept.
  const dir = mkdtempSync(join(tmpdir(), 'framescope-duplicates-'));
  try {
    const store = new FileArticleStore(join(dir, 'store'), []);
    for (const s of summaries)
      store.add(
        { ...s, choices: [], topCategories: [], tokenCount: s.wordCount } as unknown as ArticleRecord,
        s,
      );
    t.deepEqual(store.duplicates(), d);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reuse measures distinct texts once and links each duplicate to its representative', (t) => {
  const plain = findReuse(distinct(), null);
  const copied = findReuse(withCopies(), null);
  t.is(copied.candidatesChecked, plain.candidatesChecked);
  t.is(copied.duplicates, 6);
  const measured = copied.pairs.filter((p) => p.kind !== 'duplicate');
  t.deepEqual(measured, plain.pairs as typeof measured);
  t.true(plain.pairs.some((p) => p.a === 'a' && p.b === 'b' && p.kind === 'rewrite'));
  const dupes = copied.pairs.filter((p) => p.kind === 'duplicate');
  t.deepEqual(dupes.map((p) => `${p.a}>${p.b}`).sort(), [
    'a>a#1',
    'a>a#2',
    'b>b#1',
    'b>b#2',
    'c>c#1',
    'c>c#2',
  ]);
  for (const p of dupes) {
    t.is(p.similarity, 1);
    t.deepEqual([p.sharedShareA, p.sharedShareB, p.passages.length], [1, 1, 0]);
  }
});

test('duplicates join their representative’s text cluster, which is clustered as without them', (t) => {
  const summaries = withCopies();
  const plain = groupArticles(distinct());
  const copied = groupArticles(summaries, {}, findDuplicates(summaries));
  const ids = (g: typeof plain, list: readonly ArticleSummary[]) =>
    g.groups.map((x) => [x.id, x.cohesion, x.members.map((m) => list[m]?.id)]);
  t.deepEqual(
    ids(copied, summaries),
    ids(plain, distinct()).map(([id, cohesion, members]) => [
      id,
      cohesion,
      summaries.filter((s) => (members as string[]).includes(s.id.split('#')[0] as string)).map((s) => s.id),
    ]),
  );
});

test('keyness and discrepancies of a group are those of its distinct texts; comparison.md says identical text once', (t) => {
  const plain = compareCorpus(distinct(), { all: true });
  const copied = compareCorpus(withCopies(), { all: true });
  t.deepEqual(copied.keyness, plain.keyness);
  t.deepEqual(copied.discrepancies, plain.discrepancies);
  const md = comparisonMarkdown(copied);
  t.is(md.split('identical text').length - 1, 3, md);
  t.true(md.includes('**a: identical text** in 2 other articles: a\\#1, a\\#2.'), md);
  t.true(md.includes('6 article(s) are exact duplicates of an earlier one'));
});
