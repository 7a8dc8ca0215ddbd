import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { alignSentences } from '../src/compare/reuse.ts';
import type { ArticleSummary, SentenceFingerprint } from '../src/compare/summary.ts';
import type { ArticleRecord } from '../src/report/articleRecord.ts';
import { csvCell } from '../src/report/csv.ts';
import { couldBeFormula } from '../src/report/escape/csv.ts';
import { type Cell, formatCell, formatNumber } from '../src/report/format.ts';
import { escapeMarkdownCell, escapeMarkdownText } from '../src/report/markdown.ts';
import { FileArticleStore } from '../src/run/articleStore.ts';
import { decodeFigureValues, encodeFigureValues } from '../src/run/figureValues.ts';

// The corpus-level outputs take shortcuts (no regex when nothing is to be escaped, an early stop
// when two sentences cannot reach the threshold, ...): each must give what the plain way gives.

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const angles = (s: string) =>
  s
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const plainEscapeCell = (value: Cell): string =>
  angles(formatCell(value).replace(CONTROLS, '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|'))
    .replace(/[*_`[\]]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');

const plainEscapeText = (value: string): string =>
  angles(value.replace(CONTROLS, '').replace(/\\/g, '\\\\'))
    .replace(/[*_`[\]#|]/g, (c) => `\\${c}`)
    .replace(/\r?\n|\r/g, ' ');

function plainFormatNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '' : value > 0 ? 'Inf' : '-Inf';
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** The plain way: format, drop controls from text, neutralise by the rule (tested in escape.test.ts), quote. */
function plainCsvCell(value: Cell, safeCells: boolean): string {
  let s = formatCell(value);
  if (typeof value === 'string') s = s.replace(CONTROLS, '');
  if (safeCells && typeof value === 'string' && couldBeFormula(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text made mostly of the characters the escapes and CSV quoting care about. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\\',
        '|',
        '*',
        '_',
        '`',
        '<',
        '>',
        '[',
        ']',
        '#',
        '&',
        '&lt;',
        '\u0007',
        '\r',
        '\n',
        '\r\n',
        ' ',
        '"',
        ',',
        '=',
        '-',
      ),
      fc.string({ maxLength: 4 }),
      fc.constantFrom('é', '😀', '\u2028', 'plain words'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const numbers = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0.00005, -0.00005, 0.00004999, 1.5, -1.5, 10.1, 100, 1e21, 123456789.123456, -0),
);

test('escapeMarkdownCell and escapeMarkdownText give what the four replaces give, on tricky text and numbers', (t) => {
  fc.assert(
    fc.property(trickyText, (s) => {
      t.is(escapeMarkdownCell(s), plainEscapeCell(s));
      t.is(escapeMarkdownText(s), plainEscapeText(s));
    }),
    { numRuns: 2000 },
  );
  fc.assert(fc.property(numbers, (x) => t.is(escapeMarkdownCell(x), plainEscapeCell(x))));
  for (const v of [null, undefined, true, false, '', 'a|b', 'line\r\nbreak'] as Cell[])
    t.is(escapeMarkdownCell(v), plainEscapeCell(v));
});

test('formatNumber cuts trailing zeros and the point as the regexes did', (t) => {
  fc.assert(
    fc.property(numbers, (x) => t.is(formatNumber(x), plainFormatNumber(x))),
    { numRuns: 5000 },
  );
  for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.1, 2.50001, -0.00001])
    t.is(formatNumber(x), plainFormatNumber(x));
});

test('csvCell formats numbers and text as before, with and without safe cells', (t) => {
  fc.assert(
    fc.property(fc.oneof(numbers, trickyText), fc.boolean(), (v, safeCells) =>
      t.is(csvCell(v, { safeCells }), plainCsvCell(v, safeCells)),
    ),
    { numRuns: 3000 },
  );
});

test('figure values come back from their bytes as they were, null apart from NaN, at any offset', (t) => {
  const value = fc.oneof(
    fc.double(),
    fc.constant(null),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), fc.nat({ max: 7 }), (values, offset) => {
      const encoded = encodeFigureValues(values);
      const shifted = Buffer.alloc(offset + encoded.length + 3, 0xff);
      encoded.copy(shifted, offset);
      const back = decodeFigureValues(shifted, offset, encoded.length);
      t.is(back.length, values.length);
      values.forEach((v, k) => t.true(Object.is(back[k], v), `value ${k}: ${back[k]} for ${v}`));
    }),
  );
  // A reader may give the array of the previous record to be filled again, longer or shorter.
  const into: (number | null)[] = [1, 2, 3, 4, 5];
  t.deepEqual(decodeFigureValues(encodeFigureValues([null, 0.5]), 0, 16, into), [null, 0.5]);
  t.deepEqual(decodeFigureValues(encodeFigureValues([7, null, 8]), 0, 24, into), [7, null, 8]);
  t.throws(() => decodeFigureValues(Buffer.alloc(12), 0, 12), { message: /multiple of 8 bytes, found 12/ });
});

