import test from 'ava';
import fc from 'fast-check';
import { readDocument } from '../src/text/document.ts';
import { findQuotations } from '../src/text/quotes.ts';

const docOf = (text: string) =>
  readDocument({ id: 't', text, metadata: {}, source: { file: 't.txt', format: 'txt' } });
const quotesOf = (text: string) => findQuotations(docOf(text));

test('curly and straight double quotes give the span with marks and the content inside', (t) => {
  const qs = quotesOf('The mayor called the plan “a fine idea” and the council said "we agree" on Monday.');
  t.deepEqual(
    qs.map((q) => [q.text, q.content.text, q.mark, q.closed, q.depth]),
    [
      ['“a fine idea”', 'a fine idea', 'curly-double', true, 0],
      ['"we agree"', 'we agree', 'double', true, 0],
    ],
  );
});

test('apostrophes are not quotation marks', (t) => {
  const qs = quotesOf(
    "The ministry's report on the countries' trade since the '90s doesn't say 'never' at all.",
  );
  t.deepEqual(
    qs.map((q) => q.content.text),
    ['never'],
  );
});

test('a quote runs across sentences within its paragraph', (t) => {
  const qs = quotesOf('The envoy spoke first. "We came to listen. We will return next week," she said.');
  t.is(qs.length, 1);
  t.is(qs[0]?.content.text, 'We came to listen. We will return next week,');
});

test('nested quotes carry their depth', (t) => {
  const qs = quotesOf('“He told me ‘not yet’ twice,” the aide said.');
  t.deepEqual(
    qs.map((q) => [q.content.text, q.depth]),
    [
      ['He told me ‘not yet’ twice,', 0],
      ['not yet', 1],
    ],
  );
});

test('an unclosed quote ends at its paragraph and does not swallow the next one', (t) => {
  const text =
    'The senator said "this is wrong and the vote must wait.\n\nThe vote went ahead on "Friday" anyway.';
  const qs = quotesOf(text);
  t.deepEqual(
    qs.map((q) => [q.content.text, q.closed]),
    [
      ['this is wrong and the vote must wait.', false],
      ['Friday', true],
    ],
  );
});

test('an odd number of marks in one paragraph does not crash nor pair across the odd one', (t) => {
  const qs = quotesOf('He said "one thing, then "another thing" and left.');
  t.true(qs.length >= 1);
  t.true(qs.every((q) => !q.content.text.includes('"')));
  t.true(qs.some((q) => q.content.text === 'another thing'));
});

test('quotations in page furniture are skipped', (t) => {
  const text =
    'Home | News | "Quoted" Menu\n\nThe minister said "we will act" on the issue today in the capital.';
  const qs = quotesOf(text);
  t.deepEqual(
    qs.map((q) => q.content.text),
    ['we will act'],
  );
});

test('every quotation span and content span is the slice it points to (property)', (t) => {
  const pieces = ['word', ' ', '"', '“', '”', "'", '‘', '’', '.', ',', '\n', '\n\n', 'Xi', "'s", 'say'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const doc = docOf(text);
      for (const q of findQuotations(doc)) {
        if (text.slice(q.start, q.end) !== q.text) return false;
        if (text.slice(q.content.start, q.content.end) !== q.content.text) return false;
        if (q.content.start < q.start || q.content.end > q.end) return false;
      }
      return true;
    }),
    { numRuns: 200 },
  );
  t.pass();
});
