import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createAnalyzer } from '../src/analyzer/analyzer.ts';
import { runMerge } from '../src/cli/mergeCommand.ts';
import type { CorpusItem } from '../src/corpus/index.ts';
import { type Shard, idHash, inShard, numberItems, parseShard, shardFilter } from '../src/corpus/shard.ts';
import { type RunPlan, runToFolder } from '../src/run/index.ts';
import { TOOL_VERSION } from '../src/version.ts';
import { collectingIo } from './helpers/io.ts';

test('every id is in exactly one of n shards, the same one every time', (t) => {
  const ids = Array.from({ length: 600 }, (_, i) => `outlet-${i % 7}/article-${i}.txt`);
  for (const n of [1, 2, 3, 8]) {
    const sizes = new Array(n).fill(0);
    for (const id of ids) {
      const owners = Array.from({ length: n }, (_, i) => i + 1).filter((i) => inShard(id, i, n));
      t.is(owners.length, 1, `${id} in ${owners.length} of ${n} shards`);
      sizes[(owners[0] as number) - 1]++;
    }
    // An even spread: each shard holds between half and twice its fair share.
    for (const size of sizes)
      t.true(size > ids.length / n / 2 && size < (2 * ids.length) / n, `sizes ${sizes}`);
  }
  t.is(idHash('a'), idHash('a'));
  t.not(idHash('article-1'), idHash('article-2'));
});

test('--shard i/n is parsed 1-based and wrong values are refused with what was expected', (t) => {
  t.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
  t.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
  for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '-1/3'])
    t.throws(() => parseShard(bad), { instanceOf: RangeError, message: /shard/ }, bad);
});

async function* mixedItems(): AsyncGenerator<CorpusItem> {
  yield {
    kind: 'issue',
    issue: { severity: 'warning', code: 'metadata/empty-key', message: 'no key', file: 'm.csv' },
  };
  for (let i = 0; i < 40; i++) {
    if (i % 9 === 0)
      yield {
        kind: 'skipped',
        skipped: { id: `s${i}`, file: `s${i}.txt`, code: 'input/empty', reason: 'empty' },
        issue: { severity: 'error', code: 'input/empty', message: 'empty', articleId: `s${i}` },
      };
    else
      yield {
        kind: 'article',
        article: { id: `a${i}`, text: 'Text.', metadata: {}, source: { file: `a${i}.txt`, format: 'txt' } },
      };
  }
}

test('the shards of a stream keep their input numbers and together hold every item once', async (t) => {
  const all: number[] = [];
  for await (const { seq } of numberItems(mixedItems())) all.push(seq);
  const n = 3;
  const seen: number[] = [];
  for (let i = 1; i <= n; i++) {
    const shard: Shard = { index: i, count: n };
    for await (const { seq, item } of shardFilter(numberItems(mixedItems()), shard)) {
      seen.push(seq);
      if (item.kind === 'article') t.true(inShard(item.article.id, i, n));
      if (item.kind === 'skipped') t.true(inShard(item.skipped.id, i, n));
      // A problem that names no article is listed by shard 1 only.
      if (item.kind === 'issue' && item.issue.articleId === undefined) t.is(i, 1);
    }
  }
  t.deepEqual(
    seen.sort((a, b) => a - b),
    all,
  );
});

/** Every output file of a folder, with the two times of the manifest blanked. */
function outputsOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    if (statSync(join(dir, name)).isDirectory()) continue;
    let text = readFileSync(join(dir, name), 'utf8');
    if (name === 'manifest.json') text = text.replace(/"(started_at|ended_at)": "[^"]*"/g, '"$1": ""');
    files.set(name, text);
  }
  return files;
}

test('3 shards of the example corpus merged are byte for byte what a single run writes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'framescope-shards-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const analyzer = createAnalyzer();
  const source = { input: 'reports/example-corpus', metadata: 'reports/example-corpus/metadata.csv' };
  const plan = (out: string, shard: Shard | null, jobs: number): RunPlan => ({
    source,
    analyzerOptions: {},
    jobs,
    shard,
    out,
    run: {
      settings: { input: source.input, metadata: source.metadata, 'raw-csv': 'false', strict: 'false' },
      packs: analyzer.packs,
      metrics: analyzer.metrics,
      toolVersion: TOOL_VERSION,
    },
    runIssues: analyzer.lexiconIssues,
    options: { safeCells: true },
  });
  const single = await runToFolder(plan(join(dir, 'single'), null, 1));
  t.true(single.records.length >= 8);
  const shardDirs = [1, 2, 3].map((i) => join(dir, `shard-${i}`));
  const sizes: number[] = [];
  for (const [i, out] of shardDirs.entries()) {
    const data = await runToFolder(plan(out, { index: i + 1, count: 3 }, i === 1 ? 2 : 1));
    sizes.push(data.records.length);
  }
  t.is(
    sizes.reduce((a, b) => a + b, 0),
    single.records.length,
  );
  t.true(sizes.filter((s) => s > 0).length >= 2, `shard sizes ${sizes}`);

  const { io: mergeIo, err } = collectingIo();
  const code = await runMerge([...shardDirs].reverse().concat(['--out', join(dir, 'merged')]), mergeIo);
  t.true(code === 0 || code === 1, err());
  const expected = outputsOf(join(dir, 'single'));
  const merged = outputsOf(join(dir, 'merged'));
  t.deepEqual([...merged.keys()], [...expected.keys()]);
  t.true(
    expected.has('run-data.ndjson') &&
      expected.has('results.ndjson') &&
      expected.has('articles.csv') &&
      expected.has('report.md'),
  );
  for (const [name, text] of expected) t.is(merged.get(name), text, `${name} differs`);

  const missing = collectingIo();
  t.is(
    await runMerge(
      [shardDirs[0] as string, shardDirs[2] as string, '--out', join(dir, 'partial')],
      missing.io,
    ),
    2,
  );
  t.regex(missing.err(), /shard 2\/3 missing/);
  const twice = collectingIo();
  t.is(
    await runMerge(
      [shardDirs[0] as string, shardDirs[0] as string, shardDirs[1] as string, '--out', join(dir, 'x')],
      twice.io,
    ),
    2,
  );
  t.regex(twice.err(), /both shard 1\/3/);
  const whole = collectingIo();
  t.is(await runMerge([join(dir, 'single'), '--out', join(dir, 'y')], whole.io), 2);
  t.regex(whole.err(), /not a shard/);
});
