import test from 'ava';
import { entitiesWithin, readDocument } from '../src/text/document.ts';
import { lineColumnOf, lineStartsOf } from '../src/text/positions.ts';
import { setLearntWordLimit, wink } from '../src/text/winkModel.ts';
import type { Document } from '../src/types.ts';

const doc = (text: string): Document =>
  readDocument({ id: 't', text, metadata: {}, source: { file: 't', format: 'txt' } });

/** Every token points at its own characters, and the gaps between tokens are only white space. */
function assertRoundTrip(t: import('ava').ExecutionContext, text: string) {
  const d = doc(text);
  let rebuilt = '';
  let cursor = 0;
  for (let i = 0; i < d.tokens.count; i++) {
    const s = d.tokens.start[i] as number;
    const e = d.tokens.end[i] as number;
    t.is(text.slice(s, e), d.tokens.value[i] as string, `token ${i} points at its value`);
    t.true(s >= cursor, 'tokens are in order and do not overlap');
    t.regex(
      text.slice(cursor, s),
      /^[\s\u00a0\u200b\ufeff]*$/u,
      `only white space between tokens before ${i}`,
    );
    rebuilt += text.slice(cursor, e);
    cursor = e;
  }
  rebuilt += text.slice(cursor);
  t.is(rebuilt, text);
  t.regex(text.slice(cursor), /^\s*$/u, 'only white space after the last token');
}

test('token offsets round-trip plain text', (t) =>
  assertRoundTrip(t, 'Xi said the talks were "productive". Putin agreed.'));
test('token offsets round-trip CRLF, curly quotes, emoji and non-breaking spaces', (t) =>
  assertRoundTrip(
    t,
    'Title line\r\n\r\nHe said \u201chello\u201d \u2014 to Xi\u2019s team.\r\nNew\u00a0line \ud83d\ude00 here.\r\n',
  ));
test('token offsets round-trip contractions, abbreviations and money', (t) =>
  assertRoundTrip(
    t,
    "U.S. officials can\u2019t say. Trade reached $228.1 billion on Feb. 4, 2026; don't panic.",
  ));
test('token offsets round-trip hard-wrapped text', (t) => {
  const para = 'This line of a hard wrapped article goes on without any end in sight and\n';
  assertRoundTrip(t, para.repeat(10) + 'it stops here.\n');
});

test('each line is read on its own, so a headline is a sentence of its own', (t) => {
  const d = doc('A Headline Without A Full Stop\n\nThe first sentence. The second one.');
  t.is(d.sentences.length, 3);
  t.is(d.text.slice(d.sentences[0]!.span.start, d.sentences[0]!.span.end), 'A Headline Without A Full Stop');
});

test('tokens carry lemma, POS, Porter stem and sentence index', (t) => {
  const d = doc('The ministers were stabilizing relations.');
  const i = d.tokens.value.indexOf('stabilizing');
  t.is(d.tokens.lemma[i], 'stabilize');
  t.is(d.tokens.stem[i], 'stabil');
  t.is(d.tokens.pos[i], 'VERB');
  t.is(d.tokens.sentence[i], 0);
});

test('wink entities (dates, money) carry exact spans', (t) => {
  const text = 'Trade reached $228.1 billion on Feb. 4, 2026.';
  const d = doc(text);
  const money = d.entities.find((e) => e.type === 'MONEY');
  const date = d.entities.find((e) => e.type === 'DATE');
  t.is(money?.text, '$228.1 billion');
  t.is(text.slice(money!.start, money!.end), '$228.1 billion');
  t.is(date?.text, 'Feb. 4, 2026');
});

