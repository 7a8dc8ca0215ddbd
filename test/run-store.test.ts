import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { summarizeForComparison } from '../src/compare/summary.ts';
import { INDEXES, formulaOf } from '../src/figures/indexes.ts';
import type { ArticleRecord } from '../src/report/articleRecord.ts';
import { buildManifest, stableJson } from '../src/report/manifest.ts';
import { MemoryOutputFiles } from '../src/report/outputFiles.ts';
import type { RunOverview } from '../src/report/runData.ts';
import { trimmedEnd } from '../src/report/streamText.ts';
import { FileArticleStore, MemoryArticleStore } from '../src/run/articleStore.ts';
import { IssueLog } from '../src/run/issueLog.ts';
import { RunFiles } from '../src/run/runFiles.ts';
import type { RunOptions } from '../src/run/runOptions.ts';
import { readDocument } from '../src/text/document.ts';
import type { Article, Issue, SkippedInput } from '../src/types.ts';

// Invented articles about invented events.
const FERRY = [
  'Dock workers in Harrowby said on 4 March that the new ferry would carry 420 passengers a day.',
  'The harbour authority called the project "a turning point" for the island, officials claimed.',
  'Critics said the $12.5 million budget was unprecedented and warned of delays.',
].join('\n');
const FERRY_OTHER = [
  'The new Harrowby ferry will carry 450 passengers a day from 6 March, the harbour authority said.',
  'Officials described the $12.5 million vessel as a turning point; critics were sceptical.',
  'Dock workers told reporters the crossing would take about 90 minutes.',
].join('\n');
const ORCHARD = [
  'Late frost destroyed most of the blossom in the Vellin orchards last week, growers reported.',
  'The cooperative estimated the loss at 3,000 tonnes of apples and asked the region for help.',
  'A spokesperson said the damage was "devastating" for small family farms.',
].join('\n');

function article(id: string, text: string, metadata: Record<string, string>): Article {
  return { id, text, metadata, source: { file: 'invented.jsonl', format: 'jsonl', line: 1 } };
}

const analyzer = createAnalyzer();

/** Analysed articles, with copies under new ids, a repeated id and odd figures, plus a skipped input. */
function corpus(metadataOf: (k: number) => Record<string, string>) {
  const texts = [FERRY, FERRY_OTHER, ORCHARD, FERRY, ORCHARD, FERRY_OTHER, FERRY];
  const ids = ['f1', 'f2', 'o1', 'f1-copy', 'o1-copy', 'f2', 'f1-again'];
  const items = texts.map((text, k) => analyzer.analyze(article(ids[k] as string, text, metadataOf(k))));
  // Figures that JSON cannot hold must come back from the store as they went in.
  const odd = items[1] as (typeof items)[number];
  const figures = { ...odd.summary.figures, odd_nan: Number.NaN, odd_infinite: Number.POSITIVE_INFINITY };
  items[1] = { result: { ...odd.result, figures }, summary: { ...odd.summary, figures } };
  const skipped: SkippedInput = {
    id: 'broken',
    file: 'invented.jsonl',
    line: 9,
    code: 'input/empty-text',
    reason: 'the text is empty',
  } as SkippedInput;
  const issue: Issue = { severity: 'warning', code: 'input/empty-text', message: 'empty text: ü € 😀' };
  return { items, skipped, issue };
}

function build(
  data: ReturnType<typeof corpus>,
  options: Partial<RunOptions>,
  scratchDir: string | null,
): Map<string, string> {
  const files = new MemoryOutputFiles();
  const run = {
    packs: analyzer.packs,
    metrics: analyzer.metrics,
    settings: { input: 'invented.jsonl' },
    toolVersion: 'test',
  };
  const outputs = new RunFiles(files, run, options, scratchDir === null ? null : { scratchDir });
  outputs.addIssue({ severity: 'info', code: 'run/note', message: 'a note before the articles' });
  for (const { result, summary } of data.items) {
    outputs.addResult(result, summary);
    for (const i of result.issues) outputs.addIssue(i);
  }
  outputs.addSkipped(data.skipped);
  outputs.addIssue(data.issue);
  const texts = new Map(data.items.map(({ result }) => [result.article.id, result.article.text]));
  outputs.finish((id) => texts.get(id));
  outputs.close();
  return files.files();
}

