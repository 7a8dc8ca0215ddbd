import test from 'ava';
import type { CorpusResult } from '../src/analyzer/analyzer.ts';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { readCorpus } from '../src/corpus/index.ts';
import { numberItems } from '../src/corpus/shard.ts';
import { sortKeys } from '../src/report/manifest.ts';
import { DEFAULT_OUTPUT_OPTIONS } from '../src/report/outputOptions.ts';
import { articleJson, resultLine, resultsJsonArticle } from '../src/report/resultsJson.ts';
import { decodeFingerprints, encodeFingerprints } from '../src/run/fingerprintBytes.ts';
import { renderNumbered } from '../src/run/index.ts';
import {
  type RenderedArticle,
  type RenderedItem,
  type ResultItem,
  renderArticle,
} from '../src/run/renderArticle.ts';
import { parseRecordLine, recordLine } from '../src/run/runDataFile.ts';
import type { Article } from '../src/types.ts';

const examples = () =>
  numberItems(
    readCorpus({ input: 'reports/example-corpus', metadata: 'reports/example-corpus/metadata.csv' }),
  );

const options = { ...DEFAULT_OUTPUT_OPTIONS, json: true, html: true };

/** A rendered article with its bytes decoded, so two renderings compare as plain data. */
function asStrings(r: RenderedArticle) {
  const text = (t: string | Uint8Array | null) =>
    t === null || typeof t === 'string' ? t : Buffer.from(t).toString('utf8');
  // Fields encoded as bytes wherever they are rendered (figure values, fingerprints) compare as numbers.
  const binary = new Set(['figures', 'fingerprints']);
  return {
    stored: {
      index: r.stored.index,
      fields: Object.fromEntries(
        Object.entries(r.stored.fields).map(([k, v]) => [k, binary.has(k) ? [...v] : text(v)]),
      ),
    },
    issues: r.issues,
    runData: text(r.runData),
    files: Object.fromEntries(Object.entries(r.files).map(([k, v]) => [k, text(v)])),
  };
}

async function rendered(jobs: number) {
  const out: ReturnType<typeof asStrings>[] = [];
  for await (const { item } of renderNumbered(examples(), { jobs, render: options }))
    if (item.kind === 'rendered') out.push(asStrings(item.rendered));
  return out;
}

test('workers render each article to the bytes this thread renders', async (t) => {
  const inWorkers = await rendered(2);
  const inThread = await rendered(1);
  t.true(inThread.length >= 8);
  t.true(inThread.every((r) => r.files['json'] !== null && r.files['html'] !== null));
  t.deepEqual(inWorkers, inThread);
});

test('an article read back from run-data.ndjson, as merge reads it, renders to the same bytes', async (t) => {
  const analyzer = createAnalyzer();
  let n = 0;
  for await (const item of readCorpus({ input: 'reports/example-corpus' })) {
    if (item.kind !== 'article') continue;
    const first = renderArticle({ kind: 'result', ...analyzer.analyze(item.article) }, options);
    const { seq, ...readBack } = parseRecordLine(
      recordLine(7, parseRecordLine(first.runData) as CorpusResult),
    ) as {
      seq: number;
    } & ResultItem;
    t.is(seq, 7);
    t.deepEqual(asStrings(renderArticle(readBack, options)), asStrings(first));
    n++;
  }
  t.true(n >= 8);
});

test('without --json or --html an article renders neither, and its other rows are unchanged', async (t) => {
  const analyzer = createAnalyzer();
  for await (const item of readCorpus({ input: 'reports/example-corpus' })) {
    if (item.kind !== 'article') continue;
    const analysed: ResultItem = { kind: 'result', ...analyzer.analyze(item.article) };
    const plain = renderArticle(analysed, DEFAULT_OUTPUT_OPTIONS);
    const full = renderArticle(analysed, options);
    t.is(plain.files.json, null);
    t.is(plain.files.html, null);
    t.deepEqual({ ...plain.files, json: 0, html: 0 }, { ...full.files, json: 0, html: 0 });
  }
});

/** How results.ndjson and results.json were sorted before: every object copied, keys sorted. */
function copySorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copySorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, copySorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}