test('entities are read on demand, point at their tokens, and entitiesWithin reads only what it is asked', (t) => {
  const text = [
    'Talks resume on 3 March 2031',
    '',
    'The levy rose 4% to $12 million on Tuesday, officials said.',
    'A second round is set for next week, costing 2 billion yuan.',
  ].join('\n');
  const d = doc(text);
  const all = d.entities;
  t.true(all.length >= 4, JSON.stringify(all.map((e) => e.text)));
  for (const e of all) {
    t.is(e.text, text.slice(e.start, e.end));
    t.is(d.tokens.start[e.firstToken], e.start);
    t.is(d.tokens.end[e.endToken - 1], e.end);
    t.is(e.sentence, d.tokens.sentence[e.firstToken] as number);
  }
  t.is(d.entities, all, 'read once, then kept');
  // Any stretch: the same entities as filtering them all, in the same order.
  const lines = text.split('\n');
  let from = 0;
  for (const line of lines) {
    const to = from + line.length;
    const expected = all.filter((e) => e.start >= from && e.end <= to);
    t.deepEqual(entitiesWithin(doc(text), from, to), expected, line);
    from = to + 1;
  }
  t.deepEqual(
    entitiesWithin(doc(text), 0, text.length).map((e) => e.text),
    all.map((e) => e.text),
  );
  t.deepEqual(entitiesWithin(doc(text), 0, 5), []);
});

test('line and column are 1-based and count CRLF as one break', (t) => {
  const text = 'ab\r\ncd\nef';
  const starts = lineStartsOf(text);
  t.deepEqual(lineColumnOf(starts, 0), { line: 1, column: 1 });
  t.deepEqual(lineColumnOf(starts, 4), { line: 2, column: 1 });
  t.deepEqual(lineColumnOf(starts, 8), { line: 3, column: 2 });
});

test('a run-on text without sentence ends is cut into sentences of at most 200 tokens', (t) => {
  const text = 'officials said the deal was fair, and '.repeat(150);
  const d = doc(text);
  t.true(d.sentences.length >= 5);
  for (const s of d.sentences) t.true(s.endToken - s.firstToken <= 200);
  // Every token still belongs to the sentence that covers it.
  for (let i = 0; i < d.tokens.count; i++) {
    const s = d.sentences[d.tokens.sentence[i] as number]!;
    t.true(s.firstToken <= i && i < s.endToken);
  }
  assertRoundTrip(t, text);
});

test('tokens do not depend on the articles read before (wink remembers unknown words)', (t) => {
  // Read alone, the possessive is split; wink's cache would keep it whole once another article
  // had it whole ("Qwertz's,"), making output depend on input order, --jobs and --shard.
  const later = "Standard & Qwertz's (S&Q) rated it.";
  const alone = doc(later).tokens.value;
  t.deepEqual(alone, ['Standard', '&', 'Qwertz', "'s", '(', 'S&Q', ')', 'rated', 'it', '.']);
  doc("According to Standard & Qwertz's, which rated it.");
  t.deepEqual(doc(later).tokens.value, alone);
});

test('a wink instance that has learnt too many words is replaced, and tokens stay the same', (t) => {
  const previous = setLearntWordLimit(40);
  t.teardown(() => setLearntWordLimit(previous));
  const text = "Zorvath's envoy met Quillane at 14.75 past the Brevik-Tal gate, said Ostrander.";
  const before = doc(text).tokens;
  const first = wink('lexical');
  // Each document brings unknown words: the limit of 40 is passed within a few documents.
  for (let i = 0; i < 6; i++)
    doc(`Vexmar${i} Drulo${i} met Kappa${i}tron and ${i}.${i}7 Yelvin${i}, Ashgrove${i} said.`);
  const replaced = wink('lexical');
  t.not(replaced, first, 'a fresh instance after the limit');
  const after = doc(text).tokens;
  t.deepEqual(after.value, before.value);
  t.deepEqual(after.lemma, before.lemma);
  t.deepEqual(after.pos, before.pos);
  t.deepEqual([...after.start], [...before.start]);
  t.is(wink('lexical'), wink('lexical'), 'kept while under the limit');
  t.throws(() => setLearntWordLimit(0), { message: /whole number >= 1, instead found 0/ });
});