const cases: [string, (k: number) => Record<string, string>, Partial<RunOptions>][] = [
  [
    'grouped by event, figures by outlet',
    (k) => ({ outlet: k % 2 ? 'Northwire' : 'Harbour Post', event: k === 2 || k === 4 ? 'frost' : 'ferry' }),
    { latex: true, json: true, html: true },
  ],
  ['text clusters', () => ({}), {}],
  ['one group', (k) => ({ outlet: `Outlet ${k % 3}` }), { oneGroup: true, by: 'outlet' }],
  // Two groups named "(no desk) f2": an article without a desk, and a desk of that name.
  [
    'groups that share an id',
    (k): Record<string, string> => (k === 1 ? {} : { desk: k === 3 ? '(no desk) f2' : `desk ${k % 2}` }),
    { groupBy: 'desk' },
  ],
];

for (const [name, metadataOf, options] of cases)
  test(`a run that stores its articles on disk writes what one that keeps them in memory writes: ${name}`, (t) => {
    const data = corpus(metadataOf);
    const dir = mkdtempSync(join(tmpdir(), 'framescope-store-test-'));
    try {
      const inMemory = build(data, options, null);
      const onDisk = build(data, options, dir);
      t.deepEqual([...onDisk.keys()], [...inMemory.keys()]);
      for (const [file, text] of inMemory) t.is(onDisk.get(file), text, file);
      t.deepEqual(readdirSync(dir), [], 'the scratch files are removed');
      t.true((inMemory.get('articles.csv') ?? '').includes(',Inf'), 'an infinite figure is printed as Inf');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test('the file store gives back records and summary parts as stored, and the last article of an id', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-store-test-'));
  try {
    const file = new FileArticleStore(join(dir, 'store'), ['outlet']);
    const memory = new MemoryArticleStore();
    const data = corpus((k): Record<string, string> => (k === 2 ? {} : { outlet: ` spaced ${k} ` }));
    for (const { result, summary } of data.items) {
      const record = { id: result.article.id, figures: summary.figures } as unknown as ArticleRecord;
      const full = {
        ...record,
        metadata: result.article.metadata,
        choices: [],
        topCategories: [],
        wordCount: 1,
        tokenCount: 1,
      };
      file.add(full as ArticleRecord, summary);
      memory.add(full as ArticleRecord, summary);
    }
    t.is(file.length, data.items.length);
    for (let i = 0; i < file.length; i++) {
      t.deepEqual(file.terms(i), memory.terms(i));
      t.deepEqual(file.signature(i), memory.signature(i));
      t.deepEqual(file.facts(i), memory.facts(i));
      t.deepEqual(file.entryCounts(i).framing, memory.entryCounts(i).framing);
      t.is(file.metadataValue(i, 'outlet'), memory.metadataValue(i, 'outlet'));
      t.deepEqual(Object.keys(file.record(i).figures), Object.keys(memory.record(i).figures));
      t.true(file.sameEntryCounts(i, i));
      for (let j = 0; j < file.length; j++)
        if (file.sameEntryCounts(i, j))
          t.deepEqual(file.entryCounts(i), file.entryCounts(j), `${i} and ${j}`);
    }
    t.false(file.sameEntryCounts(0, 1), 'articles with other framing hits have other counts');
    t.true(Number.isNaN(file.record(1).figures['odd_nan']));
    t.is(file.record(1).figures['odd_infinite'], Number.POSITIVE_INFINITY);
    t.deepEqual(
      [...file.records()].map((r) => r.id),
      data.items.map(({ result }) => result.article.id),
    );
    t.is(file.lastIndexOf('f2'), 5);
    t.is(file.lastIndexOf('f1'), 0);
    t.is(file.lastIndexOf('absent'), undefined);
    t.deepEqual(file.duplicates(), memory.duplicates());
    for (let i = 0; i < file.length; i++) {
      const stored = file.fingerprints(i);
      const kept = memory.fingerprints(i);
      t.deepEqual(Array.from(stored.shingles), Array.from(kept.shingles), `shingles of ${i}`);
      t.deepEqual(
        stored.sentences.map((s) => ({ ...s, hashes: Array.from(s.hashes) })),
        kept.sentences.map((s) => ({ ...s, hashes: Array.from(s.hashes) })),
        `sentence fingerprints of ${i}`,
      );
    }
    t.throws(() => file.metadataValue(0, 'desk'), {
      message: /expected one of the columns kept for comparison \(outlet\), found "desk"/,
    });
    file.close();
    t.throws(() => file.record(0), { message: /was closed/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('issues kept on disk come back in order, with characters cut by the read buffer', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-issues-test-'));
  try {
    const log = new IssueLog(join(dir, 'issues'));
    const written: Issue[] = [];
    // About 3 MB of lines with multi-byte characters, so some straddle a 1 MB read.
    for (let i = 0; i < 12_000; i++) {
      const issue: Issue = {
        severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info',
        code: 'test/issue',
        message: `${'é€😀'.repeat(1 + (i % 40))} ${i}`,
        ...(i % 2 ? { line: i } : {}),
      };
      log.add(issue);
      written.push(issue);
    }
    t.deepEqual([...log], written);
    t.deepEqual(log.bySeverity, { error: 4000, warning: 4000, info: 4000 });
    log.close();
    t.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('trimmedEnd: the parts joined are the whole joined and trimmed at the end', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('', ' ', '\n', 'a', 'b c', ' x ', '\t', 'y\n', '| z |  ')),
      (parts) => {
        const streamed = [...trimmedEnd(parts)].join('\n');
        return streamed === parts.join('\n').trimEnd();
      },
    ),
  );
  t.pass();
});

test('the manifest written a record at a time is stableJson of the whole document', (t) => {
  const records = [
    { id: 'a "quoted" id', file: 'dir/ü.jsonl', line: 3, textSha256: 'ab', textChars: 10 },
    { id: 'b', file: 'folder/b.txt', line: undefined, textSha256: 'cd', textChars: 0 },
  ] as unknown as ArticleRecord[];
  const run = {
    packs: [],
    metrics: [],
    settings: { input: 'x' },
    toolVersion: 'test',
    records,
    details: [],
    skipped: [],
    issues: [],
    issueCounts: { error: 0, warning: 0, info: 0 },
  } as unknown as RunOverview;
  const times = { startedAt: new Date(0), endedAt: new Date(1000) };
  const outputs = [{ file: 'a.csv', sha256: 'ef', bytes: 3 }];
  const expected = (inputs: readonly ArticleRecord[]) =>
    stableJson({
      tool: 'framescope',
      tool_version: 'test',
      node_version: process.version,
      options: { input: 'x' },
      lexicon_packs: [],
      indexes: INDEXES.map((index) => ({
        name: index.name,
        version: index.version,
        formula: formulaOf(index),
      })),
      inputs: inputs.map((r) => ({
        id: r.id,
        file: r.file,
        ...(r.line === undefined ? {} : { line: r.line }),
        text_sha256: r.textSha256,
        text_chars: r.textChars,
      })),
      skipped: [],
      outputs,
      started_at: times.startedAt.toISOString(),
      ended_at: times.endedAt.toISOString(),
      results_file: { file: 'run-data.ndjson' },
    });
  const extra = { results_file: { file: 'run-data.ndjson' } };
  t.is(buildManifest(run, outputs, times, extra), expected(records));
  t.is(buildManifest({ ...run, records: [] }, outputs, times, extra), expected([]));
});

test('a summary of an article stored on disk keeps its duplicate key without its shingles', (t) => {
  const doc = readDocument(article('x', ORCHARD, {}));
  const summary = summarizeForComparison(doc, [], [], {});
  const dir = mkdtempSync(join(tmpdir(), 'framescope-store-test-'));
  try {
    const store = new FileArticleStore(join(dir, 'store'), []);
    const record = {
      id: 'x',
      metadata: {},
      figures: {},
      choices: [],
      topCategories: [],
      wordCount: 1,
      tokenCount: 1,
    };
    store.add(record as unknown as ArticleRecord, summary);
    store.add({ ...record, id: 'y' } as unknown as ArticleRecord, { ...summary, id: 'y' });
    t.deepEqual(Array.from(store.duplicates().representativeOf), [0, 0]);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