test('a record read back from the article store has the figures it was stored with, odd names and order included', (t) => {
  const lists = [
    ['rate_a', 'share_b', 'index_c'],
    ['10', 'b', '2', 'a'],
    ['constructor', 'toString', '', 'a"b', 'x\u2028y', 'back\\slash'],
    [],
    Array.from({ length: 250 }, (_, k) => `figure_${k}`),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'framescope-figures-'));
  try {
    const store = new FileArticleStore(join(dir, 'store'), []);
    const stored = lists.map((names, i) => {
      const figures: Record<string, number | null> = {};
      names.forEach((name, k) => {
        figures[name] = k % 5 === 0 ? null : k % 7 === 0 ? Number.NaN : k / 3;
      });
      const record = { id: `r${i}`, metadata: {}, choices: [], topCategories: [], figures };
      store.add(
        record as unknown as ArticleRecord,
        {
          id: `r${i}`,
          wordCount: 0,
          shingles: new Uint32Array(0),
          sentences: [],
          terms: { keys: [], counts: new Int32Array(0), total: 0 },
          signature: new Uint32Array(0),
          facts: [],
          termChoices: [],
          framing: [],
          sources: [],
        } as unknown as ArticleSummary,
      );
      return figures;
    });
    const read = [...store.records()];
    stored.forEach((figures, i) => {
      const back = read[i]?.figures ?? {};
      t.deepEqual(Object.keys(back), Object.keys(figures), `keys of ${i}`);
      t.deepEqual(back, figures);
      t.deepEqual(store.record(i).figures, figures);
    });
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The alignment as first written: every sentence pair's Jaccard computed in full. */
function plainAlignment(
  a: readonly SentenceFingerprint[],
  b: readonly SentenceFingerprint[],
  threshold: number,
) {
  const jaccard = (x: Uint32Array, y: Uint32Array) => {
    let i = 0;
    let j = 0;
    let inter = 0;
    while (i < x.length && j < y.length)
      if (x[i] === y[j]) {
        inter++;
        i++;
        j++;
      } else if ((x[i] as number) < (y[j] as number)) i++;
      else j++;
    return inter / (x.length + y.length - inter);
  };
  const n = a.length;
  const m = b.length;
  const sim = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const s = jaccard((a[i] as SentenceFingerprint).hashes, (b[j] as SentenceFingerprint).hashes);
      sim[i * m + j] = s >= threshold ? s : 0;
    }
  const w = m + 1;
  const dp = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) {
      const s = sim[(i - 1) * m + (j - 1)] as number;
      const diag = s > 0 ? (dp[(i - 1) * w + (j - 1)] as number) + s : 0;
      dp[i * w + j] = Math.max(dp[(i - 1) * w + j] as number, dp[i * w + (j - 1)] as number, diag);
    }
  const pairs: [number, number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = sim[(i - 1) * m + (j - 1)] as number;
    const here = dp[i * w + j] as number;
    if (s > 0 && here === (dp[(i - 1) * w + (j - 1)] as number) + s) {
      pairs.push([i - 1, j - 1, s]);
      i--;
      j--;
    } else if (here === dp[(i - 1) * w + j]) i--;
    else j--;
  }
  pairs.reverse();
  const total = (list: readonly SentenceFingerprint[]) => list.reduce((x, s) => x + s.size, 0);
  let inA = 0;
  let inB = 0;
  for (const [x, y] of pairs) {
    inA += (a[x] as SentenceFingerprint).size;
    inB += (b[y] as SentenceFingerprint).size;
  }
  return { pairs, shareA: inA / (total(a) || 1), shareB: inB / (total(b) || 1) };
}

/** Sentences over a small vocabulary, so that many pairs share some hashes and a few reach any threshold. */
const sentence: fc.Arbitrary<SentenceFingerprint> = fc
  .uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 9 })
  .map((hashes: number[]) => ({
    index: 0,
    span: { start: 0, end: 0, line: 1, column: 1 },
    // An odd multiplier maps the small numbers to distinct hashes spread over 32 bits.
    hashes: Uint32Array.from(hashes.map((h) => h * 2654435761)).sort(),
    size: hashes.length + 1,
  }));
const sentences = fc.array(sentence, { maxLength: 8 });

test('sentence alignment from counts of shared hashes is the alignment from every pair’s Jaccard', (t) => {
  fc.assert(
    fc.property(
      sentences,
      sentences,
      fc.constantFrom(0, 0.1, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1.5),
      (a, b, threshold) => {
        t.deepEqual(alignSentences(a, b, threshold), plainAlignment(a, b, threshold));
      },
    ),
    { numRuns: 3000 },
  );
});