test('results.ndjson and results.json hold each article with every key sorted, without and with its layout', async (t) => {
  const analyzer = createAnalyzer();
  const articles: Article[] = [];
  for await (const { item } of examples()) if (item.kind === 'article') articles.push(item.article);
  // Problems of its own (no sentence end, an unclosed quote) and metadata keys out of order.
  articles.push({
    id: 'invented',
    text: 'Home | News | Sport\nHarbour accord talks resume\n\n"The levy is fair, Mira Tolvane said on Monday',
    metadata: { outlet: 'Northwire', date: '2031-05-01', author: 'A. Writer' },
    source: { file: 'mem.txt', format: 'txt' },
  });
  const seen = { hits: 0, attributions: 0, quotations: 0, issues: 0, furniture: 0 };
  for (const article of articles) {
    const r = analyzer.analyzeArticle(article);
    const pretty = `${JSON.stringify(copySorted(articleJson(r)), null, 2)}\n`;
    t.is(resultLine(r), `${JSON.stringify(JSON.parse(pretty))}\n`);
    t.is(
      resultsJsonArticle(r),
      pretty
        .trimEnd()
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
    );
    seen.hits += r.matches.length;
    seen.attributions += r.attributions.length;
    seen.quotations += r.quotations.length;
    seen.issues += r.issues.length;
    seen.furniture += r.structure.furniture.length;
  }
  for (const [what, n] of Object.entries(seen)) t.true(n > 0, `no ${what} in the articles tested`);
});

test('sortKeys writes what a full sorted copy writes, and leaves sorted objects as they are', (t) => {
  const values: unknown[] = [
    { b: 1, a: [3, { d: null, c: undefined }], 10: 'x', 9: 'y' },
    JSON.parse('{"__proto__": {"z": 1, "y": 2}, "a": 0}'),
    [new Date(0), new Uint32Array([2, 1]), Object.assign(Object.create(null), { b: 1, a: 2 })],
    // biome-ignore lint/suspicious/noSparseArray: holes are written as null, like undefined
    [1, , { b: 1, a: 2 }, , 'last'],
    { a: { b: [{ c: 1, d: { e: 'ok' } }] } },
    'plain',
    null,
  ];
  for (const value of values) t.is(JSON.stringify(sortKeys(value)), JSON.stringify(copySorted(value)));
  const sorted = { a: { b: [{ c: 1, d: { e: 'ok' } }] }, z: [1, 2] };
  t.is(sortKeys(sorted), sorted);
  const unsortedInside = { a: [{ d: 1, c: 2 }] };
  const result = sortKeys(unsortedInside) as { a: { d: number; c: number }[] };
  t.not(result, unsortedInside);
  t.deepEqual(Object.keys(result.a[0] as object), ['c', 'd']);
});

test('fingerprints read back from their bytes are the ones written, and cut bytes are refused', (t) => {
  const analyzer = createAnalyzer();
  const texts = [
    'Officials in Velmora said the harbour accord was fair. "It is historic," Mira Tolvane said.\n\nThe grain levy stays.',
    'Short.',
    '',
  ];
  for (const [i, text] of texts.entries()) {
    const { summary } = analyzer.analyze({
      id: `f${i}`,
      text,
      metadata: {},
      source: { file: 'mem.txt', format: 'txt' },
    });
    const bytes = encodeFingerprints(summary);
    t.deepEqual(decodeFingerprints(bytes), { shingles: summary.shingles, sentences: summary.sentences });
    if (summary.sentences.length > 0)
      t.throws(() => decodeFingerprints(bytes.subarray(0, bytes.length - 4)), {
        message: /decodeFingerprints/,
      });
  }
  t.throws(() => decodeFingerprints(new Uint8Array(6)), { message: /32-bit/ });
});

test('a rendered item keeps skipped inputs and problems as they are', async (t) => {
  async function* items() {
    yield {
      seq: 0,
      item: {
        kind: 'issue' as const,
        issue: { severity: 'warning' as const, code: 'metadata/empty-key', message: 'no key' },
      },
    };
  }
  const out: RenderedItem[] = [];
  for await (const { item } of renderNumbered(items(), { jobs: 1, render: options })) out.push(item);
  t.deepEqual(out, [
    { kind: 'issue', issue: { severity: 'warning', code: 'metadata/empty-key', message: 'no key' } },
  ]);
});
